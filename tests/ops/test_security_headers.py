"""Security headers, cookies, the Content Security Policy and production settings (issue 7).

Production settings are read once, when the settings module loads, so they are tested in a
subprocess started with a production environment (DEBUG off, DJANGO_HTTPS=1, a random key).
"""

import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse

from tests.helpers.xss import inspect_html

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def manage(*args, **env):
    """`manage.py *args` in a fresh process, with only `env` of our settings variables."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "NEWSROOM_")) and name != "DATABASE_URL"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=inherited | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def production(tmp_path):
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_HTTPS": "1",
        "DJANGO_ALLOWED_HOSTS": "news.example.com",
        "NEWSROOM_SITE_URL": "https://news.example.com",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";"))}


def test_check_deploy_reports_no_warnings_in_production(production):
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_stops_a_deploy_without_https(production):
    del production["DJANGO_HTTPS"]
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production)
    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS


def test_check_deploy_stops_a_deploy_without_a_site_url(production):
    del production["NEWSROOM_SITE_URL"]
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production)
    assert result.returncode != 0
    assert "(newsroom.W001) NEWSROOM_SITE_URL is not set" in result.stderr
    assert "HINT: Set NEWSROOM_SITE_URL to the public origin" in result.stderr


def test_startup_without_a_secret_key_fails_at_once_with_a_clear_message(production):
    del production["DJANGO_SECRET_KEY"]
    result = manage("check", **production)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_startup_with_the_development_key_fails_at_once(production):
    production["DJANGO_SECRET_KEY"] = "django-insecure-" + secrets.token_urlsafe(50)
    result = manage("check", **production)
    assert result.returncode != 0
    assert "'django-insecure-' development key" in result.stderr


def test_production_sends_hsts_secure_cookies_and_redirects_to_https(production):
    code = """
import json
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="news.example.com")
page = client.get("/admin/login/", secure=True)
plain = client.get("/robots.txt")
cookie = page.cookies["csrftoken"]
print(json.dumps({
    "headers": dict(page.headers),
    "csrf": {flag: cookie[flag] for flag in ("secure", "httponly", "samesite")},
    "session": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY,
                settings.SESSION_COOKIE_SAMESITE],
    "redirect": [plain.status_code, plain.headers.get("Location")],
}))
"""
    result = manage("shell", "--no-imports", "-c", code, **production)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    headers = found["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=2592000; includeSubDomains"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert found["csrf"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert found["session"] == [True, True, "Lax"]
    assert found["redirect"] == [301, "https://news.example.com/robots.txt"]


def test_production_answers_health_checks_under_the_load_balancers_host_over_http(production):
    # A load balancer checks each app server over plain HTTP under its own host name, and takes
    # a redirect (to HTTPS, or to NEWSROOM_SITE_URL) for a failure (issue 17).
    production["DJANGO_ALLOWED_HOSTS"] = "news.example.com,10.0.0.7"
    code = """
import json
from django.test import Client
client = Client(HTTP_HOST="10.0.0.7")
print(json.dumps([client.get(path).status_code for path in ("/healthz", "/readyz", "/")]))
"""
    result = manage("shell", "--no-imports", "-c", code, **production)
    assert result.returncode == 0, result.stderr
    healthz, readyz, home = json.loads(result.stdout.strip().splitlines()[-1])
    assert healthz == 200
    assert readyz in (200, 503)  # a fresh, unmigrated database here: not a redirect, anyway
    assert home == 301


def test_reader_pages_send_the_security_headers(client, make_article):
    response = client.get(make_article().get_absolute_url())
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/", "/latest/", "/search/?q=harbour", "/no-such-page/"])
def test_csp_reader_pages_allow_scripts_only_from_this_site(client, make_article, path):
    make_article(tags=["Ferries"])
    found = policy(client.get(path))
    for directive, value in DIRECTIVES.items():
        assert found[directive] == [value], directive
    # No nonce either: reader pages carry no inline script, so the header is the same for
    # every reader and a cached page stays valid.
    assert found["script-src"] == ["'self'"]
    assert found["style-src"] == ["'self'"]


def test_csp_story_page_has_no_inline_script_style_or_handler(client, make_article, make_image):
    story = make_article(lead_image=make_image(), tags=["Ferries"], is_breaking=True)
    html = client.get(story.get_absolute_url()).text
    assert inspect_html(html) == []
    assert html.count('<script type="application/ld+json">') == 2  # data blocks, not scripts


def test_csp_admin_inline_scripts_and_styles_carry_the_response_nonce(admin_client):
    response = admin_client.get(reverse("admin:articles_article_add"))
    nonce = policy(response)["script-src"][1].removeprefix("'nonce-").removesuffix("'")
    assert policy(response)["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    inline = re.findall(r"<(?:script|style)\b(?![^>]*\bsrc=)[^>]*>", response.text)
    assert inline, "the admin story form has inline scripts and styles"
    assert all(f'nonce="{nonce}"' in tag for tag in inline), inline
    assert inspect_html(response.text, nonce, allow={"svg"}) == []


def test_csp_nonce_is_new_for_every_response(admin_client):
    first, second = (admin_client.get(reverse("admin:index")) for _ in range(2))
    assert policy(first)["script-src"] != policy(second)["script-src"]


def test_session_cookie_is_httponly_samesite_and_lasts_a_working_day(client, db):
    User.objects.create_user("ines", password="a-long-pass-phrase-9", is_staff=True)
    response = client.post(
        reverse("admin:login"), {"username": "ines", "password": "a-long-pass-phrase-9"}
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 12 * 60 * 60
