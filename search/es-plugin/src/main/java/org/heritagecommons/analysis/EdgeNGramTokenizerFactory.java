package org.heritagecommons.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

/**
 * The `edge_ngram` tokenizer: Lucene's {@link EdgeNGramTokenizer}, the prefixes of the whole
 * text from min_gram to max_gram characters (no {@code token_chars}: every character is a
 * token character). Wagtail's admin index defines
 * {@code "edgengram_tokenizer": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15, "side": "front"}};
 * without a tokenizer of that type the test node refuses the whole index. {@code side} is
 * a legacy setting Wagtail still sends: Lucene's tokenizer only cuts from the front, so
 * "front" (the default) is accepted and anything else refused rather than silently ignored.
 * Settings: {@link EdgeNGramSettings} (preserve_original does not apply).
 *
 * <p>Listed in named_components.json (src/main/plugin), which Elasticsearch reads
 * instead of scanning the jar; keep the two in step.
 */
@NamedComponent("edge_ngram")
public class EdgeNGramTokenizerFactory implements TokenizerFactory {
    private final int minGram;
    private final int maxGram;

    @Inject
    public EdgeNGramTokenizerFactory(EdgeNGramSettings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        Grams.check("edge_ngram", minGram, maxGram);
        if (Grams.isBack("edge_ngram", settings.side())) {
            throw new IllegalArgumentException(
                "[edge_ngram] the tokenizer only takes grams from the front: side must be \"front\"");
        }
    }

    @Override
    public Tokenizer create() {
        return new EdgeNGramTokenizer(minGram, maxGram);
    }
}
