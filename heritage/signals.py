"""Signals any app may send without knowing who listens (apps depend downward only).

``pages_changed``: something outside a page's revisions changed what the public may
see of these pages (consent on a recording, a withdrawn item). Send with
``pages=[page, …]``; the search app re-indexes them at once. A sender whose pages
are current and carry every relation they show (the bulk importer builds them so)
adds ``loaded=True``: listeners may then use the objects instead of loading them again.
"""

from django.dispatch import Signal

pages_changed = Signal()
