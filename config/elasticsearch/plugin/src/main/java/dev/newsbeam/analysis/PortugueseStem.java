package dev.newsbeam.analysis;

import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Lucene's light Portuguese stemmer, as in Elasticsearch's portuguese analyzer. */
@NamedComponent("newsbeam_portuguese_stem")
public class PortugueseStem implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new PortugueseLightStemFilter(tokenStream);
    }
}
