"""A long exhibition story costs the same number of queries as a short one.

Each block type loads what all its blocks need at once (``blocks.prepare_story``), so
the count depends on which block types a story uses, not on how many blocks, artifacts,
clips or images it has.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from .stories import build_story


def queries_for(client, url: str) -> tuple[int, str]:
    client.get(url)  # warm up: renditions are made on the first view
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.django_db
def test_a_30_block_exhibition_renders_with_as_many_queries_as_a_short_one(client, tree):
    short = build_story(tree, artifacts=1, per_showcase=1, clips=1, gallery=2, blocks=10)
    short_count, _html = queries_for(client, short.url)

    long = build_story(tree, parent=tree.exhibitions)
    assert len(long.body) == 30
    long_count, html = queries_for(client, long.url)

    print(f"\nqueries: 10-block story {short_count}, 30-block story {long_count}")
    assert long_count == short_count
    # And everything was really rendered: 10 artifacts, 3 clips, 12 gallery images.
    assert html.count('class="showcase__item"') == 10
    assert html.count("<audio") == 3
    assert html.count('class="gallery-block__item') == 12
