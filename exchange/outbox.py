"""The OAI-PMH records' writer of the page-change outbox (``heritage.outbox``).

After the commit, on the worker: an editor's publish never waits for metadata to be
rendered. Pages whose content changed are rendered again; pages only opened or closed
(an unpublished ancestor, a view restriction) keep their metadata and change state
(``exchange.oai.records.sync(structural=True)``); a deleted page's record is marked
deleted. Pages the sender handed over loaded (the bulk importer) are used as they are.
"""

from __future__ import annotations

from heritage.outbox import Batch, Writer


class HarvestWriter(Writer):
    name = "oai"
    writes_database = True

    def write(self, batch: Batch) -> dict[str, int]:
        from .oai import records

        counts = {"created": 0, "updated": 0, "deleted": 0}
        given = {pk: page for pk, page in batch.loaded.items() if pk in batch.content}
        work = [
            (sorted(given), {"loaded": given}),
            (sorted(batch.content - set(given)), {}),
            (sorted(batch.structural), {"structural": True}),
        ]
        for ids, kwargs in work:
            if ids:
                for key, value in records.sync(ids, **kwargs).items():
                    counts[key] += value
        return counts


def register_writers() -> None:
    from heritage import outbox

    outbox.register(HarvestWriter())
