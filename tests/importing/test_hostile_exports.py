"""Broken and hostile exports: a clear CommandError or a sanitised story, never a traceback,
never half a post."""

import ipaddress
import socket

import pytest
from django.core.management import CommandError
from taggit.models import Tag

from articles.importing import wxr
from articles.models import Article, Author, Byline, CaptionedImage, Category, WordPressItem
from tests.helpers.importing import run, story

from .exports import CATEGORIES, SITE, attachment, export, item, jpeg_file

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n'
        for n in range(1, 10)
    )
    + ']>\n<rss version="2.0"><channel><title>&lol9;</title></channel></rss>\n'
)
EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    '<rss version="2.0"><channel><title>&secret;</title></channel></rss>\n'
)


def refused(tmp_path, content: bytes) -> str:
    path = tmp_path / "export.xml"
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        run(path)
    return str(error.value)


def test_import_wordpress_broken_xml_imports_nothing(db, tmp_path):
    whole = export([item(1, "A fine first post"), item(2, "Cut short")])
    message = refused(tmp_path, whole[: whole.index(b"Cut short")])
    assert "not well-formed XML" in message and "line" in message
    assert not Article.objects.exists()  # the first post was sound, but the file was not


def test_import_wordpress_refuses_entity_expansion(db, tmp_path):
    assert "declares a document type or entities" in refused(tmp_path, LAUGHS.encode())


def test_import_wordpress_refuses_external_entities(db, tmp_path):
    assert "declares a document type or entities" in refused(tmp_path, EXTERNAL.encode())


def test_import_wordpress_refuses_a_feed_that_is_not_an_export(db, tmp_path):
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title></channel></rss>'
    assert "not a WordPress export" in refused(tmp_path, feed)


def test_import_wordpress_refuses_a_file_that_is_not_xml(db, tmp_path):
    jpeg_file(tmp_path / "photo.jpg")
    assert "not well-formed XML" in refused(tmp_path, (tmp_path / "photo.jpg").read_bytes())


def test_import_wordpress_refuses_an_element_too_large(db, tmp_path, monkeypatch):
    """What a 2 GB post would do, at a smaller scale: the parse stops at the limit."""
    monkeypatch.setattr(wxr, "MAX_ITEM_BYTES", 64 * 1024)
    huge = export([item(1, "Fine"), item(2, "Huge", content="<p>word </p>" * 20_000)])
    message = refused(tmp_path, huge)
    assert "is over 64.0\xa0KB" in message
    assert not Article.objects.exists()


def test_import_wordpress_missing_export_file(db, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "nowhere.xml")


def test_import_wordpress_script_in_title_and_excerpt_is_plain_text(db, tmp_path, client):
    path = tmp_path / "export.xml"
    title = 'Harbour <script>alert("x")</script>news'
    path.write_bytes(export([item(1, title, excerpt="<img src=x onerror=alert(1)>Calm seas")]))
    run(path)
    article = story(1)
    assert article.headline == "Harbour news"
    assert article.standfirst == "Calm seas"
    assert "alert" not in client.get(article.get_absolute_url()).text


def test_import_wordpress_refuses_files_outside_the_media_folder(db, tmp_path):
    media = tmp_path / "uploads"
    media.mkdir()
    jpeg_file(tmp_path / "private.jpg")
    escape = attachment(5, "../private.jpg", alt="Not ours")
    path = tmp_path / "export.xml"
    path.write_bytes(export([escape, item(1, "Story", meta=[("_thumbnail_id", 5)])]))
    out, _ = run(path, media)
    assert "../private.jpg: outside the media folder" in out
    assert story(1).lead_image is None and not CaptionedImage.objects.exists()


def test_import_wordpress_applies_the_upload_checks(db, tmp_path):
    media = tmp_path / "uploads"
    fake = media / "2024/05/page.jpg"
    fake.parent.mkdir(parents=True)
    fake.write_text("<html><body><script>alert(1)</script></body></html>")
    path = tmp_path / "export.xml"
    fake_item = attachment(5, "2024/05/page.jpg", alt="Fake")
    path.write_bytes(export([fake_item, item(1, "Story", meta=[("_thumbnail_id", 5)])]))
    out, _ = run(path, media)
    assert "Photo files refused by the upload checks: 1" in out
    assert "this file is a web page (HTML)" in out
    assert story(1).lead_image is None


