package dev.newsbeam.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * Arabic as Elasticsearch's arabic analyzer reads it: orthographic normalization (alef forms,
 * teh marbuta, diacritics), then Lucene's light prefix/suffix stemmer. Put it after the Arabic
 * stop filter.
 */
@NamedComponent("newsbeam_arabic_stem")
public class ArabicStem implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ArabicStemFilter(new ArabicNormalizationFilter(tokenStream));
    }

    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return new ArabicNormalizationFilter(tokenStream);
    }
}
