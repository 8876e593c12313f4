"""``manage.py backup`` and ``manage.py restore``: a package that restores, for real.

The archive is built with the apps' factories (an artifact with an image, an oral
history with a recording, transcript and signed consent form, a restricted and a
withdrawn recording, a draft page), backed up with ``call_command``, then restored by a
separate ``manage.py restore`` process into a *fresh* database (a new SQLite file, or a
new PostgreSQL database when DATABASE_URL is set) and fresh storage folders, which a
second connection then reads. The data is committed (the ``archive`` fixture makes the tests
transactional): pg_dump and SQLite's online backup see only committed rows.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

import bagit
import pytest

from archive.factories import ArtifactImageFactory, ArtifactPageFactory
from exchange.models import HarvestRecord
from heritage.backup import compare_migrations, walk_storage
from oral_histories.factories import OralHistoryPageFactory, RecordingFactory, TranscriptFactory
from oral_histories.models import Scope
from search.models import SearchDocument

LINES = [
    (0.0, 4.0, "Fatma", "Je suis arrivée au port en 1962."),
    (4.0, 8.0, "Fatma", "Le bateau s'appelait Ville d'Alger."),
]
RESTRICTED_LINES = [(0.0, 4.0, "Salah", "Mon cousin Karim Benali travaillait aux docks.")]
WITHDRAWN_LINES = [(0.0, 4.0, "Leila", "Nous habitions rue Zebda, près du marché.")]

PAGES_SQL = "SELECT id, title_en, title_fr, title_de, title_ar, live, path, url_path FROM wagtailcore_page ORDER BY id"
RECORDINGS_SQL = (
    "SELECT id, page_id, scope, withdrawn_at, withdrawal_reason, embargo_until, file, consent_form, sha256 "
    "FROM oral_histories_recording ORDER BY id"
)


@pytest.fixture
def archive(wagtail_root, tree):
    """A small archive with something of every kind a backup must carry."""
    artifact = ArtifactPageFactory(
        parent=tree.collection,
        institution=tree.institution,
        title="Harbour letter",
        title_fr="Lettre du port",
        title_de="Hafenbrief",
        title_ar="رسالة الميناء",
        slug="harbour-letter",
    )
    ArtifactImageFactory(page=artifact)
    draft = ArtifactPageFactory(
        parent=tree.collection, institution=tree.institution, title="Unfinished draft", slug="draft", live=False
    )
    spoken = RecordingFactory(
        page=OralHistoryPageFactory(parent=tree.oral_histories, title="Arriving in Marseille", slug="arriving"),
        scope=Scope.PUBLIC,
        consent_form=ContentFile(b"%PDF-1.4\n% signed by the narrator\n", name="consent-fatma.pdf"),
    )
    TranscriptFactory(recording=spoken, lines=LINES)
    restricted = RecordingFactory(
        page=OralHistoryPageFactory(parent=tree.oral_histories, title="The docks", slug="docks"),
        scope=Scope.RESTRICTED,
        consent_notes="Only inside the archive.",
    )
    TranscriptFactory(recording=restricted, lines=RESTRICTED_LINES)
    withdrawn = RecordingFactory(
        page=OralHistoryPageFactory(parent=tree.oral_histories, title="Rue Zebda", slug="zebda"),
        scope=Scope.PUBLIC,
        withdrawn_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
        withdrawal_reason="The narrator asked.",
    )
    TranscriptFactory(recording=withdrawn, lines=WITHDRAWN_LINES)
    return {"artifact": artifact, "draft": draft, "spoken": spoken, "restricted": restricted, "withdrawn": withdrawn}


@dataclass
class Stack:
    """A fresh database and storage folders for a restore, read over a second connection."""

    database_url: str
    media: Path
    private: Path
    sqlite_path: Path | None = None
    pg_dsn: dict | None = None

    def rows(self, sql: str) -> list[tuple]:
        if self.sqlite_path is not None:
            with sqlite3.connect(self.sqlite_path) as restored:
                return restored.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(**self.pg_dsn) as restored:
            return restored.execute(sql).fetchall()

    def tables(self) -> list[str]:
        if self.sqlite_path is not None:
            return [row[0] for row in self.rows("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return [row[0] for row in self.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in ("ELASTICSEARCH_URL", "REDIS_URL", "DATABASE_URL")}
        env.update(
            DJANGO_SETTINGS_MODULE="tests.restore_settings",
            DATABASE_URL=self.database_url,
            MEDIA_ROOT=str(self.media),
            HERITAGE_PRIVATE_MEDIA_ROOT=str(self.private),
        )
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )


def pg_dsn(name: str) -> dict:
    source = connection.settings_dict
    dsn = {"dbname": name, "host": source["HOST"], "port": source["PORT"], "user": source["USER"]}
    dsn["password"] = source["PASSWORD"]
    return {key: value for key, value in dsn.items() if value}


@pytest.fixture
def fresh_stack(tmp_path):
    media, private = tmp_path / "restored-media", tmp_path / "restored-private"
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield Stack(database_url=f"sqlite:///{path}", media=media, private=private, sqlite_path=path)
        return
    import psycopg
    from psycopg import sql

    name = f"heritage_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**pg_dsn(connection.settings_dict["NAME"]), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    source = connection.settings_dict
    credentials = quote(source["USER"] or "", safe="") + (
        f":{quote(source['PASSWORD'], safe='')}" if source["PASSWORD"] else ""
    )
    url = f"postgres://{credentials}@{source['HOST'] or 'localhost'}:{source['PORT'] or 5432}/{name}"
    try:
        yield Stack(database_url=url, media=media, private=private, pg_dsn=pg_dsn(name))
    finally:
        with psycopg.connect(**pg_dsn(connection.settings_dict["NAME"]), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def storage_files(alias: str) -> dict[str, str]:
    """name → SHA-256 of every file in a configured storage."""
    storage = storages[alias]
    files = {}
    for name in walk_storage(storage):
        with storage.open(name, "rb") as handle:
            files[name] = sha256(handle.read())
    return files


def folder_files(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {path.relative_to(root).as_posix(): sha256(path.read_bytes()) for path in root.rglob("*") if path.is_file()}


def plain(rows: list[tuple]) -> list[tuple]:
    """Dates as text: Django's SQLite cursor converts them, a plain sqlite3 one does not."""
    return [tuple(str(v) if isinstance(v, datetime.date) else v for v in row) for row in rows]