def test_import_wordpress_failed_post_leaves_nothing_behind(db, tmp_path, monkeypatch):
    original = Byline.objects.create

    def fail_on_second_story(**fields):
        if fields["article"].headline == "Second":
            raise RuntimeError("the database went away")
        return original(**fields)

    monkeypatch.setattr(Byline.objects, "create", fail_on_second_story)
    path = tmp_path / "export.xml"
    path.write_bytes(export([item(1, "First"), item(2, "Second"), item(3, "Third")]))
    with pytest.raises(CommandError, match="1 posts could not be imported"):
        run(path)
    assert sorted(Article.objects.values_list("headline", flat=True)) == ["First", "Third"]
    assert WordPressItem.objects.count() == 2


def test_import_wordpress_names_with_control_characters(db, tmp_path):
    """DEL is the one control character XML allows: a name with it is the name without it, as
    saved, so it is found under that name (it was an IntegrityError and a failed post), and a
    name of nothing else is no name."""
    Tag.objects.create(name="Ferries")
    Category.objects.create(name="Sport", slug="sport")
    categories = [*CATEGORIES, ("sport-news", "Sport\x7f", ""), ("blank", "\x7f", "")]
    tags = [("ferries-2", "Ferries\x7f"), ("gales", "Ga\x7fles"), ("none", "\x7f\x7f")]
    items = [
        item(1, "Tagged", tags=tags, categories=[("sport-news", "Sport\x7f")]),
        item(2, "Tagged again", tags=[("fer", "ferries\x7f")], categories=[("blank", "\x7f")]),
    ]
    path = tmp_path / "export.xml"
    path.write_bytes(export(items, categories=categories, authors=[("ghost", "\x7f", "", "")]))
    out, _ = run(path)  # a failed post is a CommandError
    assert sorted(story(1).tags.names()) == ["Ferries", "Gales"]
    assert list(story(2).tags.names()) == ["Ferries"]
    assert Tag.objects.count() == 2
    assert story(1).category.name == "Sport (sport-news)"  # "Sport" is taken
    assert story(2).category.name == "blank"
    assert Author.objects.get(slug="ghost").name == "ghost"
    assert "1 tag (no name)" in out


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to reach another machine, recorded and refused with an error: name lookups
    and connections. This machine's own services (a test database or Redis on loopback or a
    Unix socket) stay reachable."""
    attempts = []
    lookup, connect, connect_ex = (
        socket.getaddrinfo,
        socket.socket.connect,
        socket.socket.connect_ex,
    )

    def here(host) -> bool:
        if host in ("localhost", None):
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:  # a name, not an address
            return False

    def refused(what):
        attempts.append(what)
        return OSError(f"The test refused a network connection: {what}")

    def guarded_lookup(host, *args, **kwargs):
        if not here(host):
            raise refused(("lookup", host))
        return lookup(host, *args, **kwargs)

    def guarded(original):
        def attempt(sock, address):
            if sock.family in (socket.AF_INET, socket.AF_INET6) and not here(address[0]):
                raise refused(("connect", address))
            return original(sock, address)

        return attempt

    monkeypatch.setattr(socket, "getaddrinfo", guarded_lookup)
    monkeypatch.setattr(socket.socket, "connect", guarded(connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(connect_ex))
    return attempts


def test_import_wordpress_reads_photos_from_the_media_dir_never_the_network(
    db, tmp_path, no_network
):
    """The export names its files by their addresses on the old site (http and https): the
    importer takes them from --media-dir, and tries no connection at all."""
    media = tmp_path / "uploads"
    jpeg_file(media / "2024/05/harbour.jpg", 517, 311)
    jpeg_file(media / "2024/05/quay.jpg", 433, 289, color=(200, 160, 40))
    quay = item(
        6,
        "quay.jpg",
        post_type="attachment",
        status="inherit",
        categories=(),
        meta=[("_wp_attached_file", "2024/05/quay.jpg")],
        attachment_url="http://old.example.com/wp-content/uploads/2024/05/quay.jpg",
    )
    body = (
        '[caption id="attachment_6"]<img class="wp-image-6" '
        'src="http://old.example.com/wp-content/uploads/2024/05/quay-300x200.jpg" alt="" />'
        " The quay.[/caption]"
    )
    lead = attachment(5, "2024/05/harbour.jpg", alt="The harbour")
    path = tmp_path / "export.xml"
    path.write_bytes(
        export([lead, quay, item(1, "Story", content=body, meta=[("_thumbnail_id", 5)])])
    )
    assert SITE.startswith("https://")  # the lead photo's address; the body photo's is http

    out, _ = run(path, media)

    assert no_network == []
    article = story(1)
    photo = article.lead_image
    assert (photo.width, photo.height) == (517, 311)
    with photo.image.open("rb") as stored:
        assert stored.read() == (media / "2024/05/harbour.jpg").read_bytes()
    assert CaptionedImage.objects.count() == 2
    assert "old.example.com" not in article.body
    assert "Missing photo files" not in out
