"""Writing generated stories in bulk for benchmarks (`manage.py seed_demo --articles N`).

The stories come from demo/generate.py. On SQLite they are written with `bulk_create` in
batches; on PostgreSQL with COPY (`copy_bulk_stories`), because `bulk_create`'s multi-row
INSERTs made a million stories take half an hour (issue 12). Neither sends signals, so each
batch hands its ids to `articles.signals.stories_changed`; on PostgreSQL the search index is
written with the rows (`search.vector_sql`), not by a second pass that rewrites them.
"""

import os
import queue
import random
import threading
import time
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, reset_queries, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from ..models import Article, Byline
from ..search import vector_sql
from ..search_recent import rebuild_recent
from ..signals import stories_changed
from .generate import (
    DemoParts,
    bulk_bylines,
    bulk_story,
    byline_choices,
    demo_parts,
    next_bulk_number,
)
from .newsroom import Log


def add_bulk_stories(count: int, log: Log, batch_size: int = 2000) -> int:
    """Add `count` published stories in batches, reusing the demo's parts: with COPY on
    PostgreSQL (`copy_bulk_stories`), with `bulk_create` elsewhere.

    `bulk_create` skips `save()`, so each story gets `prepare_for_save()` (sanitising, reading
    time, first-published time) first; bylines, tags and the search index follow in the same
    transaction.
    """
    parts = demo_parts()
    if connection.vendor == "postgresql":
        return copy_bulk_stories(count, log, parts)
    sections, authors, tag_ids = parts.sections, parts.authors, parts.tag_ids
    picture_ids, paragraphs = parts.picture_ids, parts.paragraphs
    content_type = ContentType.objects.get_for_model(Article)
    start = next_bulk_number()
    rng = random.Random(start)
    now = timezone.now()
    batches = -(-count // batch_size)
    report_every = max(1, batches // 10)
    done = 0
    for batch in range(batches):
        size = min(batch_size, count - done)
        stories = [
            bulk_story(
                rng, start + done + n, sections, paragraphs, picture_ids, now, (done + n) / count
            )
            for n in range(size)
        ]
        for story in stories:
            story.prepare_for_save()
        with transaction.atomic():
            Article.objects.bulk_create(stories)
            Byline.objects.bulk_create(
                byline for story in stories for byline in bulk_bylines(rng, story, authors)
            )
            TaggedItem.objects.bulk_create(
                TaggedItem(tag_id=tag_id, content_type=content_type, object_id=story.pk)
                for story in stories
                for tag_id in rng.sample(tag_ids, rng.randint(2, 4))
            )
            stories_changed([story.pk for story in stories])  # bylines and tags in bulk
        done += size
        reset_queries()  # with DEBUG on, Django keeps every query's SQL: megabytes per batch
        if (batch + 1) % report_every == 0 or done == count:
            log(f"  {done:,}/{count:,} stories ({done * 100 // count}%)")
    return done


COPY_BATCH = 5_000
# Batches written at once, each on its own connection: the database does most of the work
# (COPY, indexes, the search index's to_tsvector), one batch per core, plus one whose Python
# part (making stories, one thread at a time under the GIL) runs while the others wait on the
# database. On 2 cores, 3 at once seeded 1,466 stories/s, 2 at once 1,291 and 4 1,454 (issue 12).
COPY_WORKERS = min(4, (os.cpu_count() or 2) + 1)


def copy_bulk_stories(
    count: int, log: Log, parts: DemoParts, batch_size: int = COPY_BATCH, workers: int = 0
) -> int:
    """Add `count` published stories on PostgreSQL with COPY, in batches of `batch_size`.

    The same rows as the `bulk_create` path: each story goes through `prepare_for_save()` (a
    sanitised body, reading time, first-published time). COPY needs the stories' ids before the
    bylines name them, so each batch takes its ids from the table's sequence, streams its
    stories (with their authors' and tags' names) into a temporary table, inserts them from
    there with their search vector made in the same statement, streams their bylines and
    tagged items, and commits; `stories_changed` then refreshes the caches. `workers` batches
    (COPY_WORKERS by default) run at once in threads, each on its own connection; a failure
    keeps the batches committed so far, each whole. Inside an outer transaction (a test) they
    run one by one on its connection: no other would see its rows.

    Nothing here sends signals: `stories_changed` does what they would, batch by batch.
    """
    first = next_bulk_number()
    writer = _StoryWriter(parts, first, count)
    batches = [
        (first + done, min(batch_size, count - done)) for done in range(0, count, batch_size)
    ]
    timings = dict.fromkeys(["writing", "indexing"], 0.0)
    started = time.perf_counter()
    report_every = max(batch_size, count // 10)
    done = 0

    def finished(seconds: tuple[float, float], size: int):
        nonlocal done
        timings["writing"] += seconds[0]
        timings["indexing"] += seconds[1]
        done += size
        if done % report_every < batch_size or done == count:
            rate = done / (time.perf_counter() - started)
            log(f"  {done:,}/{count:,} stories ({done * 100 // count}%), {rate:,.0f} stories/s")

    if connection.in_atomic_block:
        for number, size in batches:
            finished(writer.batch(number, size), size)
    else:
        writer.in_threads(batches, workers or COPY_WORKERS, finished)
    clock = time.perf_counter()
    rebuild_recent()  # the newest stories, which search ranks first (search_recent.py)
    tier = time.perf_counter() - clock
    clock = time.perf_counter()
    with connection.cursor() as cursor:  # the planner's statistics, for the pages that follow
        tables = [Article._meta.db_table, Byline._meta.db_table, TaggedItem._meta.db_table]
        cursor.execute(f"ANALYZE {', '.join(tables)}")
    analyze = time.perf_counter() - clock
    log(
        f"  {workers or COPY_WORKERS} batches at a time; summed over them: streaming "
        f"{timings['writing']:.1f} s, inserting with the search index "
        f"{timings['indexing']:.1f} s; the recent tier {tier:.1f} s; ANALYZE {analyze:.1f} s"
    )
    return done


class _StoryWriter:
    """Makes bulk stories and streams them, their bylines and their tags with COPY."""

    def __init__(self, parts: DemoParts, first: int, count: int):
        """Stories numbered from `first`, `count` of them in all (their times: archive_time)."""
        self.parts, self.first, self.count = parts, first, count
        self.fields = Article._meta.concrete_fields
        # Model instances only for the stories, which need prepare_for_save(); their values go
        # to COPY as Python values psycopg adapts, except for fields that convert (e.g. JSON).
        plain = (str, int, bool, type(None), datetime)
        self.converts = [
            field
            for field in self.fields
            if not isinstance(field.get_db_prep_save(field.get_default(), connection), plain)
        ]
        # The stories go through a temporary table: COPY cannot compute their search vector,
        # and filling it with an UPDATE afterwards wrote every row twice (issue 12).
        self.fields = [field for field in self.fields if field.attname != "search_vector"]
        columns = ", ".join(connection.ops.quote_name(field.column) for field in self.fields)
        table = connection.ops.quote_name(Article._meta.db_table)
        self.staging = (
            f"CREATE TEMPORARY TABLE bulk_stories ON COMMIT DROP AS SELECT {columns}, "
            f"''::text AS people, ''::text AS tags FROM {table} WITH NO DATA"
        )
        self.story_copy = f"COPY bulk_stories ({columns}, people, tags) FROM STDIN"
        self.story_insert = (
            f"INSERT INTO {table} ({columns}, search_vector) "
            f"SELECT {columns}, {vector_sql('bulk_stories')} FROM bulk_stories"
        )
        self.tag_names = dict(Tag.objects.filter(pk__in=parts.tag_ids).values_list("pk", "name"))
        self.byline_copy = _copy_sql(Byline, ["article_id", "author_id", "position", "role"])
        self.tag_copy = _copy_sql(TaggedItem, ["tag_id", "content_type_id", "object_id"])
        self.content_type = ContentType.objects.get_for_model(Article).pk
        self.now = timezone.now()

    def in_threads(self, batches: list[tuple[int, int]], workers: int, finished) -> None:
        """Write `batches` ((first number, size) each) in `workers` threads, each with its own
        connection for all its batches; `finished(seconds, size)` is called here for each."""
        pending, results = queue.SimpleQueue(), queue.SimpleQueue()
        for batch in batches:
            pending.put(batch)
        failed = threading.Event()

        def work():
            try:
                while not failed.is_set():
                    try:
                        number, size = pending.get_nowait()
                    except queue.Empty:
                        return
                    results.put((self.batch(number, size), size))
            except BaseException as error:  # handed to the main thread, which raises it
                failed.set()
                results.put(error)
            finally:
                connection.close()  # this thread's own: Django's connections are per thread

        threads = [threading.Thread(target=work) for _ in range(workers)]
        for thread in threads:
            thread.start()
        try:
            for _ in batches:
                result = results.get()
                if isinstance(result, BaseException):
                    raise result
                finished(*result)
        finally:
            failed.set()  # on an error the others stop after their current batch
            for thread in threads:
                thread.join()

    def batch(self, number: int, size: int) -> tuple[float, float]:
        """Stories `number` to `number + size - 1`, committed with their search index; the
        seconds spent streaming, and inserting the stories with their search vector."""
        with transaction.atomic():
            ids, seconds = self.write(random.Random(number), number, size)
            stories_changed(ids, indexed=True)  # the caches, as this batch commits
        reset_queries()  # with DEBUG on, Django keeps every query's SQL
        return seconds

    def write(self, rng: random.Random, number: int, size: int) -> tuple[list[int], tuple]:
        """Write `size` stories in the current transaction; their ids, and the seconds spent
        streaming, and inserting the stories with their search vector."""
        clock = time.perf_counter()
        parts = self.parts
        sequence = f"pg_get_serial_sequence('{Article._meta.db_table}', 'id')"
        attnames = [field.attname for field in self.fields]
        bylines, tagged = [], []
        with connection.cursor() as cursor:
            # A seed lost in a crash is seeded again: no need to wait for each commit's flush.
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute(f"SELECT nextval({sequence}) FROM generate_series(1, %s)", [size])
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(self.staging)
            with cursor.copy(self.story_copy) as copy:
                for n, pk in enumerate(ids):
                    story = bulk_story(
                        rng,
                        number + n,
                        parts.sections,
                        parts.paragraphs,
                        parts.picture_ids,
                        self.now,
                        (number + n - self.first) / self.count,
                    )
                    story.pk = pk
                    story.created_at = story.updated_at = self.now
                    story.prepare_for_save()
                    values = story.__dict__
                    for field in self.converts:
                        values = values | {
                            field.attname: field.get_db_prep_save(values[field.attname], connection)
                        }
                    section = story.category.slug
                    people = byline_choices(rng, section, parts.authors)
                    labels = rng.sample(parts.tag_ids, rng.randint(2, 4))
                    names = (
                        " ".join(author.name for author, _position, _role in people),
                        " ".join(self.tag_names[tag_id] for tag_id in labels),
                    )
                    copy.write_row([*(values[name] for name in attnames), *names])
                    bylines += [
                        (pk, author.pk, position, role) for author, position, role in people
                    ]
                    tagged += [(tag_id, self.content_type, pk) for tag_id in labels]
            streamed = time.perf_counter()
            cursor.execute(self.story_insert)
            # Gone now, not only at the commit: a batch inside an outer transaction (a test,
            # seeding twice in one) must find the name free again.
            cursor.execute("DROP TABLE bulk_stories")
            inserted = time.perf_counter()
            for sql, rows in ((self.byline_copy, bylines), (self.tag_copy, tagged)):
                with cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
        streaming = streamed - clock + time.perf_counter() - inserted
        return ids, (streaming, inserted - streamed)


def _copy_sql(model, columns: list[str]) -> str:
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    return f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
