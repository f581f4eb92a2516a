"""The recent tier of PostgreSQL's search index (issue 12): search at 1,000,000 stories.

Ranking reads the whole search vector of every match, so a search costs time in proportion to
its matches: "ferry subsidy" matches 16,620 of 1,000,000 stories and took 137 ms, against 10 ms
at 100,000 stories. The newest SEARCH_RECENT_STORIES stories with a publish time (100,000 by
default) are flagged `search_recent` and have a GIN index of their own (the recent_search
migration). Search ranks the matches among them first and reads the older stories only when
those give fewer results than the page offers (1,000), so a search costs what it costs on a site
of that size, however large the archive: best matches first among the recent stories, then the
best of the older ones.

`keep_recent(ids)` keeps the tier exact once stories changed: always the newest
SEARCH_RECENT_STORIES stories by (publish time, id), every one of them newer than every story
outside it. A save that leaves a story where it was costs three small index reads; a story that
enters or leaves the tier (published, unpublished, redated, deleted) adds one walk of the tier's
index (about 15 ms at 100,000). The receivers in articles/signals.py call it with the search
index refresh, once a transaction that changed stories commits; `rebuild_recent()` makes the
tier from nothing (the migration, bulk seeding, `rebuild_search_index`).

Hand-written: PostgreSQL's partial indexes are the machinery; no library keeps such a tier.
"""

from django.conf import settings
from django.db import connection, transaction

from .models import Article

TABLE = Article._meta.db_table
LOCK = 0x5EA4C4  # pg_advisory_xact_lock key: one keeper of the tier at a time
NEWEST_FIRST = "ORDER BY published_at DESC, id DESC"


def tier_size() -> int:
    return max(1, settings.SEARCH_RECENT_STORIES)


def rebuild_recent() -> None:
    """Flag exactly the newest tier_size() stories with a publish time, whatever was flagged."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
        cursor.execute(
            f"WITH newest AS (SELECT id FROM {TABLE} WHERE published_at IS NOT NULL "
            f"{NEWEST_FIRST} LIMIT %s) "
            f"UPDATE {TABLE} SET search_recent = (id IN (SELECT id FROM newest)) "
            f"WHERE search_recent <> (id IN (SELECT id FROM newest))",
            [tier_size()],
        )


def keep_recent(ids: list[int]) -> None:
    """These stories changed (or were deleted): bring the tier back to the newest tier_size()."""
    if not ids:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
        cursor.execute(
            f"SELECT id, published_at, search_recent FROM {TABLE} WHERE id = ANY(%s)", [ids]
        )
        rows = cursor.fetchall()
        # The tier's oldest story apart from these: where the tier ends.
        cursor.execute(
            f"SELECT published_at, id FROM {TABLE} WHERE search_recent AND NOT id = ANY(%s) "
            "ORDER BY published_at, id LIMIT 1",
            [ids],
        )
        edge = cursor.fetchone()
        joining, leaving, older = [], [], False
        for pk, published_at, recent in rows:
            inside = published_at is not None and (edge is None or (published_at, pk) > edge)
            older |= published_at is not None and not inside  # may belong in a tier not full
            if inside != recent:
                (joining if inside else leaving).append(pk)
        for flag, changed in ((True, joining), (False, leaving)):
            if changed:
                cursor.execute(
                    f"UPDATE {TABLE} SET search_recent = %s WHERE id = ANY(%s)", [flag, changed]
                )
        if joining or leaving or older or len(rows) < len(ids):
            _resize(cursor)


def _resize(cursor) -> None:
    """Every story in the tier is newer than every one outside it: send the oldest out, or
    take the newest in, until it holds tier_size() (or every story with a publish time)."""
    size = tier_size()
    cursor.execute(
        f"SELECT published_at, id FROM {TABLE} WHERE search_recent {NEWEST_FIRST} "
        "OFFSET %s LIMIT 1",
        [size - 1],
    )
    if last := cursor.fetchone():
        cursor.execute(
            f"UPDATE {TABLE} SET search_recent = false "
            "WHERE search_recent AND (published_at, id) < (%s, %s)",
            list(last),
        )
        return
    cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE search_recent")
    missing = size - cursor.fetchone()[0]
    cursor.execute(
        f"UPDATE {TABLE} SET search_recent = true WHERE id IN (SELECT id FROM {TABLE} "
        f"WHERE NOT search_recent AND published_at IS NOT NULL {NEWEST_FIRST} LIMIT %s)",
        [missing],
    )
