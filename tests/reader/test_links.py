"""Reader addresses built by articles.links.path_to() are exactly what reverse() gives (issue 6)."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from articles.reader.links import path_to


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("prefix", ["/", "/news room/", "/ünï/"])
@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("articles:article_detail", {"category": "harbour", "slug": "ferry-strike_2"}),
        ("articles:category_detail", {"slug": "sport"}),
        ("articles:author_detail", {"slug": "anna-berg"}),
        ("articles:tag_detail", {"slug": "новости"}),
        ("articles:tag_detail", {"slug": "港口-天气"}),
        ("articles:tag_feed", {"slug": "harbour-life"}),
        ("articles:sitemap_section", {"section": "news"}),
        ("articles:preview_link", {"token": "a b?c#d%e"}),
    ],
)
def test_path_to_is_reverse(script_prefix, prefix, name, kwargs):
    script_prefix(prefix)
    assert path_to(name, **kwargs) == reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("slug", ["", "two words", "новости"])
def test_path_to_refuses_what_reverse_refuses(slug):
    with pytest.raises(NoReverseMatch):
        path_to("articles:category_detail", slug=slug)


def test_story_links_follow_a_changed_urlconf(settings, make_article):
    article = make_article(slug="regatta")
    assert article.get_absolute_url() == "/news/regatta/"
    settings.ROOT_URLCONF = "tests.helpers.urls_moved"
    assert article.get_absolute_url() == "/moved/news/regatta/"
    assert article.category.get_absolute_url() == "/moved/category/news/"
