"""Background work of the search app: none of its own. Page changes reach both indexes
through the outbox (``heritage.outbox``: ``drain_outbox_task`` per writer, retried with
back-off while Elasticsearch is away; the writers are in ``search.outbox``)."""
