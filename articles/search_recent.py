"""The recent tier of PostgreSQL's search index (issue 12): search at 1,000,000 stories.

Ranking reads the whole search vector of every match, so a search costs time in proportion to
its matches: "ferry subsidy" matches 16,620 of 1,000,000 stories and took 137 ms, against 10 ms
at 100,000 stories. So the newest SEARCH_RECENT_STORIES (100,000) published or scheduled stories
outside the trash are copied, with their search vectors and publish times, into a table of
their own with its own GIN index (RecentSearchEntry, `articles_search_recent`). Search ranks
the matches in it first, reading nothing else, and reads the older stories only when those
give fewer results than the page offers (1,000). A search then costs
what it costs on a site of that size, however large the archive and wherever its newest rows
lie in the stories table: best matches first among the recent stories, then the best of the
older ones.

`keep_recent(ids)` keeps the tier exact once stories changed: always the newest
SEARCH_RECENT_STORIES by (publish time, id), each newer than every one outside it, each with
its story's current vector. A save that leaves a story where it was costs two small index reads
and the copy of its vector; a story that enters or leaves the tier (published, unpublished,
trashed, redated, deleted) adds one walk of the tier's index (about 15 ms at 100,000). The
search index refresh calls it (search.py), once a transaction that changed stories commits;
`rebuild_recent()` makes the tier from nothing (a restore, bulk seeding).

Hand-written: PostgreSQL's tables and GIN indexes are the machinery; no library keeps such a
tier. Written in SQL, not through the model: one statement moves many rows, and no signal has
anything to derive from the copy.
"""

from django.conf import settings
from django.db import connection, transaction

TABLE = "articles_search_recent"
STORIES = "articles_article"
LOCK = 0x5EA4C4  # pg_advisory_xact_lock key: one keeper of the tier at a time
# The stories the tier takes the newest of: what readers see now or will when their time comes.
POOL = "{0}status = 'published' AND {0}trashed_at IS NULL AND {0}published_at IS NOT NULL"
POOLED = POOL.format("")
COPY = f"INSERT INTO {TABLE} (article_id, published_at, search_vector) SELECT id, published_at, "
NEWEST_FIRST = "ORDER BY published_at DESC, id DESC"


# Whether a public story older than the tier exists (search.py reads older ones only then).
OLDER_EXIST = (
    f"EXISTS (SELECT 1 FROM {STORIES} WHERE status = 'published' AND trashed_at IS NULL "
    f"AND (published_at, id) < (SELECT published_at, article_id FROM {TABLE} "
    "ORDER BY published_at, article_id LIMIT 1))"
)
NOT_RECENT = f"NOT EXISTS (SELECT 1 FROM {TABLE} WHERE article_id = {STORIES}.id)"


def tier_size() -> int:
    return max(1, settings.SEARCH_RECENT_STORIES)


def rebuild_recent() -> None:
    """Copy the newest tier_size() stories of the pool, whatever the tier held."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(
            f"{COPY} search_vector FROM {STORIES} WHERE {POOLED} {NEWEST_FIRST} LIMIT %s",
            [tier_size()],
        )


def keep_recent(ids: list[int]) -> None:
    """These stories changed (or were deleted): bring the tier back to the newest tier_size(),
    with their current vectors."""
    if not ids:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
        cursor.execute(
            f"SELECT s.id, s.published_at, ({POOL.format('s.')}), "
            f"r.article_id IS NOT NULL FROM {STORIES} s "
            f"LEFT JOIN {TABLE} r ON r.article_id = s.id WHERE s.id = ANY(%s)",
            [ids],
        )
        rows = cursor.fetchall()
        # The tier's oldest story apart from these: where the tier ends.
        cursor.execute(
            f"SELECT published_at, article_id FROM {TABLE} WHERE NOT article_id = ANY(%s) "
            "ORDER BY published_at, article_id LIMIT 1",
            [ids],
        )
        edge = cursor.fetchone()
        joining, staying, leaving, older = [], [], [], False
        for pk, published_at, pooled, inside in rows:
            wanted = pooled and (edge is None or (published_at, pk) > edge)
            older |= pooled and not wanted  # may belong in a tier that is not full
            if wanted:
                (staying if inside else joining).append(pk)
            elif inside:
                leaving.append(pk)
        if leaving:
            cursor.execute(f"DELETE FROM {TABLE} WHERE article_id = ANY(%s)", [leaving])
        if staying:
            cursor.execute(
                f"UPDATE {TABLE} r SET published_at = s.published_at, "
                f"search_vector = s.search_vector FROM {STORIES} s "
                "WHERE s.id = r.article_id AND r.article_id = ANY(%s)",
                [staying],
            )
        if joining:
            cursor.execute(f"{COPY} search_vector FROM {STORIES} WHERE id = ANY(%s)", [joining])
        if joining or leaving or older or len(rows) < len(ids):
            _resize(cursor)


def _resize(cursor) -> None:
    """Every story in the tier is newer than every one of the pool outside it: send the oldest
    out, or take the newest in, until it holds tier_size() (or the whole pool)."""
    size = tier_size()
    cursor.execute(
        f"SELECT published_at, article_id FROM {TABLE} "
        "ORDER BY published_at DESC, article_id DESC OFFSET %s LIMIT 1",
        [size - 1],
    )
    if last := cursor.fetchone():
        cursor.execute(f"DELETE FROM {TABLE} WHERE (published_at, article_id) < (%s, %s)", last)
        return
    cursor.execute(f"SELECT count(*) FROM {TABLE}")
    missing = size - cursor.fetchone()[0]
    cursor.execute(
        f"SELECT published_at, article_id FROM {TABLE} ORDER BY published_at, article_id LIMIT 1"
    )
    edge = cursor.fetchone() or ()
    # The pool's stories newer than the tier's oldest are all in it: take the next older ones.
    older = "AND (published_at, id) < (%s, %s)" if edge else ""
    cursor.execute(
        f"{COPY} search_vector FROM {STORIES} WHERE {POOLED} {older} {NEWEST_FIRST} LIMIT %s",
        [*edge, missing],
    )
