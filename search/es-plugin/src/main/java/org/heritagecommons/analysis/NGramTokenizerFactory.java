package org.heritagecommons.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

/**
 * The `ngram` tokenizer: Lucene's {@link NGramTokenizer}, every substring of the whole text
 * from min_gram to max_gram characters, spaces and punctuation included (no
 * {@code token_chars}: every character is a token character). Wagtail's admin index defines
 * {@code "ngram_tokenizer": {"type": "ngram", "min_gram": 3, "max_gram": 15}}; without a
 * tokenizer of that type the test node refuses the whole index ("Unknown tokenizer type
 * [ngram]"). Settings: {@link NGramSettings} (preserve_original does not apply).
 *
 * <p>Listed in named_components.json (src/main/plugin), which Elasticsearch reads
 * instead of scanning the jar; keep the two in step.
 */
@NamedComponent("ngram")
public class NGramTokenizerFactory implements TokenizerFactory {
    private final int minGram;
    private final int maxGram;

    @Inject
    public NGramTokenizerFactory(NGramSettings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        Grams.check("ngram", minGram, maxGram);
    }

    @Override
    public Tokenizer create() {
        return new NGramTokenizer(minGram, maxGram);
    }
}
