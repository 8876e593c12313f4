"""After ``migrate`` (every deployment), a changed ``HERITAGE_BASE_URL`` queues
``exchange.tasks.announce_base_url``. Page changes reach the OAI-PMH records through
the outbox (``heritage.outbox``, ``exchange.outbox``).
"""

from __future__ import annotations

from django.db import DatabaseError


def announce_base_url_after_migrate(sender, using="default", **kwargs):
    """``HERITAGE_BASE_URL`` changed since the records were last announced: queue the
    task that gives them new datestamps (``exchange.tasks.announce_base_url``)."""
    from .oai.records import base_url_changed
    from .tasks import announce_base_url

    try:
        changed = base_url_changed()
    except DatabaseError:  # e.g. migrating backwards, the table gone
        return
    if changed:
        announce_base_url.enqueue()
