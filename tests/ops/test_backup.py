"""Backup and restore (issue 7): the round trip into an empty database loses nothing."""

import hashlib
import io
import json
import tarfile

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from articles.models import Article, Author, Byline
from tests.helpers.database import empty_database
from tests.helpers.photos import jpeg_bytes

# Written down here, not taken from articles/backup.py, so a model the backup forgot shows.
NOT_CONTENT = {"sessions", "contenttypes", "axes"}


def snapshot(settings):
    """Row count and checksum of every backed-up model, and the checksum of every media file.

    Media files are named by folder: the new folders are named like the old ones.
    Rows are compared as Django serialises them with natural keys, so a content type, a
    permission or a group that has another id in the new database counts as the same.
    """
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in NOT_CONTENT or model._meta.label == "auth.Permission":
            continue
        objects = model._default_manager.order_by("pk")
        by_name = model is Group  # the role groups: made anew, under other ids, by `migrate`
        data = serializers.serialize(
            "json", objects, use_natural_foreign_keys=True, use_natural_primary_keys=by_name
        )
        rows[model._meta.label] = (objects.count(), hashlib.sha256(data.encode()).hexdigest())
    media = {
        f"{root.name}/{path.relative_to(root)}": hashlib.sha256(path.read_bytes()).hexdigest()
        for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
    return rows, media


@pytest.fixture
def newsroom(
    transactional_db, django_db_serialized_rollback, make_article, make_author, make_image
):
    # The role groups as this newsroom changed them, and one of its own.
    Group.objects.get(name="Writer").permissions.add(Permission.objects.get(codename="add_tag"))
    Group.objects.create(name="Night desk").permissions.set(
        Permission.objects.filter(codename__endswith="_article")
    )
    ines = User.objects.create_user("ines", "ines@example.com", "a-long-pass-phrase-9")
    ines.groups.add(Group.objects.get(name="Night desk"), Group.objects.get(name="Writer"))
    reporter = make_author(
        name="Ines Harrow", slug="ines-harrow", bio="Covers the port.", user=ines
    )
    reporter.photo.save("ines.jpg", ContentFile(jpeg_bytes(96, 96)))
    photo = make_image(caption="The quay at dawn", credit="Ledger/T. Vale")
    for n in range(5):
        make_article(
            authors=[reporter, make_author()],
            tags=["Ferries", f"Topic {n}"],
            lead_image=photo if n % 2 else None,
            body=f"<p>Story {n} about the harbour.</p>",
        )
    make_article(status=Article.Status.DRAFT, headline="A draft")
    Byline.objects.filter(author=reporter).update(role=Byline.Role.REPORTING)
    Client().force_login(ines)  # a session: not content, not backed up


def test_backup_and_restore_into_an_empty_database_loses_nothing(newsroom, tmp_path, settings):
    before = snapshot(settings)
    assert sum(count for count, _ in before[0].values()) > 30
    assert {name.split("/")[0] for name in before[1]} == {"media", "private-media"}
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    assert archive.stat().st_mode & 0o777 == 0o600  # it holds password hashes

    empty_database()
    settings.MEDIA_ROOT = tmp_path / "new" / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "new" / "private-media"
    assert not Article.objects.exists()

    call_command("restore", str(archive), verbosity=0)
    after = snapshot(settings)
    changed = [label for label, rows in before[0].items() if after[0].get(label) != rows]
    assert changed == []
    assert after == before
    # And the site works on it: the search index was rebuilt, people can sign in.
    assert Client().get("/search/?q=harbour").text.count('class="card search-result"') == 5
    assert User.objects.get(username="ines").check_password("a-long-pass-phrase-9")


def test_restore_refuses_a_database_that_has_content(newsroom, tmp_path):
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    with pytest.raises(CommandError, match="already holds content .*6 stories"):
        call_command("restore", str(archive), verbosity=0)


def test_restore_refuses_a_damaged_archive_and_keeps_nothing(newsroom, tmp_path, settings):
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name.startswith("media/"):
                content = content[:-10] + b"0123456789"
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    empty_database()
    settings.MEDIA_ROOT = tmp_path / "new" / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "new" / "private-media"
    with pytest.raises(CommandError, match="is damaged: media file"):
        call_command("restore", str(damaged), verbosity=0)
    assert not Author.objects.exists()
    assert not list((tmp_path / "new").rglob("*.*"))  # no file written


def test_backup_refuses_to_overwrite_an_archive(db, tmp_path):
    archive = tmp_path / "newsroom.tar.gz"
    archive.write_text("yesterday's backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(archive), verbosity=0)
    assert archive.read_text() == "yesterday's backup"


def test_backup_manifest_counts_rows_and_media(newsroom, tmp_path):
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    with tarfile.open(archive) as opened:
        manifest = json.loads(opened.extractfile("manifest.json").read())
    assert manifest["rows"]["articles.Article"] == 6
    assert manifest["rows"]["auth.User"] == 1
    assert "sessions.Session" not in manifest["rows"]
    stored = [path for path in tmp_path.rglob("*") if path.is_file() and "media" in str(path)]
    assert len(manifest["media"]) == len(stored)
