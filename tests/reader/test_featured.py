import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category
from tests.helpers.html import page_of

HOME = reverse("articles:home")


def lead_headline(response) -> str:
    """The headline of the home page's lead story."""
    return page_of(response).find("h3", "lead__headline").text


def hours(n):
    return timezone.now() + timezone.timedelta(hours=n)


def test_home_lead_is_the_newest_story_without_a_pin(client, make_article):
    make_article(headline="Older")
    make_article(headline="Newest", published_at=hours(-0.001))
    response = client.get(HOME)
    assert lead_headline(response) == "Newest"


def test_home_lead_is_the_pinned_story(client, make_article):
    make_article(headline="Pinned feature", is_pinned=True, published_at=hours(-48))
    for n in range(14):
        make_article(headline=f"Newer {n}")
    response = client.get(HOME)
    assert lead_headline(response) == "Pinned feature"
    latest = [h.text for h in page_of(response).find("section", "home-latest").find_all("h3")]
    assert "Pinned feature" not in latest
    assert latest[0] == "Newer 0"
    assert len(latest) == 12


@pytest.mark.parametrize(
    "fields",
    [
        {"pinned_until": hours(-1)},
        {"status": Article.Status.DRAFT, "published_at": None},
        {"published_at": hours(1)},
    ],
    ids=["expired", "draft", "scheduled"],
)
def test_home_lead_ignores_expired_or_unpublished_pins(client, make_article, fields):
    make_article(headline="Newest", published_at=hours(-0.5))
    make_article(**{"headline": "Pinned", "is_pinned": True, "published_at": hours(-2), **fields})
    assert lead_headline(client.get(HOME)) == "Newest"


def test_home_lead_pin_with_a_future_expiry_holds(client, make_article):
    make_article(headline="Newest")
    make_article(headline="Pinned", is_pinned=True, pinned_until=hours(3), published_at=hours(-9))
    assert lead_headline(client.get(HOME)) == "Pinned"


@pytest.mark.parametrize("count", [1, 20])
def test_home_query_count_is_flat_with_a_pin(
    client, make_article, django_assert_num_queries, count
):
    make_article(headline="Pinned", is_pinned=True, published_at=hours(-100))
    for _ in range(count):
        make_article()
    # The stories shown (their cards kept since they were saved); the sections menu and banner.
    with django_assert_num_queries(2):
        client.get(HOME)


@pytest.mark.parametrize(
    "url",
    [HOME, reverse("articles:latest"), reverse("articles:search") + "?q=x", "/no/such-page/"],
)
def test_breaking_banner_shows_on_every_page(client, make_article, url):
    story = make_article(headline="Bridge closed after crash", is_breaking=True)
    response = client.get(url)
    assert 'class="breaking" role="status"' in response.text
    assert f'href="{story.get_absolute_url()}">Bridge closed after crash</a>' in response.text


def test_breaking_banner_shows_on_story_pages(client, make_article):
    make_article(headline="Bridge closed after crash", is_breaking=True)
    other = make_article(headline="Council budget")
    assert "Bridge closed after crash" in client.get(other.get_absolute_url()).text


def test_breaking_banner_shows_the_newest_breaking_story(client, make_article):
    make_article(headline="Older alert", is_breaking=True, published_at=hours(-3))
    make_article(headline="Newer alert", is_breaking=True, published_at=hours(-1))
    response = client.get(HOME)
    assert response.text.count('role="status"') == 1
    assert "Newer alert</a></p>" in response.text


def test_breaking_banner_shows_the_newest_breaking_story_of_any_section(client, make_article):
    sport = Category.objects.create(name="Sport", slug="sport")
    make_article(headline="Ferry alert", is_breaking=True, published_at=hours(-3))
    newer = make_article(
        headline="Stadium roof fails", category=sport, is_breaking=True, published_at=hours(-1)
    )
    make_article(headline="Trashed alert", is_breaking=True, trashed_at=hours(-2))
    text = client.get(HOME).text
    assert text.count('role="status"') == 1
    assert f'href="{newer.get_absolute_url()}">Stadium roof fails</a>' in text
    assert "Ferry alert</a></p>" not in text


@pytest.mark.parametrize(
    "fields",
    [
        {"is_breaking": False},
        {"breaking_until": hours(-1)},
        {"status": Article.Status.DRAFT, "published_at": None},
        {"published_at": hours(1)},
    ],
    ids=["unmarked", "expired", "draft", "scheduled"],
)
def test_breaking_banner_hidden(client, make_article, fields):
    make_article(**{"headline": "Bridge closed", "is_breaking": True, **fields})
    assert 'class="breaking"' not in client.get(reverse("articles:latest")).text


def test_breaking_banner_with_a_future_expiry_shows(client, make_article):
    make_article(headline="Bridge closed", is_breaking=True, breaking_until=hours(2))
    assert 'class="breaking"' in client.get(reverse("articles:latest")).text


def change_list_action(admin_client, action, *stories):
    return admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [story.pk for story in stories]},
        follow=True,
    )


def test_admin_pin_as_lead_pins_one_story(admin_client, make_article):
    old = make_article(headline="Old lead", is_pinned=True)
    story = make_article(headline="New lead", published_at=hours(-30))
    response = change_list_action(admin_client, "pin_as_lead", story)
    assert "“New lead” is now the home page lead." in response.text
    old.refresh_from_db()
    story.refresh_from_db()
    assert (old.is_pinned, story.is_pinned) == (False, True)
    assert lead_headline(admin_client.get(HOME)) == "New lead"


def test_admin_pin_as_lead_refuses_several_stories(admin_client, make_article):
    stories = [make_article(), make_article()]
    response = change_list_action(admin_client, "pin_as_lead", *stories)
    assert "Pick exactly one story to pin." in response.text
    assert not Article.objects.filter(is_pinned=True).exists()


def test_admin_unpin(admin_client, make_article):
    story = make_article(headline="Pinned", is_pinned=True)
    change_list_action(admin_client, "unpin", story)
    story.refresh_from_db()
    assert not story.is_pinned


def test_admin_mark_and_clear_breaking(admin_client, client, make_article):
    story = make_article(headline="Bridge closed")
    change_list_action(admin_client, "mark_breaking", story)
    assert "Bridge closed</a></p>" in client.get(HOME).text
    response = change_list_action(admin_client, "clear_breaking", story)
    assert "Cleared the breaking banner of 1 story." in response.text
    assert 'class="breaking"' not in client.get(HOME).text
