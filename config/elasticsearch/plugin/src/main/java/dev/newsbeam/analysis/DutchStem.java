package dev.newsbeam.analysis;

import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.tartarus.snowball.ext.DutchStemmer;
import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Snowball's Dutch stemmer, as in Elasticsearch's dutch analyzer. */
@NamedComponent("newsbeam_dutch_stem")
public class DutchStem implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new SnowballFilter(tokenStream, new DutchStemmer());
    }
}
