from axes.helpers import get_client_username
from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.static import serve
from taggit.models import Tag

from .models import RELATED_COUNT, Article, ArticleRedirect, Author, Category, Correction
from .preview import private
from .search import MAX_QUERY_LENGTH, clean_query, search_engine

PAGE_SIZE = 20
HOME_LATEST = 12
HOME_PER_SECTION = 4


def paginate(request, stories):
    """The requested page of `stories`; a page that is not a number or out of range is a 404."""
    paginator = Paginator(stories, PAGE_SIZE, allow_empty_first_page=True)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(f"No such page: {error}") from None


def section_blocks(lead=None, per_section=HOME_PER_SECTION):
    """The newest `per_section` stories of every section but the lead, in two queries."""
    ranked = (
        Article.objects.published()
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("category_id"),
                order_by=[F("published_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=per_section + 1)  # one spare, in case the lead is among them
        .for_cards()
        .order_by("category__position", "category__name", "rank")
    )
    blocks = {}
    for story in ranked:
        block = blocks.setdefault(story.category, [])
        if story != lead and len(block) < per_section:
            block.append(story)
    return [(section, stories) for section, stories in blocks.items() if stories]


@require_safe
def home(request):
    # The lead is the story an editor pinned, else the newest: one query either way.
    published = Article.objects.published()
    pinned = published.pinned().values("pk")[:1]
    newest = published.values("pk")[: HOME_LATEST + 1]
    stories = list(published.filter(Q(pk__in=pinned) | Q(pk__in=newest)).for_cards())
    newest_first = stories[0] if stories else None
    lead = next((story for story in stories if story.is_pinned_now), newest_first)
    latest = [story for story in stories if story != lead][:HOME_LATEST]
    context = {"lead": lead, "latest": latest, "blocks": section_blocks(lead)}
    return render(request, "articles/home.html", context)


@require_safe
def latest(request):
    page = paginate(request, Article.objects.published().for_cards())
    return render(request, "articles/latest.html", {"page": page})


@require_safe
def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    page = paginate(request, category.stories.published().for_cards())
    return render(request, "articles/category_detail.html", {"category": category, "page": page})


@require_safe
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = paginate(request, Article.objects.published().filter(tags=tag).for_cards())
    return render(request, "articles/tag_detail.html", {"tag": tag, "page": page})


@require_safe
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    page = paginate(request, author.stories.published().for_cards())
    return render(request, "articles/author_detail.html", {"author": author, "page": page})


@require_safe
def article_detail(request, category, slug):
    stories = Article.objects.for_detail().visible_to(request.user)
    try:
        article = stories.get(slug=slug)
    except Article.DoesNotExist:
        # A story whose slug changed keeps its old addresses, with a permanent redirect.
        moved = get_object_or_404(
            ArticleRedirect.objects.select_related("article__category"),
            old_slug=slug,
            article__in=Article.objects.visible_to(request.user),
        )
        return redirect(moved.article, permanent=True)
    if article.category.slug != category:
        # The section is part of the address: an old or mistyped one moves to the real one.
        return redirect(article, permanent=True)
    # Headline links without bylines: one query, whether there are four related stories or none.
    related = Article.objects.select_related("category").related_to(article)[:RELATED_COUNT]
    context = {"article": article, "related": related}
    response = render(request, "articles/article_detail.html", context)
    return response if article.is_public else private(response)


@require_safe
def search(request):
    query, shortened = clean_query(request.GET.get("q", ""))
    page = None
    if query:
        engine = search_engine()
        page = paginate(request, engine.search(Article.objects.published().for_cards(), query))
        engine.add_snippets(list(page.object_list), query)
    context = {"query": query, "shortened": shortened, "page": page, "max_length": MAX_QUERY_LENGTH}
    return render(request, "articles/search.html", context)


@require_safe
def corrections(request):
    notes = (
        Correction.objects.filter(article__in=Article.objects.published())
        .select_related("article__category")
        .order_by("-published_at", "-id")
    )
    page = paginate(request, notes)
    return render(request, "articles/corrections.html", {"page": page})


@require_safe
def robots_txt(request):
    sitemaps = [reverse("articles:sitemap"), reverse("articles:sitemap_section", args=["news"])]
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /search/",  # result pages are endless and thin (issue 5)
        "",
        *(f"Sitemap: {request.build_absolute_uri(path)}" for path in sitemaps),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def media(request, path):
    # MEDIA_ROOT is read per request, not once when the URLconf loads: a changed setting (each
    # test has its own media folder) must serve its own files, not a stale folder's.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def locked_out(request, response=None, credentials=None):
    """django-axes answers a locked-out sign-in with this page (AXES_LOCKOUT_CALLABLE)."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "username": get_client_username(request, credentials) or "",
        "minutes": round(settings.AXES_COOLOFF_TIME.total_seconds() / 60),
    }
    return render(request, "locked_out.html", context, status=429)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the database may be what failed.
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)
