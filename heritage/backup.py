"""Backups and restores of the whole archive as one BagIt package (RFC 8493).

``manage.py backup DEST`` and ``manage.py restore SOURCE`` are thin shells over the
functions here. A package is a BagIt bag, written and checked with the Library of
Congress' ``bagit`` library (https://github.com/LibraryOfCongress/bagit-python), so any
BagIt tool can verify it years later without this code::

    DEST/
      bagit.txt, bag-info.txt            what, when, which software, which migrations
      manifest-sha256.txt                a checksum for every payload file
      tagmanifest-sha256.txt             … and for the tag files
      data/database/heritage.pgdump      PostgreSQL: pg_dump --format=custom
      data/database/heritage.sqlite3     SQLite: sqlite3's online backup
      data/database/migrations.json      the applied Django migrations
      data/media/…                       STORAGES["default"]: documents, renditions, and
                                         original images on a local disk
      data/private/…                     STORAGES["private"]: recordings, access copies,
                                         consent forms, pending import uploads, and
                                         original images with object storage
                                         (HERITAGE_ORIGINAL_IMAGES_STORAGE)

Why it is consistent: ``pg_dump`` reads one snapshot (a repeatable-read transaction)
while the site keeps writing; SQLite's online backup API
(https://www.sqlite.org/backup.html) copies every page under one read lock, which in
WAL mode does not stop writers. Files are walked through the Storage API
(``listdir``), so the same code copies a local folder or an S3 bucket, one file at a
time through a stream, never whole into memory. The files are copied after the
database snapshot: a file uploaded meanwhile is included (harmless: no row points at
it); a file deleted meanwhile is reported, not silently skipped.

Why it is atomic: the bag is built in ``DEST.partial`` and renamed to ``DEST`` only
when complete; any failure removes the partial folder. A ``DEST`` that exists is
always a finished bag.

A restore validates every checksum before it touches anything, refuses a package whose
migrations are newer than the code, refuses a database or storage that already holds
content (unless forced), then copies the files back under their own names (each one
re-hashed against the manifest where it landed), restores the database, migrates it
forward when the package is older than the code, and rebuilds what is derived from the
data (the search indexes, the OAI-PMH records) through the same visibility rules the
site uses, so nothing closed becomes public on the way.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import bagit
from django_tasks.base import TaskResultStatus

from heritage.tasks import retrying_task

logger = logging.getLogger(__name__)

#: The bag's payload folder of each storage (``data/<folder>/<name>``) → its STORAGES alias.
STORAGE_FOLDERS = {"media": "default", "private": "private"}
DATABASE_FOLDER = "database"
DUMP_NAMES = {"postgresql": "heritage.pgdump", "sqlite": "heritage.sqlite3"}
MIGRATIONS_FILE = "migrations.json"
CHUNK = 1024 * 1024
#: Algorithms of the manifests; BagIt validators accept any of these.
CHECKSUMS = ("sha256", "sha512")
#: What Wagtail's own migrations leave in a new database: the root page and its welcome page.
PAGES_OF_AN_EMPTY_SITE = 2

Progress = Callable[[int, int | None], None]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what and where."""


# --- Writing -------------------------------------------------------------------


@dataclass
class BackupSummary:
    path: Path
    vendor: str
    database_bytes: int
    files: dict[str, int] = field(default_factory=dict)  # bag folder → files
    bytes: dict[str, int] = field(default_factory=dict)  # bag folder → bytes
    missing: list[str] = field(default_factory=list)  # deleted while the backup ran


def walk_storage(storage: Storage, path: str = "") -> Iterator[str]:
    """Every file name in ``storage`` under ``path``, depth first, in name order.

    Only ``listdir`` is used, which FileSystemStorage and django-storages' S3 backend
    both implement; a storage whose root folder does not exist yet is simply empty.
    """
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(path, name) if path else name
    for directory in sorted(directories):
        yield from walk_storage(storage, posixpath.join(path, directory) if path else directory)


