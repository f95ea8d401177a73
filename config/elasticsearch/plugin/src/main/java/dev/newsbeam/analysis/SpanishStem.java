package dev.newsbeam.analysis;

import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Lucene's light Spanish stemmer, as in Elasticsearch's spanish analyzer. */
@NamedComponent("newsbeam_spanish_stem")
public class SpanishStem implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new SpanishLightStemFilter(tokenStream);
    }
}
