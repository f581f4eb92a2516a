"""Hostile text in every field that reaches a page comes out as text (issue 7).

Each payload of the corpus (tests/xss.py) goes into a whole story: headline, standfirst, body,
search description, photo alt text, caption and credit, byline role, author name, title and
bio, section name and description, tag name; and into the search box. Every reader page and
the admin lists and form that show them are inspected for anything that could run script.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from markupsafe import escape  # as the reader site's templates (Jinja2) escape

from articles.models import Article, Author, Byline, CaptionedImage, Category
from tests.conftest import jpeg_bytes
from tests.helpers.xss import PAYLOADS, inspect_html


def hostile_newsroom(payloads):
    """One story per payload, with the payload in every text it has; the stories, in order."""
    image_bytes = jpeg_bytes(40, 30)
    stories = []
    for i, payload in enumerate(payloads):
        section = Category.objects.create(
            name=f"{i} {payload}"[:80], slug=f"section-{i}", description=payload
        )
        author = Author.objects.create(
            name=payload[:120], slug=f"author-{i}", title=payload[:120], bio=payload
        )
        photo = CaptionedImage.objects.create(
            image=SimpleUploadedFile("p.jpg", image_bytes, content_type="image/jpeg"),
            alt_text=payload[:300],
            caption=payload[:500],
            credit=payload[:200],
        )
        story = Article.objects.create(
            headline=payload[:200],
            slug=f"story-{i}",
            standfirst=payload[:400],
            body=f"<p>Before.</p>{payload}<p>After.</p>",
            seo_description=payload[:300],
            category=section,
            lead_image=photo,
            status=Article.Status.PUBLISHED,
            is_breaking=True,  # the banner on every page shows the newest one
        )
        Byline.objects.create(article=story, author=author, role=payload[:60])
        story.tags.add(f"{i} {payload}"[:100])
        stories.append(story)
    return stories


def nonce_of(response):
    policy = response.headers.get("Content-Security-Policy", "")
    return policy.split("'nonce-", 1)[1].split("'", 1)[0] if "'nonce-" in policy else None


def findings_of(client, url, allow=()):
    response = client.get(url)
    assert response.status_code == 200, url
    findings = inspect_html(response.text, nonce_of(response), allow)
    return [f"{url}: {finding}" for finding in findings]


def test_xss_corpus_has_classic_payloads():
    assert 30 <= len(PAYLOADS) <= 80
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS[:3])
def test_xss_inspector_finds_a_payload_left_unescaped(payload):
    """The oracle works: the same payloads, pasted raw into a page, are found."""
    assert inspect_html(f"<main><h1>{payload}</h1></main>")


def test_xss_corpus_is_inert_in_every_reader_page(client, db):
    stories = hostile_newsroom(PAYLOADS)
    findings = []
    for url in ["/", "/latest/", "/latest/?page=2", "/latest/?page=3"]:
        findings += findings_of(client, url)
    for story, payload in zip(stories, PAYLOADS, strict=True):
        byline = story.bylines.get()
        urls = [
            story.get_absolute_url(),
            byline.author.get_absolute_url(),
            story.category.get_absolute_url(),
            reverse("articles:tag_detail", kwargs={"slug": story.tags.get().slug}),
            reverse("articles:search") + "?" + f"q={escape(payload)}",
        ]
        for url in urls:
            findings += findings_of(client, url)
        page = client.get(story.get_absolute_url()).text
        assert f'<h1 class="story__headline">{escape(payload[:200])}</h1>' in page  # as text
        search = client.get(reverse("articles:search"), {"q": payload})
        findings += [f"search {payload!r}: {f}" for f in inspect_html(search.text)]
        assert escape(payload.strip()[:200]) in search.text or not payload.strip()
    assert findings == []


def test_xss_corpus_is_inert_in_the_admin(admin_client):
    stories = hostile_newsroom(PAYLOADS)
    findings = []
    for model in ["article", "author", "category", "captionedimage"]:
        for page in (1, 2):
            url = reverse(f"admin:articles_{model}_changelist") + f"?p={page}"
            findings += findings_of(admin_client, url, allow={"svg"})  # the admin's icons
    urls = [reverse("admin:taggit_tag_changelist")]
    urls += [reverse("admin:articles_article_change", args=[story.pk]) for story in stories]
    for url in urls:
        findings += findings_of(admin_client, url, allow={"svg"})
    assert findings == []
