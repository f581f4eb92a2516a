"""Site search (issue 5): one page and one API over three engines.

- PostgreSQL: Django's full-text search. A weighted `search_vector` column (headline A,
  standfirst B, authors and tags C, body D) with a GIN index, web-search query syntax,
  English stemming, `SearchRank` and `SearchHeadline`.
- SQLite with FTS5: a virtual table of the same texts (made by the article_search
  migration), ranked by bm25 with the same column weights, highlighted by snippet().
  Django has no SQLite full-text support and the libraries that add it come with a whole
  CMS (Wagtail), so this part is written by hand.
- SQLite without FTS5: a plain `icontains` search, headline matches first.

Each engine has `search(stories, query)` (the matching stories, best first),
`ranked_ids(stories, query, limit)` (the first `limit` of them: one query; on PostgreSQL the
recent tier of search_recent.py first, then older stories when it gives fewer),
`snippets(ids, query)` (the
highlighted words of those stories that matched, in at most one query) and
`refresh(article_ids)`. The index is kept by `refresh_search_index()`, which
the receivers in articles/signals.py call once a transaction that changed stories commits.
"""

import functools
import html
import operator
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import batched

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    StringAgg,
    Subquery,
    TextField,
    Value,
    When,
)
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from taggit.models import TaggedItem

from .models import Article, Byline
from .search_recent import NOT_RECENT, OLDER_EXIST, keep_recent, rebuild_recent
from .search_recent import TABLE as RECENT_TABLE
from .text import plain_text

MAX_QUERY_LENGTH = 200
CONFIG = "english"  # PostgreSQL's stemming dictionary
FTS_TABLE = "articles_search_fts"
# bm25 weights, in the FTS5 table's column order: headline, standfirst, people, tags, body.
FTS_COLUMNS = ["headline", "standfirst", "people", "tags", "body"]
FTS_WEIGHTS = [10.0, 4.0, 2.0, 2.0, 1.0]
# The engines mark matches with these private-use characters; highlight() turns them into
# <mark> after escaping everything else, so no stored or typed text reaches the page as HTML.
START, STOP = "\ue000", "\ue001"
SNIPPET_WORDS = 30
# PostgreSQL's weighted search vector, in order: a story's columns, and `people` and `tags`, the
# names of its authors and tags (space-separated).
VECTOR_PARTS = (
    ("headline", "A"),
    ("standfirst", "B"),
    ("people", "C"),
    ("tags", "C"),
    ("body", "D"),
)


def vector_sql(table: str) -> str:
    """The search vector as SQL over `table`, whose rows have VECTOR_PARTS as text columns:
    for writes in bulk that index rows as they insert them (demo/bulk.py), the same vector the
    index's refresh makes with an UPDATE."""
    parts = (
        f"setweight(to_tsvector('{CONFIG}'::regconfig, COALESCE({table}.{part}, '')), '{weight}')"
        for part, weight in VECTOR_PARTS
    )
    return " || ".join(parts)


def clean_query(raw: str) -> tuple[str, bool]:
    """The query without control characters or runs of spaces, at most MAX_QUERY_LENGTH long;
    and whether it had to be shortened."""
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in raw)
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH].rstrip(), len(text) > MAX_QUERY_LENGTH


@dataclass
class ParsedQuery:
    """A query read the way PostgreSQL's websearch_to_tsquery() reads one."""

    groups: list[list[str]] = field(default_factory=list)  # all must match; any term of each
    excluded: list[str] = field(default_factory=list)


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(query: str) -> ParsedQuery:
    """Words must all match, "a phrase" matches as written, OR offers an alternative and a
    leading minus leaves a word out. Every other character is plain text, never syntax."""
    parsed, alternative = ParsedQuery(), False
    for minus, phrase, word in _TOKEN.findall(query):
        if word.upper() == "OR":
            alternative = bool(parsed.groups)
            continue
        if word:
            minus, phrase = ("-", word[1:]) if word.startswith("-") else ("", word)
        term = phrase.strip()
        if not re.search(r"\w", term):  # nothing a search engine could match
            continue
        if minus:
            parsed.excluded.append(term)
        elif alternative:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        alternative = False
    return parsed


