"""Every redirect the site answers with stays on this site (issue 7): the admin's `next`, the
trailing-slash redirect, moved stories and the admin's "view on site"."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

HOSTILE_TARGETS = [
    "//evil.example",
    "//evil.example/",
    "https://evil.example",
    "http://evil.example/login",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "///evil.example",
    "////evil.example/",
    "https:evil.example",
    "http:/evil.example",
    "https://testserver@evil.example",
    "https://evil.example\\@testserver",
    "//evil.example%2F..",
    " //evil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "%2F%2Fevil.example",
    "//evil%2Eexample",
    "javascript:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
    "https://evil.example#@testserver",
    "//testserver.evil.example",
    "https://[::1]@evil.example",
]


def stays_here(location: str) -> bool:
    """Whether a browser following `location` stays on testserver.

    Browsers drop tabs and newlines from URLs and read a backslash as a slash, so this does too.
    """
    cleaned = location.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    parts = urlsplit(cleaned.strip())
    if parts.scheme not in ("", "http", "https"):
        return False
    return parts.netloc in ("", "testserver")


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "https://evil.example"])
def test_stays_here_recognises_a_hostile_location(target):
    assert not stays_here(target)


@pytest.fixture
def ines(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return User.objects.create_user("ines", password="a-long-pass-phrase-9", is_staff=True)


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_admin_login_next_never_leaves_the_site(client, ines, target):
    response = client.post(
        reverse("admin:login") + "?" + f"next={target}",
        {"username": "ines", "password": "a-long-pass-phrase-9", "next": target},
    )
    assert response.status_code == 302
    assert stays_here(response.headers["Location"]), response.headers["Location"]


@pytest.mark.parametrize("target", HOSTILE_TARGETS[:8])
def test_admin_logout_next_never_leaves_the_site(admin_client, target):
    response = admin_client.post(reverse("admin:logout"), {"next": target})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert stays_here(response.headers["Location"]), response.headers["Location"]


@pytest.mark.parametrize("target", HOSTILE_TARGETS[:12])
def test_signed_in_admin_login_page_never_leaves_the_site(admin_client, target):
    response = admin_client.get(reverse("admin:login"), {"next": target})
    assert response.status_code == 302
    assert stays_here(response.headers["Location"]), response.headers["Location"]


@pytest.mark.parametrize(
    "path", ["//evil.example", "//evil.example/path", "/\\evil.example", "///evil.example/x"]
)
def test_trailing_slash_redirect_never_leaves_the_site(client, db, path):
    # The raw path, as a server receives it (client.get() would read //host as a host).
    response = client.request(PATH_INFO=path, REQUEST_METHOD="GET")
    assert response.status_code in (301, 404)
    if response.status_code == 301:
        assert stays_here(response.headers["Location"]), response.headers["Location"]


def test_story_under_an_old_section_moves_to_its_own_address(client, make_article):
    story = make_article()
    response = client.get(f"/some-old-section/{story.slug}/")
    assert response.status_code == 301
    assert response.headers["Location"] == story.get_absolute_url()


def test_admin_view_on_site_goes_to_the_story_here(admin_client, make_article):
    story = make_article()
    content_type = ContentType.objects.get_for_model(story)
    response = admin_client.get(
        reverse("admin:view_on_site", args=[content_type.pk, story.pk]),
        HTTP_HOST="testserver",
    )
    assert response.status_code == 302
    assert stays_here(response.headers["Location"]), response.headers["Location"]
