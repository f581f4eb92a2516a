"""Backups (issue 7): everything the newsroom wrote, in one archive, and back.

The archive is a .tar.gz holding
- data.json: Django's dumpdata of every content model (stories, bylines, sections, authors,
  photos, tags, users and groups, revisions, the admin's history; whatever later issues add
  too), with natural keys (content types, permissions, users, groups) so it loads into any
  freshly migrated database, whose role groups the migrations already made;
- media/<storage>/<name>: every file of every media storage (not the static files);
- manifest.json: the format, the row count of each model and the SHA-256 of data.json and
  of each media file, checked before anything is restored.

Sessions, login attempts, content types and permissions are left out: a new database makes
its own. The commands `backup` and `restore` are thin wrappers around these functions.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from ..signals import stories_changed

FORMAT = 1
SKIPPED_APPS = {"contenttypes", "sessions", "axes"}
# The search index's recent tier: made again from the stories by the restore (issue 12).
SKIPPED_MODELS = {"auth.permission", "articles.recentsearchentry"}
# Rows a fresh `migrate` makes itself (the role groups); the backup's copy replaces them.
MADE_BY_MIGRATIONS = {"auth.group"}


def backed_up_models():
    """Every concrete model whose rows are the newsroom's own, in dumpdata's label form."""
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in SKIPPED_APPS
        and model._meta.label_lower not in SKIPPED_MODELS
        and model._meta.managed
        and not model._meta.proxy
    ]


def media_storages():
    """The storages that hold uploads: all of STORAGES but the static files."""
    return [alias for alias in settings.STORAGES if alias != "staticfiles"]


def stored_names(storage, folder=""):
    """Every file name in `storage`, walking its folders."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a storage nothing was ever saved to
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += stored_names(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def dump(models) -> bytes:
    """dumpdata of `models` as JSON: the role groups by name (a new database has them under
    other ids), every other row with its id. (Names for all would break taggit, whose tagged
    items' natural key is the tagged object's id alone.)"""
    rows = []
    for by_name in (True, False):
        chosen = [m for m in models if (m._meta.label_lower in MADE_BY_MIGRATIONS) == by_name]
        if not chosen:
            continue
        out = io.StringIO()
        labels = [model._meta.label for model in chosen]
        call_command("dumpdata", *labels, natural_foreign=True, natural_primary=by_name, stdout=out)
        rows += json.loads(out.getvalue())
    return json.dumps(rows).encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_backup(path: Path) -> dict:
    """Write the archive to `path` (readable by its owner only); return its manifest."""
    models = backed_up_models()
    data = dump(models)
    manifest = {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "rows": {model._meta.label: model._default_manager.count() for model in models},
        "data_sha256": sha256(data),
        "media": {},
    }
    partial = path.with_name(path.name + ".partial")
    with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as file:
        with tarfile.open(fileobj=file, mode="w:gz") as archive:
            _add(archive, "data.json", data)
            for alias in media_storages():
                storage = storages[alias]
                for name in stored_names(storage):
                    with storage.open(name, "rb") as stored:
                        content = stored.read()
                    manifest["media"][f"{alias}/{name}"] = sha256(content)
                    _add(archive, f"media/{alias}/{name}", content)
            _add(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
    partial.replace(path)  # a backup that stopped halfway never looks finished
    return manifest


def _add(archive, name, content: bytes):
    member = tarfile.TarInfo(name)
    member.size = len(content)
    member.mode = 0o600
    archive.addfile(member, io.BytesIO(content))


def read_backup(path: Path) -> tuple[dict, bytes, dict[str, bytes]]:
    """The manifest, data and media of an archive, each checked against the manifest."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            files = {
                member.name: archive.extractfile(member).read()
                for member in archive.getmembers()
                if member.isfile()
            }
    except (OSError, tarfile.TarError, EOFError) as error:
        raise CommandError(f"{path} is not a readable backup archive: {error}") from None
    if "manifest.json" not in files or "data.json" not in files:
        raise CommandError(f"{path} is not a newsroom backup (no manifest.json or data.json).")
    manifest = json.loads(files["manifest.json"])
    if manifest.get("format") != FORMAT:
        raise CommandError(f"{path} has backup format {manifest.get('format')}, not {FORMAT}.")
    data = files["data.json"]
    if sha256(data) != manifest["data_sha256"]:
        raise CommandError(f"{path} is damaged: data.json does not match its checksum.")
    media = {}
    for name, checksum in manifest["media"].items():
        alias, _, stored = name.partition("/")
        parts = PurePosixPath(stored).parts
        if alias not in media_storages() or not parts or ".." in parts or stored.startswith("/"):
            raise CommandError(f"{path} names a media file it may not write: {name!r}.")
        content = files.get(f"media/{name}")
        if content is None or sha256(content) != checksum:
            raise CommandError(f"{path} is damaged: media file {name} is missing or altered.")
        media[name] = content
    return manifest, data, media


def restore_backup(path: Path) -> dict:
    """Load an archive into this empty database and its empty media storages."""
    manifest, data, media = read_backup(path)
    present = {
        model._meta.verbose_name_plural: count
        for model in backed_up_models()
        if model._meta.label_lower not in MADE_BY_MIGRATIONS
        and (count := model._default_manager.count())
    }
    if present:
        found = ", ".join(f"{count} {name}" for name, count in present.items())
        raise CommandError(
            f"This database already holds content ({found}). Restore only into an empty "
            "database: create a new one, run `manage.py migrate`, then restore."
        )
    for name in media:
        alias, _, stored = name.partition("/")
        if storages[alias].exists(stored):
            raise CommandError(f"The media file {name} already exists; restore into empty media.")
    written = []
    try:
        with transaction.atomic(), tempfile.TemporaryDirectory() as folder:
            fixture = Path(folder) / "data.json"
            fixture.write_bytes(data)
            call_command("loaddata", str(fixture), verbosity=0)
            for name, content in media.items():
                alias, _, stored = name.partition("/")
                saved = storages[alias].save(stored, ContentFile(content))
                written.append((alias, saved))
                if saved != stored:
                    raise CommandError(f"The media file {name} was stored as {saved}.")
            stories_changed()  # loaddata saves raw: index every story once it commits
    except BaseException:
        for alias, saved in written:  # the rows went with the transaction; the files go too
            storages[alias].delete(saved)
        raise
    return manifest