def pg_bin(program: str) -> str:
    """``pg_dump`` or ``pg_restore``: from ``HERITAGE_PG_BIN`` if set, else the newest
    PostgreSQL under /usr/lib/postgresql (Debian; a client must not be older than the
    server), else the PATH."""
    configured = getattr(settings, "HERITAGE_PG_BIN", "")
    candidates = [Path(configured) / program] if configured else []
    candidates += sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{program}"),
        key=lambda p: [int(part) if part.isdigit() else 0 for part in p.parts[-3].split(".")],
        reverse=True,
    )
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(program)
    if found:
        return found
    raise BackupError(
        f"{program} not found: install PostgreSQL's client programs (Debian: postgresql-client, the "
        f"server's major version or newer) or set HERITAGE_PG_BIN to the folder that holds {program}."
    )


def pg_environment(settings_dict: dict) -> dict[str, str]:
    """libpq's environment for the configured database: the password never appears
    on a command line (where ``ps`` would show it)."""
    env = dict(os.environ)
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def describe_database(settings_dict: dict, vendor: str) -> str:
    if vendor == "sqlite":
        return f"SQLite database {settings_dict['NAME']}"
    where = settings_dict.get("HOST") or "local socket"
    if settings_dict.get("PORT"):
        where += f":{settings_dict['PORT']}"
    return f"PostgreSQL database {settings_dict['NAME']!r} on {where}"


def dump_database(target: Path, *, using: str = "default") -> None:
    """Write a consistent copy of the database to ``target``."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        run_pg(
            [pg_bin("pg_dump"), "--format=custom", "--no-password", f"--file={target}"],
            connection.settings_dict,
            what="pg_dump",
        )
    elif connection.vendor == "sqlite":
        if connection.in_atomic_block:
            # The online backup would wait forever for this connection's own write lock.
            raise BackupError("Cannot back up SQLite from inside a transaction: run the backup on its own.")
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
            # One self-contained file: no -wal/-shm beside it, inside the bag or later.
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
    else:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")


def run_pg(command: list[str], settings_dict: dict, *, what: str) -> None:
    result = subprocess.run(  # noqa: S603 (a fixed program; arguments are ours)
        command, env=pg_environment(settings_dict), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        detail = result.stderr.strip() or f"exit status {result.returncode}"
        raise BackupError(f"{what} failed for {describe_database(settings_dict, 'postgresql')}: {detail}")


def applied_migrations(*, using: str = "default") -> list[tuple[str, str]]:
    return sorted(MigrationRecorder(connections[using]).applied_migrations())


def latest_migrations(migrations: list[tuple[str, str]]) -> list[str]:
    """``app.name`` of the last applied migration of each app (names sort in order)."""
    latest: dict[str, str] = {}
    for app, name in migrations:
        latest[app] = max(latest.get(app, name), name)
    return [f"{app}.{name}" for app, name in sorted(latest.items())]


def software_version() -> str:
    def version(distribution: str) -> str:
        try:
            return importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            return "unknown"

    return f"heritage-commons {version('heritage-commons')}; Django {version('Django')}; Wagtail {version('wagtail')}"


def content_counts() -> dict[str, str]:
    """What the database holds, for bag-info.txt (and for a person deciding which
    package to restore)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    counts = {
        "Heritage-Pages": f"{Page.objects.count()} ({Page.objects.live().count()} live)",
        "Heritage-Images": str(get_image_model().objects.count()),
        "Heritage-Documents": str(get_document_model().objects.count()),
        "Heritage-Users": str(get_user_model().objects.count()),
    }
    # heritage sits below oral_histories: ask the app registry, do not import it.
    if apps.is_installed("oral_histories"):
        counts["Heritage-Recordings"] = str(apps.get_model("oral_histories", "Recording").objects.count())
    return counts


