"""Backup and restore on the real engines: a package written from the running stack
(PostgreSQL, the S3 buckets) restores into an empty stack of its own (a new database,
new buckets, a new Elasticsearch index), the worker rebuilds the search index, and every
page, file and checksum comes back with nothing closed made public.

The suite's ``tests/test_backup.py`` covers the package itself (layout, tampering,
refusals) on SQLite and PostgreSQL with local folders; this is the same round trip as
an operator runs it in production.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import boto3
import psycopg
import pytest
from elasticsearch import Elasticsearch
from psycopg import sql

from tests.stack.conftest import ROOT, Stack, poll

pytestmark = pytest.mark.stack

PAGES_SQL = "SELECT id, title_en, title_fr, live, path, url_path FROM wagtailcore_page ORDER BY id"
RECORDINGS_SQL = (
    "SELECT id, page_id, scope, withdrawn_at, file, access_copy, consent_form, sha256 "
    "FROM oral_histories_recording ORDER BY id"
)

TASKS_TABLE = "django_tasks_database_dbtaskresult"

ARCHIVE = """
from django.core.files.base import ContentFile
from django.utils import timezone
from oral_histories.factories import OralHistoryPageFactory, RecordingFactory, TranscriptFactory
from oral_histories.models import OralHistoryIndexPage, Scope

