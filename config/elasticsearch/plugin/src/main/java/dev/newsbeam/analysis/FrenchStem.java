package dev.newsbeam.analysis;

import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Lucene's light French stemmer, as in Elasticsearch's french analyzer. */
@NamedComponent("newsbeam_french_stem")
public class FrenchStem implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new FrenchLightStemFilter(tokenStream);
    }
}
