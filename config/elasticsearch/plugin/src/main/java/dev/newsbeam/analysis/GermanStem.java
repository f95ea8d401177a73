package dev.newsbeam.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * German as Elasticsearch's german analyzer reads it: umlauts and ß normalized ("Wähler" and
 * "Waehler" meet), then Lucene's light stemmer. Put it after the German stop filter, whose list
 * is spelled with umlauts.
 */
@NamedComponent("newsbeam_german_stem")
public class GermanStem implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new GermanLightStemFilter(new GermanNormalizationFilter(tokenStream));
    }

    /** Wildcard and prefix queries see the same spelling as the index. */
    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return new GermanNormalizationFilter(tokenStream);
    }
}
