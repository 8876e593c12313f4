package org.heritagecommons.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * The `edge_ngram` token filter: Lucene's {@link EdgeNGramTokenFilter}, the prefixes of each
 * token from min_gram to max_gram characters ("museum" with 1..3 → "m", "mu", "mus"), which
 * is what search-as-you-type matches against. Wagtail's admin index defines
 * {@code "edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15}} for its
 * edgengram_analyzer; the test node's core has no such filter. Settings:
 * {@link EdgeNGramSettings}; {@code "side": "back"} takes the suffixes instead (reversed,
 * cut, reversed back, as Elasticsearch's own filter does).
 *
 * <p>Listed in named_components.json (src/main/plugin), which Elasticsearch reads
 * instead of scanning the jar; keep the two in step.
 */
@NamedComponent("edge_ngram")
public class EdgeNGramTokenFilterFactory implements TokenFilterFactory {
    private final int minGram;
    private final int maxGram;
    private final boolean back;
    private final boolean preserveOriginal;

    @Inject
    public EdgeNGramTokenFilterFactory(EdgeNGramSettings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        this.preserveOriginal = settings.preserveOriginal();
        Grams.check("edge_ngram", minGram, maxGram);
        this.back = Grams.isBack("edge_ngram", settings.side());
    }

    @Override
    public TokenStream create(TokenStream input) {
        if (back) {
            return new ReverseStringFilter(
                new EdgeNGramTokenFilter(new ReverseStringFilter(input), minGram, maxGram, preserveOriginal));
        }
        return new EdgeNGramTokenFilter(input, minGram, maxGram, preserveOriginal);
    }
}
