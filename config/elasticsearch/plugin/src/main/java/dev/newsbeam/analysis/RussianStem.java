package dev.newsbeam.analysis;

import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.tartarus.snowball.ext.RussianStemmer;
import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Snowball's Russian stemmer, as in Elasticsearch's russian analyzer: the cases of a noun meet ("санкции", "санкций", "санкциям"). */
@NamedComponent("newsbeam_russian_stem")
public class RussianStem implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new SnowballFilter(tokenStream, new RussianStemmer());
    }
}