def highlight(text: str) -> SafeString:
    """`text` escaped, with each START...STOP stretch in a <mark> (always well nested)."""
    out, marking = [], False
    for part in re.split(f"([{START}{STOP}])", text):
        if part in (START, STOP):
            if (part == START) != marking:
                out.append("<mark>" if part == START else "</mark>")
                marking = not marking
        else:
            out.append(escape(part))
    if marking:
        out.append("</mark>")
    return mark_safe("".join(out))


def body_words(body: str) -> str:
    """A story body's words, one space apart, for the index and the fallback's snippets: its
    plain text without the marker characters, so a body cannot fake a highlight."""
    return " ".join(plain_text(body).replace(START, " ").replace(STOP, " ").split())


def _author_names() -> Subquery:
    """The outer story's author names, space-separated."""
    names = (
        Byline.objects.filter(article=OuterRef("pk"))
        .values("article")
        .annotate(names=StringAgg("author__name", Value(" ")))
        .values("names")
    )
    return Subquery(names, output_field=TextField())


def _tag_names() -> Subquery:
    """The outer story's tag names, space-separated.

    Starts from taggit's TaggedItem rows of the story (an indexed lookup on content type and
    object id): going through `Article.tags` casts object_id in the join, which PostgreSQL
    cannot index, and a refresh then scans every tagged item for each story.
    """
    names = (
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), object_id=OuterRef("pk")
        )
        .values("object_id")
        .annotate(names=StringAgg("tag__name", Value(" ")))
        .values("names")
    )
    return Subquery(names, output_field=TextField())


class Engine:
    def ranked_ids(self, stories: QuerySet, query: str, limit: int) -> list[int]:
        """The ids of the first `limit` results of search(stories, query), in rank order: one
        query, on the stories table alone (the page shows their kept cards). `stories` are
        the public ones (the search page's)."""
        return list(self.search(stories, query).values_list("pk", flat=True)[:limit])


# The recent tier's matches, best first, as SearchRank and search() order them, each with
# whether an older public story exists; one row with no id when nothing matches, so that a
# search without results also learns it in this one query.
RECENT_RANKED = f"""
SELECT found.article_id, older.exist FROM (SELECT {OLDER_EXIST} AS exist) older
LEFT JOIN LATERAL (
    SELECT article_id, published_at,
        ts_rank(search_vector, websearch_to_tsquery('{CONFIG}'::regconfig, %s)) AS rank
    FROM {RECENT_TABLE}
    WHERE search_vector @@ websearch_to_tsquery('{CONFIG}'::regconfig, %s) AND published_at <= %s
    ORDER BY rank DESC, published_at DESC, article_id DESC
    LIMIT %s
) found ON true
ORDER BY found.rank DESC, found.published_at DESC, found.article_id DESC
"""


# The words of each story's body around its matches: ts_headline() over its text without tags.
# SQL rather than Django's SearchHeadline: the same statement without building and compiling
# the expressions on every search page (issue 12: the page's own CPU).
SNIPPETS = f"""
SELECT id, ts_headline('{CONFIG}'::regconfig, regexp_replace(body, '<[^>]*>', ' ', 'g'),
    websearch_to_tsquery('{CONFIG}'::regconfig, %s), %s)
FROM {Article._meta.db_table} WHERE id = ANY(%s)
"""
HEADLINE_OPTIONS = (
    f"StartSel='{START}', StopSel='{STOP}', MaxWords={SNIPPET_WORDS}, "
    f"MinWords={SNIPPET_WORDS // 2}, MaxFragments=2, FragmentDelimiter=' … '"
)


