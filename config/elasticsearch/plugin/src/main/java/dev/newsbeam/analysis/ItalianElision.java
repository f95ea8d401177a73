package dev.newsbeam.analysis;

import java.util.List;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Italian elision: "dell'Unione" is indexed as "Unione". */
@NamedComponent("newsbeam_italian_elision")
public class ItalianElision implements TokenFilterFactory {
    // Lucene's ItalianAnalyzer keeps its list private; this is the same list (Elasticsearch's too).
    private static final CharArraySet ARTICLES = CharArraySet.unmodifiableSet(new CharArraySet(
        List.of("c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl",
            "un", "m", "t", "s", "v", "d"),
        true));

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ElisionFilter(tokenStream, ARTICLES);
    }

    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return create(tokenStream);
    }
}
