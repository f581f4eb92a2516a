"""Benchmark: renaming an author who has 10,000 stories (issue 15). Not run in CI.

Every story's search index holds its authors' names, so a rename has to refresh the index of
each of them. Before issue 15 that happened at the commit, inside the editor's save; now a
rename touching more than `tasks.SEARCH_INLINE_LIMIT` stories saves at once and leaves the
refresh to background tasks, in chunks. This measures, in one run on one database:

- the save as before: the refresh at the commit (the inline limit raised above the count);
- the save as now: the rename commits and enqueues the chunks on the database queue;
- the background work that follows (the chunks run as a worker would), and a search for the
  new name finding every story once it is done.

It seeds a fresh SQLite database in bench/tmp/rename/ (or uses DATABASE_URL's, emptied and
seeded) with the demo newsroom plus N generated stories, then puts them all under one author.

Usage: make bench-rename, or .venv/bin/python bench/rename.py [--stories 10000] [--runs 3]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "tmp" / "rename"


def environment() -> dict:
    env = dict(os.environ)
    env.setdefault("DJANGO_DEBUG", "1")
    env.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'db.sqlite3'}")
    env["NEWSROOM_TASKS_URL"] = "database"  # the embedded default: tasks wait in the database
    env["DJANGO_MEDIA_ROOT"] = str(WORK / "media")
    env["NEWSROOM_PRIVATE_MEDIA_ROOT"] = str(WORK / "private")
    env["NEWSROOM_CACHE_DIR"] = str(WORK / "cache")
    return env


def seed(env: dict, stories: int) -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    manage = [sys.executable, str(ROOT / "manage.py")]
    if not env["DATABASE_URL"].startswith("sqlite"):
        subprocess.run([*manage, "flush", "--noinput"], env=env, cwd=ROOT, check=False)
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    print(f"Seeding the demo newsroom and {stories:,} generated stories...", flush=True)
    subprocess.run(
        [*manage, "seed_demo", "--articles", str(stories)], env=env, cwd=ROOT, check=True
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    env = environment()
    seed(env, options.stories)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection, transaction
    from django_tasks_db.models import DBTaskResult

    from articles import tasks
    from articles.models import Article, Author, Byline
    from articles.search import refresh_search_index, search_engine

    # Every story under one author, the search index current: what a long career looks like.
    author = Author.objects.create(name="Ingrid Vasquez", slug="ingrid-vasquez")
    ids = list(Article.objects.values_list("pk", flat=True))
    with transaction.atomic():
        Byline.objects.all().delete()
        Byline.objects.bulk_create(
            [Byline(article_id=pk, author=author, position=0) for pk in ids], batch_size=2000
        )
    refresh_search_index(ids)
    DBTaskResult.objects.all().delete()
    public = Article.objects.published().count()
    print(f"{len(ids):,} stories under {author.name} ({connection.vendor})", flush=True)

    def rename(name: str) -> float:
        started = time.perf_counter()
        with transaction.atomic():
            author.name = name
            author.save()
        return time.perf_counter() - started  # the commit and what runs at it included

    def found(name: str) -> int:
        surname = name.split()[-1]
        return search_engine().search(Article.objects.published(), surname).count()

    inline_limit = tasks.SEARCH_INLINE_LIMIT
    before, now, background = [], [], []
    for run in range(options.runs):
        tasks.SEARCH_INLINE_LIMIT = len(ids) + 1  # as before issue 15: refreshed in the save
        before.append(rename(f"Ingrid Okafor{run}"))
        tasks.SEARCH_INLINE_LIMIT = inline_limit
        now.append(rename(f"Ingrid Lindqvist{run}"))
        waiting = list(DBTaskResult.objects.filter(task_path="articles.tasks.refresh_search"))
        started = time.perf_counter()
        for task in waiting:
            tasks.refresh_search.call(*task.args_kwargs["args"])
        background.append(time.perf_counter() - started)
        DBTaskResult.objects.all().delete()
        hits = found(f"Ingrid Lindqvist{run}")
        print(
            f"  run {run + 1}/{options.runs}: save as before {before[-1]:.2f} s, as now "
            f"{now[-1]:.3f} s, then {len(waiting)} background chunks {background[-1]:.2f} s; "
            f"a search for the new name finds {hits:,} stories",
            flush=True,
        )
        assert hits == public, f"{public - hits} published stories are not found by the new name"

    median = statistics.median
    print()
    print(f"| rename of an author of {len(ids):,} stories ({connection.vendor}) | median s |")
    print("| --- | --- |")
    print(f"| save, search refreshed in it (before) | {median(before):.2f} |")
    print(f"| save, search refreshed by tasks (now) | {median(now):.3f} |")
    print(f"| background refresh that follows | {median(background):.2f} |")
    print(f"| save now ÷ before | {median(now) / median(before):.3f} |")


if __name__ == "__main__":
    main()
