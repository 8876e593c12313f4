package org.heritagecommons.analysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;

/**
 * Settings of the `ngram` token filter and the `ngram` tokenizer, read from the component's
 * definition in the index settings (e.g. {@code {"type": "ngram", "min_gram": 3, "max_gram": 15}}).
 * Elasticsearch implements this interface itself and hands it to the factory's
 * {@code @Inject} constructor. The defaults are those of Elasticsearch's own analysis-common
 * components (1 and 2), so an index written for a full distribution means the same here.
 *
 * <p>Not enforced: {@code index.max_ngram_diff} (a stable plugin sees only its own
 * component's settings, not the index's); Elasticsearch's own factories refuse a
 * {@code max_gram - min_gram} above it.
 */
@AnalysisSettings
public interface NGramSettings {
    @IntSetting(path = "min_gram", defaultValue = 1)
    int minGram();

    @IntSetting(path = "max_gram", defaultValue = 2)
    int maxGram();

    /** Filters only: also emit the whole token when it is shorter or longer than the grams. */
    @BooleanSetting(path = "preserve_original", defaultValue = false)
    boolean preserveOriginal();
}