section = OralHistoryIndexPage.objects.first()
tag = "{tag}"
spoken = RecordingFactory(
    page=OralHistoryPageFactory(parent=section, title=f"Arriving {{tag}}", slug=f"arriving-{{tag}}"),
    scope=Scope.PUBLIC,
    consent_form=ContentFile(b"%PDF-1.4 signed", name="consent.pdf"),
)
TranscriptFactory(recording=spoken, lines=[(0.0, 4.0, "Fatma", "Je suis arrivee au port.")])
withdrawn = RecordingFactory(
    page=OralHistoryPageFactory(parent=section, title=f"Withdrawn {{tag}}", slug=f"withdrawn-{{tag}}"),
    scope=Scope.PUBLIC,
    withdrawn_at=timezone.now(),
    withdrawal_reason="The narrator asked.",
)
result = {{"spoken": spoken.page_id, "withdrawn": withdrawn.page_id}}
"""


def s3(env: dict[str, str]):
    return boto3.client(
        "s3",
        endpoint_url=env["HERITAGE_S3_ENDPOINT_URL"],
        region_name=env.get("HERITAGE_S3_REGION", "us-east-1"),
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )


def bucket_files(client, bucket: str) -> dict[str, str]:
    """key → SHA-256 of every object in ``bucket``."""
    files = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for entry in page.get("Contents", []):
            body = client.get_object(Bucket=bucket, Key=entry["Key"])["Body"].read()
            files[entry["Key"]] = hashlib.sha256(body).hexdigest()
    return files


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def rows(url: str, query: str) -> list[tuple]:
    with psycopg.connect(url) as connection:
        return connection.execute(query).fetchall()


def indexed_ids(env: dict[str, str], index: str) -> set[str]:
    client = Elasticsearch(env["ELASTICSEARCH_URL"].split(","))
    client.indices.refresh(index=index)
    answer = client.search(index=index, query={"match_all": {}}, size=10000, source=False)
    return {hit["_id"] for hit in answer["hits"]["hits"]}


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.fixture
def empty_stack(stack: Stack):
    """A second, empty set of engines beside the stack's: database, buckets, search
    index and cache database of its own, on the same servers."""
    tag = uuid.uuid4().hex[:10]
    env = dict(stack.env)
    database = f"heritage_restore_{tag}"
    admin = with_database(stack.env["DATABASE_URL"], "postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {} OWNER heritage").format(sql.Identifier(database)))
    client = s3(stack.env)
    buckets = {"HERITAGE_S3_BUCKET": f"restore-public-{tag}", "HERITAGE_S3_PRIVATE_BUCKET": f"restore-private-{tag}"}
    for bucket in buckets.values():
        client.create_bucket(Bucket=bucket)
    env.update(
        buckets,
        DATABASE_URL=with_database(stack.env["DATABASE_URL"], database),
        HERITAGE_SEARCH_INDEX=f"heritage-restore-{tag}",
        REDIS_URL=stack.env["REDIS_URL"].rsplit("/", 1)[0] + "/9",
        HERITAGE_PURGE_URL="",  # nothing in front of the restored stack
    )
    try:
        yield env
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
        for bucket in buckets.values():
            for key in bucket_files(client, bucket):
                client.delete_object(Bucket=bucket, Key=key)
            client.delete_bucket(Bucket=bucket)
        search = Elasticsearch(stack.env["ELASTICSEARCH_URL"].split(","))
        search.indices.delete(index=f"heritage-restore-{tag}*", ignore_unavailable=True, allow_no_indices=True)


def test_a_backup_of_the_stack_restores_into_empty_engines_with_every_page_file_and_checksum(
    stack: Stack, empty_stack: dict[str, str], tmp_path: Path
):
    made = stack.python(ARCHIVE.format(tag=uuid.uuid4().hex[:8]))
    # The worker indexes the new pages in the stack's own Elasticsearch.
    source_index = stack.env["HERITAGE_SEARCH_INDEX"]
    poll(lambda: str(made["spoken"]) in indexed_ids(stack.env, source_index), what="the stack to index the page")

    package = tmp_path / "package"
    written = manage(stack.env, "backup", str(package), "--label", "stack round trip")
    assert written.returncode == 0, written.stderr[-3000:]

    restored = manage(empty_stack, "restore", str(package), "--yes")
    assert restored.returncode == 0, restored.stderr[-3000:]
    assert "queued for the worker" in restored.stdout  # the search index is the worker's job
    worked = manage(empty_stack, "worker", "--batch", "--queue-name", "*", "--no-startup-delay")
    assert worked.returncode == 0, worked.stderr[-3000:]
    tasks = rows(
        empty_stack["DATABASE_URL"],
        f"SELECT task_path, status, exception_class_path, right(traceback, 600) FROM {TASKS_TABLE} WHERE task_path LIKE 'heritage.backup.%'",
    )
    assert [row[:3] for row in tasks] == [("heritage.backup.rebuild_derived_task", "SUCCESSFUL", "")], tasks

    # Every page and every consent decision, as they were.
    assert rows(empty_stack["DATABASE_URL"], PAGES_SQL) == rows(stack.env["DATABASE_URL"], PAGES_SQL)
    assert rows(empty_stack["DATABASE_URL"], RECORDINGS_SQL) == rows(stack.env["DATABASE_URL"], RECORDINGS_SQL)

    # Every file of both buckets, byte for byte under its own key (SHA-256 read back
    # from the S3 server), and no recording or consent form in the public bucket.
    client = s3(stack.env)
    for bucket_setting in ("HERITAGE_S3_BUCKET", "HERITAGE_S3_PRIVATE_BUCKET"):
        source = bucket_files(client, stack.env[bucket_setting])
        assert bucket_files(client, empty_stack[bucket_setting]) == source, bucket_setting
    public = bucket_files(client, empty_stack["HERITAGE_S3_BUCKET"])
    recording_keys = {key for row in rows(empty_stack["DATABASE_URL"], RECORDINGS_SQL) for key in row[4:7] if key}
    assert recording_keys and not recording_keys & public.keys()

    # The restored search index was rebuilt by the worker through the visibility rule:
    # the same documents as the stack's own, the withdrawn recording's page not among them.
    restored_ids = indexed_ids(empty_stack, empty_stack["HERITAGE_SEARCH_INDEX"])
    assert str(made["spoken"]) in restored_ids
    assert str(made["withdrawn"]) not in restored_ids
    assert restored_ids == indexed_ids(stack.env, source_index)
