"""The old WordPress addresses of imported posts: a permanent redirect to the story (issue 16).

One route (articles/urls.py) takes the home page's address and the date-based permalinks
(`/2019/05/harbour-reopens/`, `/2019/05/12/harbour-reopens/`), which no other page has.
`/?p=123` is WordPress's address of post 123 whatever its permalinks, so the route must come
before the home page's: without a `p` it hands the request to the home page untouched (same
page, same queries). Permalinks of two segments (`/%category%/%postname%/`) already reach the
story page, which moves them to the story's own section. Any other shape (`/%postname%/`,
`/archives/123`, a custom base) would shadow the site's own pages as a route, so the 404 page
looks it up instead (`page_not_found`): only an address no page answers is taken as an old one.
"""

from django.http import Http404
from django.shortcuts import redirect

from ..models import Article, WordPressItem
from ..ops.middleware import answers_503_without_database
from ..reader import views as reader

MAX_ID_DIGITS = 18  # a bigint: longer "ids" are junk, not a post
OLD_PATH_LENGTH = WordPressItem._meta.get_field("old_path").max_length


def moved_story(request, path: str):
    """A 301 to the story an imported post had the address `path` (no leading slash), or None.

    Paths no permalink can have (longer than the column, or with a NUL, which PostgreSQL
    refuses in text) are not looked up: the 404 page answers them."""
    if len(path) > OLD_PATH_LENGTH or "\x00" in path:
        return None
    found = WordPressItem.objects.filter(old_path__in={path, path.rstrip("/") + "/"})
    item = (
        found.filter(
            kind=WordPressItem.Kind.POST,
            article__in=Article.objects.visible_to(request.user),
        )
        .select_related("article__category")
        .order_by("-pk")
        .first()
    )
    return redirect(item.article, permanent=True) if item is not None else None


@answers_503_without_database
def page_not_found(request, exception):
    """The site's 404 page, unless the address was an imported post's old permalink."""
    if request.method in ("GET", "HEAD"):
        moved = moved_story(request, request.path_info.lstrip("/"))
        if moved is not None:
            return moved
    return reader.page_not_found(request, exception)


def old_address(request, path=""):
    if not path:
        number = request.GET.get("p", "")
        if not (number.isascii() and number.isdigit() and len(number) <= MAX_ID_DIGITS):
            return reader.home(request)
        item = (
            WordPressItem.objects.filter(
                wordpress_id=int(number),
                kind=WordPressItem.Kind.POST,
                article__in=Article.objects.visible_to(request.user),
            )
            .select_related("article__category")
            .order_by("-pk")
            .first()
        )
        if item is None:
            return reader.home(request)  # an unknown id: the home page, as before the import
        return redirect(item.article, permanent=True)
    moved = moved_story(request, path)
    if moved is None:
        raise Http404("No story has this address.")
    return moved
