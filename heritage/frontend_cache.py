"""Wagtail's frontend cache app, without its own publish/unpublish purges.

Why: Wagtail's handlers purge a page's URL in one language (the editor's) and before
the transaction commits, so with the immediate task backend a visitor arriving between
the purge and the commit puts the old page back into the cache. ``heritage.signals``
purges every language, the listings and the old URLs, after commit
(``heritage.cache_purge``); the backends, ``purge_*`` functions and the purge task are
Wagtail's and stay. Installed as ``heritage.frontend_cache.FrontendCacheConfig`` in
place of ``wagtail.contrib.frontend_cache`` (same label, same app).
"""

from wagtail.contrib.frontend_cache.apps import WagtailFrontendCacheAppConfig


class FrontendCacheConfig(WagtailFrontendCacheAppConfig):
    def ready(self):
        """Not ``register_signal_handlers()``: see the module docstring."""