def human_size(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1000 or unit == "TB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    raise AssertionError("unreachable")


def copy_storage(
    storage: Storage, target: Path, *, folder: str, summary: BackupSummary, progress: Progress | None = None
) -> None:
    """Stream every file of ``storage`` into ``target`` under the same name."""
    names = list(walk_storage(storage))
    count = size = 0
    for done, name in enumerate(names, 1):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            with storage.open(name, "rb") as source, open(destination, "wb") as out:
                shutil.copyfileobj(source, out, CHUNK)
        except FileNotFoundError:
            logger.warning("%s/%s was deleted while the backup ran; not in the package", folder, name)
            summary.missing.append(f"{folder}/{name}")
            destination.unlink(missing_ok=True)
            continue
        except OSError as error:
            raise BackupError(f"Cannot read {name!r} from the {folder} storage: {error}") from error
        count += 1
        size += destination.stat().st_size
        if progress:
            progress(done, len(names))
    summary.files[folder] = count
    summary.bytes[folder] = size


def partial_path(dest: Path) -> Path:
    return dest.with_name(dest.name + ".partial")


def write_backup(
    dest: Path,
    *,
    label: str = "",
    checksums: tuple[str, ...] = ("sha256",),
    using: str = "default",
    progress: Callable[[str], Progress | None] | None = None,
) -> BackupSummary:
    """Write the package to ``dest`` (a new folder, or a tar file when it ends in
    ``.tar``) and return what went in. ``progress(label)`` may return a callback
    ``(done, total)`` for each stage."""
    dest = Path(dest).absolute()
    as_tar = dest.suffix == ".tar"
    if "\n" in label or "\r" in label:
        raise BackupError("The label must be one line.")
    unknown = [name for name in checksums if name not in CHECKSUMS]
    if unknown or not checksums:
        raise BackupError(f"Checksums must be among {', '.join(CHECKSUMS)}, not {', '.join(unknown) or 'none'}.")
    if dest.exists():
        raise BackupError(f"{dest} already exists: choose a new name for each backup.")
    if not dest.parent.is_dir():
        raise BackupError(f"{dest.parent} is not a folder: create it first.")
    work = partial_path(dest.with_suffix("") if as_tar else dest)
    tar_partial = partial_path(dest)
    for leftover in {work, tar_partial}:
        if leftover.exists():
            raise BackupError(
                f"{leftover} exists: another backup is writing there, or one was interrupted. "
                "Remove it once no backup is running."
            )
    connection = connections[using]
    started = timezone.now()
    try:
        # Private recordings and consent forms go in: only the owner may enter (whatever the umask).
        work.mkdir(mode=0o700)
        database = work / DATABASE_FOLDER
        database.mkdir()
        dump = database / DUMP_NAMES.get(connection.vendor, "heritage.dump")
        logger.info("Dumping the %s", describe_database(connection.settings_dict, connection.vendor))
        migrations = applied_migrations(using=using)
        dump_database(dump, using=using)
        (database / MIGRATIONS_FILE).write_text(json.dumps(migrations, indent=1) + "\n", encoding="utf-8")
        summary = BackupSummary(path=dest, vendor=connection.vendor, database_bytes=dump.stat().st_size)
        for folder, alias in STORAGE_FOLDERS.items():
            logger.info("Copying the %s storage", folder)
            copy_storage(
                storages[alias],
                work / folder,
                folder=folder,
                summary=summary,
                progress=progress(f"Files ({folder})") if progress else None,
            )
        info = {
            "Source-Organization": settings.WAGTAIL_SITE_NAME,
            "External-Description": (
                "Heritage Commons backup: the database, the public media and the private storage "
                "(recordings, access copies, consent forms). Restore with `manage.py restore`."
            ),
            "Heritage-Backup-Started": started.isoformat(timespec="seconds"),
            "Heritage-Software": software_version(),
            "Heritage-Database-Vendor": f"{connection.vendor} {database_version(using=using)}",
            "Heritage-Database-File": f"data/{DATABASE_FOLDER}/{dump.name}",
            "Heritage-Migration": latest_migrations(migrations),
            **content_counts(),
            "Heritage-Media-Files": f"{summary.files['media']} ({human_size(summary.bytes['media'])})",
            "Heritage-Private-Files": f"{summary.files['private']} ({human_size(summary.bytes['private'])})",
            "Bag-Size": human_size(summary.database_bytes + sum(summary.bytes.values())),
        }
        if label:
            info["Internal-Sender-Identifier"] = label
        logger.info("Writing the manifests (%s)", ", ".join(checksums))
        bagit.make_bag(str(work), bag_info=info, processes=1, checksums=list(checksums))
        if as_tar:
            tar_partial.touch(mode=0o600)
            with tarfile.open(tar_partial, "w") as archive:
                archive.add(work, arcname=dest.stem)
            shutil.rmtree(work)
            os.replace(tar_partial, dest)
        else:
            os.replace(work, dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        tar_partial.unlink(missing_ok=True)
        raise
    logger.info("Backup written to %s", dest)
    return summary


def database_version(*, using: str = "default") -> str:
    connection = connections[using]
    if connection.vendor == "postgresql":
        number = connection.pg_version
        return f"{number // 10000}.{number % 10000}"
    if connection.vendor == "sqlite":
        return sqlite3.sqlite_version
    return ""


# --- Reading and validating ---------------------------------------------------


@dataclass
class Backup:
    """A validated package, ready to restore."""

    path: Path
    bag: bagit.Bag
    vendor: str
    dump: Path
    migrations: set[tuple[str, str]]
    #: bag folder → names in it (the storage names).
    files: dict[str, list[str]]

    @property
    def label(self) -> str:
        return str(self.bag.info.get("Internal-Sender-Identifier", ""))

    def checksum(self, folder: str, name: str) -> tuple[str, str]:
        """(algorithm, hex digest) the manifest gives for ``data/<folder>/<name>``."""
        hashes = self.bag.entries[os.path.normpath(f"data/{folder}/{name}")]
        algorithm = "sha256" if "sha256" in hashes else sorted(hashes)[0]
        return algorithm, hashes[algorithm]


def describe_problems(details: list[bagit.BagError]) -> str:
    lines = []
    for detail in details:
        if isinstance(detail, bagit.ChecksumMismatch):
            lines.append(f"  changed: {detail.path} ({detail.algorithm} differs from the manifest)")
        elif isinstance(detail, bagit.FileMissing):
            lines.append(f"  missing: {detail.path}")
        elif isinstance(detail, bagit.UnexpectedFile):
            lines.append(f"  not in the manifest: {detail.path}")
        else:
            lines.append(f"  {detail}")
    return "\n".join(lines)


def validate(bag: bagit.Bag, source: Path) -> None:
    """Every file present, none extra, every checksum right; else a BackupError that
    names each file at fault.

    ``Bag.validate`` checks the Payload-Oxum (file count and bytes) first and stops
    there with totals only, and stops after the completeness check when files are
    missing; when it fails, both per-file checks run (bagit's own, pinned below 2 in
    pyproject.toml) so that every culprit is named, changed and missing alike.
    """
    try:
        bag.validate(processes=1)
    except bagit.BagValidationError as error:
        details = []
        for check in (bag._validate_completeness, lambda: bag._validate_entries(1)):
            try:
                check()
            except bagit.BagValidationError as detailed:
                details += detailed.details or []
        missing = {detail.path for detail in details if isinstance(detail, bagit.FileMissing)}
        # A missing file also fails its checksum (nothing to hash): name it once.
        details = [d for d in details if not (isinstance(d, bagit.ChecksumMismatch) and d.path in missing)]
        problems = describe_problems(details) or f"  {error}"
        raise BackupError(f"{source} failed validation; nothing was restored.\n{problems}") from error
    except bagit.BagError as error:
        raise BackupError(f"{source} is not a valid BagIt package: {error}") from error


@contextmanager
def open_backup(source: Path, *, workdir: Path | None = None) -> Iterator[Backup]:
    """The package at ``source`` (a folder, or a .tar unpacked into a temporary
    folder under ``workdir`` for the duration), validated."""
    source = Path(source).absolute()
    if not source.exists():
        raise BackupError(f"{source} does not exist.")
    with tempfile.TemporaryDirectory(prefix="heritage-restore-", dir=workdir) as unpacked:
        if source.is_file():
            if not tarfile.is_tarfile(source):
                raise BackupError(f"{source} is neither a BagIt folder nor a tar file.")
            with tarfile.open(source) as archive:
                # The "data" filter refuses absolute paths, links out of the folder and devices.
                archive.extractall(unpacked, filter="data")
            tops = [path for path in Path(unpacked).iterdir() if (path / "bagit.txt").is_file()]
            if len(tops) != 1:
                raise BackupError(f"{source} does not hold one BagIt folder at its top.")
            path = tops[0]
        else:
            path = source
        try:
            bag = bagit.Bag(str(path))
        except bagit.BagError as error:
            raise BackupError(f"{source} is not a BagIt package: {error}") from error
        logger.info("Validating every checksum of %s", source)
        validate(bag, source)
        yield read_backup(bag, path, source)


def read_backup(bag: bagit.Bag, path: Path, source: Path) -> Backup:
    database = path / "data" / DATABASE_FOLDER
    dumps = [database / name for vendor, name in DUMP_NAMES.items() if (database / name).is_file()]
    if len(dumps) != 1 or not (database / MIGRATIONS_FILE).is_file():
        raise BackupError(f"{source} is a BagIt package but not a Heritage Commons backup (no database dump).")
    vendor = next(vendor for vendor, name in DUMP_NAMES.items() if dumps[0].name == name)
    try:
        migrations = {tuple(pair) for pair in json.loads((database / MIGRATIONS_FILE).read_text(encoding="utf-8"))}
    except (ValueError, TypeError) as error:
        raise BackupError(f"{database / MIGRATIONS_FILE}: unreadable ({error}).") from error
    files: dict[str, list[str]] = {folder: [] for folder in STORAGE_FOLDERS}
    for entry in bag.payload_entries():
        parts = Path(entry).parts
        if len(parts) > 2 and parts[0] == "data" and parts[1] in files:
            files[parts[1]].append("/".join(parts[2:]))
    for names in files.values():
        names.sort()
    return Backup(path=path, bag=bag, vendor=vendor, dump=dumps[0], migrations=migrations, files=files)


# --- Restoring -----------------------------------------------------------------


@dataclass
class MigrationState:
    #: In the package, unknown to the code: the package is newer (or from another branch).
    unknown: list[tuple[str, str]]
    #: In the code, not applied in the package: migrate after restoring.
    missing: list[tuple[str, str]]


def compare_migrations(recorded: set[tuple[str, str]]) -> MigrationState:
    """The package's applied migrations against the code's, read from disk (no database)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    replaced = {key for migration in loader.disk_migrations.values() for key in migration.replaces}
    # A squashed migration counts as applied when everything it replaces is.
    applied = set(recorded)
    for key, migration in loader.disk_migrations.items():
        if migration.replaces and set(migration.replaces) <= applied:
            applied.add(key)
    unknown = sorted(recorded - known - replaced)
    missing = sorted(key for key in loader.graph.nodes if key not in applied)
    return MigrationState(unknown=unknown, missing=missing)


@dataclass
class Target:
    """What the configured database and storages hold now."""

    database: str
    tables: int
    pages: int
    users: int
    files: dict[str, int]  # bag folder → files already in that storage
    clashes: dict[str, int]  # bag folder → of those, files with a name in the package

    @property
    def database_is_empty(self) -> bool:
        return self.tables == 0 or (self.users == 0 and self.pages <= PAGES_OF_AN_EMPTY_SITE)

    @property
    def is_empty(self) -> bool:
        return self.database_is_empty and not any(self.files.values())

    def replaced(self) -> list[str]:
        """What a forced restore replaces (or would), one line each."""
        lines = []
        if not self.database_is_empty:
            lines.append(
                f"the {self.database} ({self.tables} tables, {self.pages} pages, {self.users} users) "
                "is replaced by the package's database"
            )
        for folder, count in self.files.items():
            if count:
                lines.append(
                    f"the {STORAGE_FOLDERS[folder]!r} storage holds {count} files: {self.clashes[folder]} with a "
                    f"name in the package are replaced by its copies, {count - self.clashes[folder]} others are left as they are"
                )
        return lines


def inspect_target(backup: Backup, *, using: str = "default") -> Target:
    connection = connections[using]
    tables = connection.introspection.table_names()
    pages = users = 0
    with connection.cursor() as cursor:
        if "wagtailcore_page" in tables:
            cursor.execute("SELECT COUNT(*) FROM wagtailcore_page")
            pages = cursor.fetchone()[0]
        if "auth_user" in tables:
            cursor.execute("SELECT COUNT(*) FROM auth_user")
            users = cursor.fetchone()[0]
    files, clashes = {}, {}
    for folder, alias in STORAGE_FOLDERS.items():
        present = set(walk_storage(storages[alias]))
        files[folder] = len(present)
        clashes[folder] = len(present.intersection(backup.files[folder]))
    return Target(
        database=describe_database(connection.settings_dict, connection.vendor),
        tables=len(tables),
        pages=pages,
        users=users,
        files=files,
        clashes=clashes,
    )


@dataclass
class RestorePlan:
    target: Target
    migrations: MigrationState


def plan_restore(backup: Backup, *, force: bool = False, using: str = "default") -> RestorePlan:
    """Everything checked before anything is written; a BackupError says why not."""
    connection = connections[using]
    if backup.vendor != connection.vendor:
        raise BackupError(
            f"{backup.path} holds a {backup.vendor} database; the configured database is {connection.vendor}. "
            "Restore into the same kind of database (DATABASE_URL)."
        )
    migrations = compare_migrations(backup.migrations)
    if migrations.unknown:
        shown = ", ".join(f"{app}.{name}" for app, name in migrations.unknown[:10])
        raise BackupError(
            f"{backup.path} was made by newer code than this: its database has migrations this code does not "
            f"know ({shown}{', …' if len(migrations.unknown) > 10 else ''}). Deploy the version that made the "
            "backup (see Heritage-Software in its bag-info.txt), restore, then upgrade."
        )
    target = inspect_target(backup, using=using)
    if not target.is_empty and not force:
        raise BackupError(
            "Refusing to restore over content that is already there. With --force:\n"
            + "\n".join(f"  {line}" for line in target.replaced())
            + "\nRestore into a new, empty database and empty storages, or pass --force to replace it."
        )
    return RestorePlan(target=target, migrations=migrations)


def file_checksum(storage: Storage, name: str, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class RestoreReport:
    files: dict[str, int] = field(default_factory=dict)  # bag folder → files written
    unchanged: dict[str, int] = field(default_factory=dict)  # … already there with the right checksum
    migrated: list[str] = field(default_factory=list)
    derived: str = ""


def restore_files(backup: Backup, *, report: RestoreReport, progress: Callable[[str], Progress | None] | None) -> None:
    """Copy each file back under its own name and re-hash it where it landed."""
    for folder, alias in STORAGE_FOLDERS.items():
        storage = storages[alias]
        names = backup.files[folder]
        bar = progress(f"Files ({folder})") if progress else None
        written = unchanged = 0
        for done, name in enumerate(names, 1):
            algorithm, expected = backup.checksum(folder, name)
            try:
                if storage.exists(name):
                    if file_checksum(storage, name, algorithm) == expected:
                        unchanged += 1
                        continue
                    storage.delete(name)
                with open(backup.path / "data" / folder / name, "rb") as handle:
                    saved = storage.save(name, File(handle, name=name))
                if saved != name:
                    raise BackupError(f"The {alias!r} storage stored {name!r} as {saved!r}: names must not change.")
                found = file_checksum(storage, name, algorithm)
            except OSError as error:
                raise BackupError(
                    f"Cannot write {name!r} to the {alias!r} storage: {error}. {incomplete(report, folder, written)}"
                ) from error
            if found != expected:
                raise BackupError(
                    f"{name!r} in the {alias!r} storage does not match the package ({algorithm} {found}, "
                    f"expected {expected}). {incomplete(report, folder, written)}"
                )
            written += 1
            if bar:
                bar(done, len(names))
        report.files[folder], report.unchanged[folder] = written, unchanged


def incomplete(report: RestoreReport, folder: str, written: int) -> str:
    done = dict(report.files, **{folder: written})
    counts = ", ".join(f"{count} {name} files" for name, count in done.items())
    return (
        f"The restore stopped before the database was restored ({counts} written); fix the cause and run it "
        "again with --force: files already in place with the right checksum are kept."
    )


def restore_database(backup: Backup, *, using: str = "default") -> None:
    """Replace the configured database with the package's.

    PostgreSQL: ``pg_restore --clean --if-exists`` in one transaction, so a failure
    leaves the database as it was. SQLite: the online backup API run the other way,
    from the dump into the configured file, which writes through SQLite's own locking
    and journal (a WAL file beside the target is taken into account, not left behind
    to corrupt it) and is one transaction too.
    """
    connection = connections[using]
    # Django's connection must not hold the database open (or a transaction) meanwhile.
    connections.close_all()
    if backup.vendor == "postgresql":
        run_pg(
            [
                pg_bin("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                f"--dbname={connection.settings_dict['NAME']}",
                str(backup.dump),
            ],
            connection.settings_dict,
            what="pg_restore",
        )
        return
    # immutable: nothing (not even a -shm file) is written inside the package.
    source = sqlite3.connect(f"file:{backup.dump}?mode=ro&immutable=1", uri=True)
    try:
        target = sqlite3.connect(connection.settings_dict["NAME"], timeout=20)
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.Error as error:
        raise BackupError(f"Cannot restore into {connection.settings_dict['NAME']}: {error}") from error
    finally:
        source.close()


def clear_caches() -> None:
    """Cached pages, labels and renditions describe the database before the restore."""
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


@retrying_task(queue_name="maintenance", attempts=3, backoff=60)
def rebuild_derived_task() -> dict:
    """The search indexes and OAI-PMH records, rebuilt from the restored pages.

    Run by name (``call_command``) because ``heritage`` imports no app above it. Both
    commands decide what may be published through ``heritage.visibility`` and
    ``oral_histories.consent``, the rules every public surface uses.
    """
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    # search_index rebuild also rebuilds Wagtail's own (admin) search indexes when they
    # live in Elasticsearch (search.admin_index); with the database backend its entries
    # are tables, restored with the rest.
    call_command("search_index", "rebuild", stdout=out)
    call_command("oai_records", "rebuild", stdout=out)
    return {"output": out.getvalue()}


def restore_backup(
    backup: Backup,
    plan: RestorePlan,
    *,
    using: str = "default",
    progress: Callable[[str], Progress | None] | None = None,
) -> RestoreReport:
    """Files, then the database, then migrations, then derived data (see the module
    docstring). Files go first: a database that points at files not yet there would be
    a broken site, files without a database are merely waiting."""
    from django.core.management import call_command
    from django.db.migrations.executor import MigrationExecutor

    report = RestoreReport()
    restore_files(backup, report=report, progress=progress)
    logger.info("Restoring the %s", plan.target.database)
    restore_database(backup, using=using)
    executor = MigrationExecutor(connections[using])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        report.migrated = [f"{migration.app_label}.{migration.name}" for migration, _backwards in pending]
        logger.info("The package predates %s migrations: migrating", len(pending))
        call_command("migrate", interactive=False, verbosity=0)
    clear_caches()
    result = rebuild_derived_task.enqueue()
    if result.status == TaskResultStatus.FAILED:
        last = result.errors[-1].traceback.strip().splitlines()[-1] if result.errors else "unknown error"
        raise BackupError(
            f"The package was restored, but rebuilding the search indexes and OAI-PMH records failed: {last}. "
            "Run `manage.py search_index rebuild` and `manage.py oai_records rebuild` once the cause is fixed."
        )
    report.derived = (
        "rebuilt" if result.is_finished else f"queued for the worker (task {result.id}, queue 'maintenance')"
    )
    return report
