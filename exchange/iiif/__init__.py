"""IIIF under ``/iiif/``: manifests, collections, the image service, and oral histories.

The oral-history page's link to its manifest (``heritage_page_alternates``: the
``<link rel="alternate">`` in every page's head, the visible link where a template
includes ``includes/page_alternates.html``) is registered here, beside the artifact's
in ``exchange/wagtail_hooks.py``, which imports this package (so Wagtail's hook
discovery runs this). The function loads its models only when called.
"""

from wagtail import hooks


@hooks.register("heritage_page_alternates")
def oral_history_alternates(page, context) -> list[dict]:
    from .oral_histories import alternates

    return alternates(page, context)
