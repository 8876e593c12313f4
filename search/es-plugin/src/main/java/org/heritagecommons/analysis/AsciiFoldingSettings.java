package org.heritagecommons.analysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;

/** Settings of the `asciifolding` token filter: {@code preserve_original} as in Elasticsearch's own. */
@AnalysisSettings
public interface AsciiFoldingSettings {
    @BooleanSetting(path = "preserve_original", defaultValue = false)
    boolean preserveOriginal();
}