def source_rows(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return plain(cursor.fetchall())


def backup(dest: Path, **options) -> str:
    out = io.StringIO()
    call_command("backup", str(dest), stdout=out, **options)
    return out.getvalue()


def test_a_backup_restored_into_a_fresh_stack_gives_back_every_page_file_and_consent(archive, fresh_stack, tmp_path):
    # A stale index must not survive a restore: the package's copy is dropped and rebuilt
    # from the pages. The withdrawn page is planted in it, the public artifact left out.
    SearchDocument.objects.filter(page_id=archive["artifact"].pk).delete()
    planted = SearchDocument.objects.get(page_id=archive["spoken"].page_id)
    planted.pk = archive["withdrawn"].page_id
    planted.save()
    HarvestRecord.objects.all().delete()

    dest = tmp_path / "heritage-backup"
    output = backup(dest, label="before the move")
    assert f"Backup written to {dest}" in output

    assert dest.stat().st_mode & 0o077 == 0, "recordings and consent forms readable by other users"
    bag = bagit.Bag(str(dest))
    assert bag.is_valid()
    assert "sha256" in bag.algorithms
    assert bag.info["Internal-Sender-Identifier"] == "before the move"
    assert bag.info["Heritage-Database-Vendor"].startswith(connection.vendor)
    from django.db.migrations.loader import MigrationLoader

    leaves = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes("oral_histories")
    assert f"oral_histories.{leaves[0][1]}" in bag.info["Heritage-Migration"]  # the newest applied
    dump = {"sqlite": "heritage.sqlite3", "postgresql": "heritage.pgdump"}[connection.vendor]
    assert (dest / "data" / "database" / dump).stat().st_size > 0
    media, private = storage_files("default"), storage_files("private")
    recording_files = {archive["spoken"].file.name, archive["spoken"].consent_form.name, archive["withdrawn"].file.name}
    assert recording_files <= private.keys()
    assert archive["artifact"].gallery_images.first().image.file.name in media
    for folder, files in (("media", media), ("private", private)):
        for name, digest in files.items():
            assert bag.entries[f"data/{folder}/{name}"]["sha256"] == digest, name

    result = fresh_stack.manage("restore", str(dest), "--yes")
    assert result.returncode == 0, result.stderr
    assert "search indexes and OAI-PMH records: rebuilt" in result.stdout

    # Every page, in every language, where it was and as live as it was.
    assert plain(fresh_stack.rows(PAGES_SQL)) == source_rows(PAGES_SQL)
    assert ("Lettre du port", "Hafenbrief", "رسالة الميناء") in [row[2:5] for row in fresh_stack.rows(PAGES_SQL)]
    # Every file, byte for byte, under its own name.
    assert folder_files(fresh_stack.media) == media
    assert folder_files(fresh_stack.private) == private
    # Consent exactly as it was: scope, withdrawal, embargo, the signed form.
    assert plain(fresh_stack.rows(RECORDINGS_SQL)) == source_rows(RECORDINGS_SQL)

    # The derived data was rebuilt through the visibility rules, not copied.
    indexed = dict(fresh_stack.rows("SELECT page_id, text FROM heritage_search_searchdocument"))
    assert archive["artifact"].pk in indexed
    assert archive["spoken"].page_id in indexed
    assert archive["withdrawn"].page_id not in indexed, "a withdrawn recording came back into search"
    assert archive["draft"].pk not in indexed
    assert "karim" not in indexed[archive["restricted"].page_id].lower(), "a restricted transcript reached search"
    records = dict(fresh_stack.rows("SELECT page_id, deleted FROM exchange_harvestrecord"))
    assert archive["artifact"].pk in records and not records[archive["artifact"].pk]
    assert records.get(archive["withdrawn"].page_id, True), "a withdrawn recording is offered to harvesters"
    assert archive["draft"].pk not in records or records[archive["draft"].pk]

    # Over that restored stack, only --force goes on: it says what gives way, puts a
    # changed file back and keeps the ones already right.
    changed = fresh_stack.private / archive["spoken"].file.name
    changed.write_bytes(b"damaged")
    refused = fresh_stack.manage("restore", str(dest), "--yes")
    assert refused.returncode != 0 and "Refusing to restore over content" in refused.stderr
    assert changed.read_bytes() == b"damaged"
    forced = fresh_stack.manage("restore", str(dest), "--yes", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "--force: the " in forced.stdout and "is replaced by the package's database" in forced.stdout
    assert f"private: 1 files restored and verified, {len(private) - 1} already in place" in forced.stdout
    assert folder_files(fresh_stack.private) == private


def test_a_tampered_package_is_refused_naming_the_file_and_nothing_is_restored(archive, fresh_stack, tmp_path):
    dest = tmp_path / "heritage-backup"
    backup(dest)
    image = archive["artifact"].gallery_images.first().image.file.name
    tampered = dest / "data" / "media" / image
    data = bytearray(tampered.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))

    result = fresh_stack.manage("restore", str(dest), "--yes")

    assert result.returncode != 0
    assert f"changed: data/media/{image}" in result.stderr
    assert "nothing was restored" in result.stderr
    assert "Traceback" not in result.stderr
    assert folder_files(fresh_stack.media) == {} and folder_files(fresh_stack.private) == {}
    assert fresh_stack.tables() == []


def test_a_restore_over_a_database_with_content_is_refused_without_force(archive, tmp_path):
    dest = tmp_path / "heritage-backup.tar"
    backup(dest)
    assert not (tmp_path / "heritage-backup.partial").exists()
    recording = archive["spoken"]
    with storages["private"].open(recording.file.name, "wb") as handle:
        handle.write(b"edited after the backup")

    with pytest.raises(CommandError, match="Refusing to restore over content") as refused:
        call_command("restore", str(dest), yes=True, stdout=io.StringIO())

    assert "pages" in str(refused.value) and "--force" in str(refused.value)
    with storages["private"].open(recording.file.name, "rb") as handle:
        assert handle.read() == b"edited after the backup", "a refused restore wrote a file"


def test_a_package_from_newer_code_is_refused_before_anything_is_touched(archive, tmp_path):
    dest = tmp_path / "heritage-backup"
    backup(dest)
    migrations = dest / "data" / "database" / "migrations.json"
    applied = json.loads(migrations.read_text())
    migrations.write_text(json.dumps([*applied, ["archive", "9999_from_the_future"]]))
    bagit.Bag(str(dest)).save(manifests=True)  # a consistent package, just newer

    with pytest.raises(CommandError, match=r"newer code.*archive\.9999_from_the_future"):
        call_command("restore", str(dest), yes=True, force=True, stdout=io.StringIO())


def test_a_failed_backup_leaves_nothing_named_as_a_finished_one(archive, tmp_path, monkeypatch):
    storage = storages["private"]
    opened = storage.open

    def failing_open(name, mode="rb"):
        if name == archive["spoken"].consent_form.name:
            raise PermissionError(13, "Permission denied")
        return opened(name, mode)

    monkeypatch.setattr(storage, "open", failing_open)
    dest = tmp_path / "heritage-backup"

    with pytest.raises(CommandError, match=archive["spoken"].consent_form.name):
        backup(dest)

    assert list(tmp_path.iterdir()) == []


def test_the_migrations_of_a_package_are_compared_with_the_code():
    """Older: the missing migrations run after the restore. Newer: refused (above)."""
    from django.db.migrations.loader import MigrationLoader

    everything = set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
    assert compare_migrations(everything).missing == []
    older = compare_migrations(everything - {("oral_histories", "0004_access_copy")})
    assert older.missing == [("oral_histories", "0004_access_copy")] and older.unknown == []
    newer = compare_migrations(everything | {("archive", "9999_from_the_future")})
    assert newer.unknown == [("archive", "9999_from_the_future")] and newer.missing == []