class PostgresSearch(Engine):
    """Django's full-text search, over the recent tier first (articles/search_recent.py)."""

    def search(self, stories: QuerySet, query: str) -> QuerySet:
        terms = SearchQuery(query, search_type="websearch", config=CONFIG)
        return (
            stories.filter(search_vector=terms)
            .annotate(search_rank=SearchRank(F("search_vector"), terms))
            .order_by("-search_rank", "-published_at", "-id")
        )

    def ranked_ids(self, stories: QuerySet, query: str, limit: int) -> list[int]:
        """The first `limit` results: the best matches among the recent stories (one query on
        their table alone), then, when they are fewer and older public stories exist, the best
        of those. `stories` must be the public ones: the recent tier holds the published
        stories outside the trash, and this reads their publish time."""
        with connection.cursor() as cursor:
            cursor.execute(RECENT_RANKED, [query, query, timezone.now(), limit])
            rows = cursor.fetchall()
        ids = [pk for pk, _ in rows if pk is not None]
        if len(ids) < limit and rows[0][1]:
            older = self.search(stories, query).extra(where=[NOT_RECENT])
            ids += older.values_list("pk", flat=True)[: limit - len(ids)]
        return ids

    def snippets(self, ids: list[int], query: str) -> dict[int, SafeString]:
        with connection.cursor() as cursor:
            cursor.execute(SNIPPETS, [query, HEADLINE_OPTIONS, ids])
            found = cursor.fetchall()
        return {pk: _snippet(html.unescape(snippet or "")) for pk, snippet in found}

    def refresh(self, article_ids: list[int] | None) -> None:
        self.index_words(article_ids)
        if article_ids is None:
            rebuild_recent()
        else:
            keep_recent(article_ids)

    def index_words(self, article_ids: list[int] | None) -> None:
        """The search vectors of these stories (every story when None), in chunks."""
        sources = {"people": _author_names(), "tags": _tag_names()}
        vectors = [
            SearchVector(sources.get(part, part), weight=weight, config=CONFIG)
            for part, weight in VECTOR_PARTS  # the body: the parser skips HTML tags
        ]
        vector = vectors[0]
        for more in vectors[1:]:
            vector += more
        if article_ids is None:
            Article.objects.update(search_vector=vector)
            return
        # In chunks: a bulk seed's transaction may hold more stories than a query may have
        # parameters (65,535).
        for chunk in batched(article_ids, 2000):
            Article.objects.filter(pk__in=chunk).update(search_vector=vector)


class Fts5Search(Engine):
    """SQLite's FTS5: a contentful virtual table whose rowid is the story's id."""

    def search(self, stories: QuerySet, query: str) -> QuerySet:
        expression = fts5_expression(parse_query(query))
        if not expression:
            return stories.none()
        weights = ", ".join(map(str, FTS_WEIGHTS))
        # Django joins only model tables. An unmanaged model for the FTS table would break
        # dumpdata on PostgreSQL, where the table does not exist, so join it with extra().
        # The unary + keeps SQLite from looking stories up in the FTS table one by one (a full
        # MATCH per published story: seconds at 100,000 stories); it reads the matches first
        # and fetches their stories by id (issue 6).
        return stories.extra(
            tables=[FTS_TABLE],
            where=[f"+{FTS_TABLE}.rowid = {Article._meta.db_table}.id", f"{FTS_TABLE} MATCH %s"],
            params=[expression],
            select={"search_rank": f"bm25({FTS_TABLE}, {weights})"},
        ).order_by("search_rank", "-published_at", "-id")

    def snippets(self, ids: list[int], query: str) -> dict[int, SafeString]:
        body = FTS_COLUMNS.index("body")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, snippet({FTS_TABLE}, {body}, %s, %s, ' … ', {SNIPPET_WORDS}) "
                f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
                f"AND rowid IN ({', '.join(['%s'] * len(ids))})",
                [START, STOP, fts5_expression(parse_query(query)), *ids],
            )
            return {pk: _snippet(snippet or "") for pk, snippet in cursor.fetchall()}

    def refresh(self, article_ids: list[int] | None) -> None:
        stories = Article.objects.annotate(
            people=_author_names(), tag_names=_tag_names()
        ).values_list("pk", "headline", "standfirst", "people", "tag_names", "body")
        columns = ", ".join(["rowid", *FTS_COLUMNS])
        insert = f"INSERT INTO {FTS_TABLE} ({columns}) VALUES (%s, %s, %s, %s, %s, %s)"
        with transaction.atomic(), connection.cursor() as cursor:
            if article_ids is None:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")
                article_ids = list(Article.objects.values_list("pk", flat=True))
            for chunk in batched(article_ids, 500):
                placeholders = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})", chunk)
                rows = stories.filter(pk__in=chunk)
                cursor.executemany(
                    insert,
                    [
                        (pk, headline, standfirst, people or "", tags or "", body_words(body))
                        for pk, headline, standfirst, people, tags, body in rows
                    ],
                )


