"""Issue #3: staff previews and shareable preview links (signed, expiring, revocable)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.editing import preview
from articles.models import Article, PreviewOpening


@pytest.fixture
def draft(make_article):
    return make_article(
        headline="Harbour tunnel plans leaked",
        status=Article.Status.DRAFT,
        published_at=None,
    )


def links_page(article):
    return reverse("admin:articles_article_preview_links", args=[article.pk])


def assert_private(response):
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.text


def test_staff_preview_shows_a_draft_in_the_site_layout(admin_client, draft):
    response = admin_client.get(reverse("articles:article_preview", args=[draft.pk]))
    assert response.status_code == 200
    assert "Preview — not published." in response.text
    assert '<h1 class="story__headline">Harbour tunnel plans leaked</h1>' in response.text
    assert 'class="site-header"' in response.text  # the real page, header and all
    assert_private(response)


def test_staff_preview_needs_a_login(client, draft):
    response = client.get(reverse("articles:article_preview", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_draft_on_its_public_address_is_private_for_staff(admin_client, draft):
    response = admin_client.get(draft.get_absolute_url())
    assert "Preview — not published." in response.text
    assert_private(response)


def test_scheduled_story_preview_says_when_it_goes_out(admin_client, make_article, clock):
    story = make_article(published_at=clock.now + timezone.timedelta(hours=5))
    text = admin_client.get(reverse("articles:article_preview", args=[story.pk])).text
    when = timezone.localtime(story.published_at).strftime("%-d %b %Y, %H:%M %Z")  # 10:35 GMT
    assert f"Scheduled for {when}." in text


def test_editor_creates_a_link_that_shows_the_draft_to_anyone(client, admin_client, draft):
    admin_client.post(links_page(draft), {"hours": "48", "note": "Legal"})
    link = draft.preview_links.get()
    assert link.note == "Legal"
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert "Harbour tunnel plans leaked" in response.text
    assert "Preview — not published." in response.text
    assert_private(response)


def test_preview_link_shows_the_latest_saved_version(client, admin_client, draft):
    link = preview.create_link(draft, None)
    draft.headline = "Harbour tunnel plans confirmed"
    draft.save()
    assert "Harbour tunnel plans confirmed" in client.get(link.get_absolute_url()).text


def test_each_opening_is_recorded(client, draft, clock):
    link = preview.create_link(draft, None)
    client.get(link.get_absolute_url())
    clock.advance(minutes=10)
    client.get(link.get_absolute_url())
    openings = list(PreviewOpening.objects.order_by("opened_at"))
    assert [(o.link, o.opened_at) for o in openings] == [
        (link, clock.now - timezone.timedelta(minutes=10)),
        (link, clock.now),
    ]


def test_links_page_lists_links_and_their_openings(client, admin_client, draft):
    link = preview.create_link(draft, None, note="Mayor's office")
    client.get(link.get_absolute_url())
    page = admin_client.get(links_page(draft)).text
    assert "Mayor&#x27;s office" in page
    assert f'value="http://testserver{link.get_absolute_url()}"' in page
    assert "<td>1: " in page  # one opening, with its time


def test_link_expires_after_48_hours_by_default(client, draft, clock):
    link = preview.create_link(draft, None)
    clock.advance(hours=48, seconds=-1)
    assert client.get(link.get_absolute_url()).status_code == 200
    clock.advance(seconds=1)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "The preview link has expired." in response.text
    assert "Harbour tunnel" not in response.text
    assert_private(response)


def test_link_lifetime_can_be_chosen(admin_client, draft, clock):
    admin_client.post(links_page(draft), {"hours": "2"})
    assert draft.preview_links.get().expires_at == clock.now + timezone.timedelta(hours=2)


@pytest.mark.parametrize("hours", ["0", "721", "soon"])
def test_link_lifetime_out_of_range_is_refused_with_a_message(admin_client, draft, hours):
    response = admin_client.post(links_page(draft), {"hours": hours}, follow=True)
    assert "A link lasts from 1 to 720 hours." in response.text
    assert not draft.preview_links.exists()


def test_revoked_link_stops_working(client, admin_client, draft):
    link = preview.create_link(draft, None)
    admin_client.post(links_page(draft), {"revoke": link.pk})
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "withdrawn by the newsroom" in response.text


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature changed
        lambda token: "x" + token,  # value changed
        lambda token: token.split(":")[0],  # signature removed
        lambda token: preview.signer().sign("guessed-value"),  # validly signed, never issued
    ],
)
def test_tampered_link_is_refused(client, draft, tamper):
    link = preview.create_link(draft, None)
    response = client.get(reverse("articles:preview_link", args=[tamper(link.token)]))
    assert response.status_code == 404
    assert "The preview link is not valid" in response.text
    assert "Harbour tunnel" not in response.text
    assert not PreviewOpening.objects.exists()


def test_link_survives_a_key_rotation_while_the_old_key_is_a_fallback(client, draft, settings):
    link = preview.create_link(draft, None)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "rotated-" + "k" * 50
    assert client.get(link.get_absolute_url()).status_code == 200
    settings.SECRET_KEY_FALLBACKS = []  # the old key retired: what it signed is refused
    response = client.get(link.get_absolute_url())
    assert response.status_code == 404
    assert "The preview link is not valid" in response.text
    assert "Harbour tunnel" not in response.text


def test_link_to_a_trashed_story_stops_working(client, draft):
    link = preview.create_link(draft, None)
    Article.objects.filter(pk=draft.pk).update(trashed_at=timezone.now())
    assert client.get(link.get_absolute_url()).status_code == 410


def test_link_shows_only_its_own_story(client, draft, make_article):
    other = make_article(headline="Another secret draft", status=Article.Status.DRAFT)
    link = preview.create_link(draft, None)
    text = client.get(link.get_absolute_url()).text
    assert "Another secret draft" not in text
    assert client.get(reverse("articles:article_preview", args=[other.pk])).status_code == 302
