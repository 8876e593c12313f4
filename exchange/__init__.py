"""Partner data out: the Wagtail API v2 (``/api/v2/``), IIIF Presentation 3.0
manifests and a level-0 Image API (``/iiif/``), and OAI-PMH 2.0 (``/oai/``).

Like ``search``, this app sits on top: it reads pages of every app and is imported by
none of them. What it publishes is decided once, in ``heritage.visibility``
(``open_pages`` and ``keep_open``), the same test the sitemap uses, so withdrawn,
restricted, community-only, embargoed, draft and view-restricted material never
leaves through any of these doors.
"""
