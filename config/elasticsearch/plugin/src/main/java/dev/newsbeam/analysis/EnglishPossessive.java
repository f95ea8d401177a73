package dev.newsbeam.analysis;

import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** English possessives: "Saturn's" is indexed and searched as "Saturn"; before lowercase or after, either works. */
@NamedComponent("newsbeam_english_possessive")
public class EnglishPossessive implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new EnglishPossessiveFilter(tokenStream);
    }
}
