package org.heritagecommons.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * The `ngram` token filter: Lucene's {@link NGramTokenFilter}, every substring of each token
 * from min_gram to max_gram characters ("museum" with 3..4 → "mus", "muse", "use", …).
 * Wagtail's admin index defines {@code "ngram": {"type": "ngram", "min_gram": 3, "max_gram": 15}}
 * for its ngram_analyzer; the test node's core has no such filter. Settings: {@link NGramSettings}.
 *
 * <p>Listed in named_components.json (src/main/plugin), which Elasticsearch reads
 * instead of scanning the jar; keep the two in step.
 */
@NamedComponent("ngram")
public class NGramTokenFilterFactory implements TokenFilterFactory {
    private final int minGram;
    private final int maxGram;
    private final boolean preserveOriginal;

    @Inject
    public NGramTokenFilterFactory(NGramSettings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        this.preserveOriginal = settings.preserveOriginal();
        Grams.check("ngram", minGram, maxGram);
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new NGramTokenFilter(input, minGram, maxGram, preserveOriginal);
    }
}
