package org.heritagecommons.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * The `asciifolding` token filter: Lucene's {@link ASCIIFoldingFilter}, which folds letters
 * outside Basic Latin to their ASCII equivalents ("Café Müller" → "cafe muller"). Wagtail's
 * admin index (modelsearch's ngram_analyzer and edgengram_analyzer) names it, and the test
 * node's core has no such filter. Also applied when normalizing (keyword normalizers,
 * wildcard and prefix queries), as Elasticsearch's own filter is.
 *
 * <p>Listed in named_components.json (src/main/plugin), which Elasticsearch reads
 * instead of scanning the jar; keep the two in step.
 */
@NamedComponent("asciifolding")
public class AsciiFoldingTokenFilterFactory implements TokenFilterFactory {
    private final boolean preserveOriginal;

    @Inject
    public AsciiFoldingTokenFilterFactory(AsciiFoldingSettings settings) {
        this.preserveOriginal = settings.preserveOriginal();
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new ASCIIFoldingFilter(input, preserveOriginal);
    }

    @Override
    public TokenStream normalize(TokenStream input) {
        // One term in, one term out: the original is never kept here.
        return new ASCIIFoldingFilter(input, false);
    }
}
