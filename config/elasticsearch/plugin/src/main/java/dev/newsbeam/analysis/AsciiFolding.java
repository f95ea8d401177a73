package dev.newsbeam.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * Accents folded to ASCII ("élection" finds "election" and back), for the Latin-script
 * languages whose readers often type without accents. Put it after the stemmer: Lucene's
 * light stemmers expect the accented spelling.
 */
@NamedComponent("newsbeam_ascii_folding")
public class AsciiFolding implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ASCIIFoldingFilter(tokenStream);
    }

    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return new ASCIIFoldingFilter(tokenStream);
    }
}
