package dev.newsbeam.analysis;

import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Porter's English stemmer, as in Elasticsearch's english analyzer: "elections" and "elect" meet. */
@NamedComponent("newsbeam_english_stem")
public class EnglishStem implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new PorterStemFilter(tokenStream);
    }
}
