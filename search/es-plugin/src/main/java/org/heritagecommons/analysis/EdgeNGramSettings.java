package org.heritagecommons.analysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * Settings of the `edge_ngram` token filter and the `edge_ngram` tokenizer (e.g.
 * {@code {"type": "edge_ngram", "min_gram": 2, "max_gram": 15, "side": "front"}}, as
 * Wagtail's admin index names its tokenizer). Defaults as in Elasticsearch's own
 * analysis-common components (1 and 2).
 *
 * <p>{@code side} is a legacy setting: Wagtail still sends it. The filter honours it
 * ("front", or "back" for grams taken from the end of the token, as Elasticsearch's own
 * filter does); the tokenizer only ever cut from the front, so there it must be "front".
 */
@AnalysisSettings
public interface EdgeNGramSettings {
    @IntSetting(path = "min_gram", defaultValue = 1)
    int minGram();

    @IntSetting(path = "max_gram", defaultValue = 2)
    int maxGram();

    @StringSetting(path = "side", defaultValue = "front")
    String side();

    /** Filters only: also emit the whole token when it is longer than max_gram. */
    @BooleanSetting(path = "preserve_original", defaultValue = false)
    boolean preserveOriginal();
}