def fts5_expression(parsed: ParsedQuery) -> str:
    """An FTS5 MATCH expression for `parsed`. Every term is an FTS5 string ("..."), so
    nothing a reader types is read as FTS5 syntax: NEAR(, *, ^, column: are just text."""

    def string(term):
        return '"' + term.replace('"', '""') + '"'

    if not parsed.groups:
        return ""
    required = " AND ".join(f"({' OR '.join(map(string, group))})" for group in parsed.groups)
    return f"({required})" + "".join(f" NOT {string(term)}" for term in parsed.excluded)


class SimpleSearch(Engine):
    """The fallback: substring matches, headline matches first. No stemming, no ranking."""

    def search(self, stories: QuerySet, query: str) -> QuerySet:
        parsed = parse_query(query)
        if not parsed.groups:
            return stories.none()
        for group in parsed.groups:
            stories = stories.filter(_any_of(_anywhere, group))
        for term in parsed.excluded:
            stories = stories.exclude(_anywhere(term))
        terms = [term for group in parsed.groups for term in group]
        place = Case(
            When(_any_of(lambda term: Q(headline__icontains=term), terms), then=Value(0)),
            When(_any_of(lambda term: Q(standfirst__icontains=term), terms), then=Value(1)),
            default=Value(2),
        )
        stories = stories.annotate(search_rank=place)
        return stories.order_by("search_rank", "-published_at", "-id")

    def snippets(self, ids: list[int], query: str) -> dict[int, SafeString]:
        terms = [term for group in parse_query(query).groups for term in group]
        pattern = re.compile("|".join(map(re.escape, terms)), re.IGNORECASE)
        found = {}
        for pk, body in Article.objects.filter(pk__in=ids).values_list("pk", "body"):
            text = body_words(body)
            if not (match := pattern.search(text)):
                continue
            word_start = text.rfind(" ", 0, match.start()) + 1
            before = text[:word_start].split()[-(SNIPPET_WORDS // 3) :]
            after = text[word_start:].split()[: SNIPPET_WORDS - len(before)]
            window = " ".join(before + after)
            found[pk] = _snippet(pattern.sub(rf"{START}\g<0>{STOP}", window))
        return found

    def refresh(self, article_ids: list[int] | None) -> None:
        """Nothing to keep: it reads the stories themselves."""


def _any_of(make_q, terms) -> Q:
    return functools.reduce(operator.or_, map(make_q, terms))


def _anywhere(term: str) -> Q:
    return (
        Q(headline__icontains=term)
        | Q(standfirst__icontains=term)
        | Q(body__icontains=term)
        | Exists(Byline.objects.filter(article=OuterRef("pk"), author__name__icontains=term))
        | Exists(Article.objects.filter(pk=OuterRef("pk"), tags__name__icontains=term))
    )


def _snippet(text: str) -> SafeString:
    """Highlighted snippet HTML, or "" when the text holds no match (the standfirst will do)."""
    return highlight(text) if START in text else SafeString("")


@functools.cache
def fts5_available() -> bool:
    """Whether this Python's SQLite library has FTS5 (the library Django's connections use)."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()


def search_engine():
    if connection.vendor == "postgresql":
        return PostgresSearch()
    if connection.vendor == "sqlite" and fts5_available():
        return Fts5Search()
    return SimpleSearch()


def refresh_search_index(article_ids: Iterable[int] | None = None) -> None:
    """Bring the search index of these stories (every story when None) up to date, now.

    articles/signals.py calls it once the transaction that changed them commits. Elsewhere call
    `articles.signals.stories_changed()`, which also refreshes the caches; the search migration
    calls it directly, to build the index of the stories already there.
    """
    search_engine().refresh(None if article_ids is None else list(article_ids))
