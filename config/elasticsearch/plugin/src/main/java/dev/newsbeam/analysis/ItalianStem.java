package dev.newsbeam.analysis;

import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Lucene's light Italian stemmer, as in Elasticsearch's italian analyzer. */
@NamedComponent("newsbeam_italian_stem")
public class ItalianStem implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ItalianLightStemFilter(tokenStream);
    }
}
