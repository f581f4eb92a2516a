"""The newsroom workload of `make bench` (issue 12): readers and an editor at the same time.

Issue 12 says the page cache collapsed to a 67% hit ratio while stories were being published:
every save moved one global content version, so every cached page went at once. This measures
it, so a change (cache tags checked on read, rendering on write) can show what it fixes.

- Readers: wrk with bench/newsroom.lua, asking for 2,000 stories (the newest, in a fixed random
  order of popularity, each weighted 1/rank as Zipf's law has it) 80% of the time, the home
  page 12%, /latest/ 3% and the section pages 5%, after every page was requested once (the
  cache warm) and a few seconds of the same mix.
- Two phases of BENCH_NEWSROOM_SECONDS (25): readers alone, then readers while an editor, a
  separate process (`python bench/workload.py edit`), saves a story every BENCH_EDIT_EVERY (5)
  seconds through the ORM as the desk does: it edits a popular published story's standfirst
  and tags, or publishes a draft with a byline and 3 tags, in turn.
- Each phase: requests/s, p50/p99 (wrk, closed loop, a 10 s timeout so slow pages are counted
  rather than dropped), the hit ratio from the `X-Cache` headers the page cache set, and CPU per
  request of the app (gunicorn, from /proc) and of the database (`DatabaseCpu`).

To show what a change to the page cache does, run the workload alone on the same seeded
database before and after it: `BENCH_PARTS=newsroom BENCH_REUSE=1 make bench`, and compare the
two runs' ratios (hit ratio with edits, throughput and p99 with edits against without), which
depend less than raw figures on how busy the shared machine is.
"""

import json
import math
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

LUA = Path(__file__).with_name("newsroom.lua")
STORY_URLS = 2000
SHARES = {"home": 0.12, "latest": 0.03, "sections": 0.05}  # the stories get the rest
SECONDS = int(os.environ.get("BENCH_NEWSROOM_SECONDS", "25"))
EDIT_EVERY = float(os.environ.get("BENCH_EDIT_EVERY", "5"))
TARGETS = {"hit ratio": 0.98, "throughput": 0.8, "p99": 1.5}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def milliseconds(text: str) -> float:
    """wrk's durations ("850.12us", "1.20ms", "2.01s") in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def process_cpu(pid: int) -> float:
    """utime + stime of one process, in seconds."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


# The database server's CPU --------------------------------------------------------------------


class DatabaseCpu:
    """CPU time of the PostgreSQL backends serving one database, from /proc.

    Only the backends of the scratch database count: the server is shared with other people's
    test runs, whose backends (and the server's background processes: checkpointer, WAL writer,
    autovacuum) are left out. A backend that exits takes its CPU time with it, so while a
    measurement runs a thread reads every backend four times a second and keeps its last figure.
    Unavailable (None) when the server is not on this machine, or not PostgreSQL.
    """

    def __init__(self, postmaster: int | None, database: str):
        self.postmaster, self.database = postmaster, database

    @classmethod
    def of(cls, connection) -> "DatabaseCpu":
        """The server behind a Django connection: the parent of its backend process."""
        if connection.vendor != "postgresql":
            return cls(None, "")
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid(), current_database()")
            backend, database = cursor.fetchone()
        try:
            status = Path(f"/proc/{backend}/status").read_text()
        except OSError:  # another machine, or another PID namespace
            return cls(None, database)
        return cls(int(re.search(r"PPid:\s+(\d+)", status).group(1)), database)

    def backends(self) -> dict[int, float]:
        children = Path(f"/proc/{self.postmaster}/task/{self.postmaster}/children")
        found = {}
        for pid in map(int, children.read_text().split()):
            try:
                title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                if f" {self.database} " in title:  # "postgres: 15/main: user db host(port) state"
                    found[pid] = process_cpu(pid)
            except OSError:  # exited between the listing and the read
                pass
        return found

    def watch(self) -> "CpuWatch":
        return CpuWatch(self)


class CpuWatch:
    """`with database_cpu.watch() as watch: ...`, then `watch.seconds` (None if unavailable)."""

    def __init__(self, source: DatabaseCpu):
        self.source = source
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.seconds: float | None = None
        self._stop = threading.Event()

    def __enter__(self):
        if self.source.postmaster is not None:
            self.first = self.last = self.source.backends()
            self._thread = threading.Thread(target=self._sample, daemon=True)
            self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.25):
            self.last = self.last | self.source.backends()

    def __exit__(self, *exc):
        if self.source.postmaster is None:
            return
        self._stop.set()
        self._thread.join()
        self.last = self.last | self.source.backends()
        self.seconds = sum(cpu - self.first.get(pid, 0.0) for pid, cpu in self.last.items())


# The readers -----------------------------------------------------------------------------------


def weighted_paths(count: int = STORY_URLS) -> list[tuple[float, str]]:
    """(weight, path) of every page the readers ask for; the weights add up to 1."""
    from articles.models import Article, Category

    newest = Article.objects.published().select_related("category")
    stories = list(newest.order_by("-published_at", "-id")[:count])
    random.Random(12).shuffle(stories)  # popularity follows no one field: a fixed random order
    harmonic = sum(1 / rank for rank in range(1, len(stories) + 1))
    stories_share = 1 - sum(SHARES.values())
    paths = [
        (stories_share / rank / harmonic, story.get_absolute_url())
        for rank, story in enumerate(stories, start=1)
    ]
    paths += [(SHARES["home"], "/"), (SHARES["latest"], "/latest/")]
    sections = [section.get_absolute_url() for section in Category.objects.all()]
    paths += [(SHARES["sections"] / len(sections), path) for path in sections]
    return paths


def warm(server, paths: list[tuple[float, str]], threads: int = 4) -> float:
    """Ask for every page once, as wrk will (gzip): the seconds it took."""
    started = time.perf_counter()

    def fetch(path):
        request = urllib.request.Request(server.url(path), headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(fetch, [path for _, path in paths]))
    return time.perf_counter() - started


def wrk_mix(server, paths_file: Path, seconds: int, connections: int, threads: int) -> str:
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
        "--latency", "-H", "Accept-Encoding: gzip", "-s", str(LUA), server.url("/"),
        "--", str(paths_file),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode:
        raise SystemExit(f"wrk failed: {done.stderr}")
    return done.stdout


# The editor ------------------------------------------------------------------------------------


def make_drafts(count: int) -> list[int]:
    """Drafts for the editor to publish, written before the readers come (their saves, too,
    move cache tags), in the sections of the newest stories."""
    from articles.models import Article

    newest = list(Article.objects.published().order_by("-published_at")[:count])
    drafts = []
    for n, story in enumerate(newest):
        draft = Article.objects.create(
            headline=f"Harbour board meets tonight on the ferry timetable ({n + 1})",
            slug=f"bench-draft-{time.time_ns()}-{n}",
            standfirst="What the new timetable means for people who travel every day.",
            body=story.body,
            category_id=story.category_id,
            lead_image_id=story.lead_image_id,
            status=Article.Status.DRAFT,
        )
        drafts.append(draft.pk)
    return drafts


def start_editor(env, root: Path, drafts: list[int], stories: list[int], seconds: int):
    """The editor process, ready to start: its Python and Django start-up (seconds of CPU on a
    busy machine) must not fall in the measured phase. It says "ready" and waits for a line on
    its standard input; from then it saves at EDIT_EVERY/2, then every EDIT_EVERY seconds."""
    arguments = [
        sys.executable, str(Path(__file__)), "edit", "--seconds", str(seconds),
        "--every", str(EDIT_EVERY), "--drafts", ",".join(map(str, drafts)),
        "--stories", ",".join(map(str, stories)),
    ]  # fmt: skip
    process = subprocess.Popen(
        arguments, cwd=root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    if process.stdout.readline().strip() != "ready":
        raise SystemExit("the editor process did not start")
    return process


def edit(seconds: float, every: float, drafts: list[int], stories: list[int]) -> None:
    """Run in the editor process: one save every `every` seconds, alternately an edit of a
    published story and the publication of a draft, each timed, as JSON lines on stdout."""
    from django.db import transaction
    from taggit.models import Tag

    from articles.caching import cards as kept_cards
    from articles.caching import story as kept_story
    from articles.models import Article, Author, Byline

    rng = random.Random(5)
    tags = list(Tag.objects.values_list("name", flat=True))
    authors = list(Author.objects.all())
    # A warm process, as the admin's long-lived workers are: its templates compiled by rendering
    # a story's cards and page parts once (kept again as they were), before the measured phase.
    kept_cards.render_after_commit(stories[:1])
    kept_story.render_after_commit(stories[:1])
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.monotonic()
    for n in range(int(seconds // every)):
        time.sleep(max(0.0, started + every / 2 + n * every - time.monotonic()))
        clock = time.perf_counter()
        with transaction.atomic():
            if n % 2 == 0 or not drafts:
                action = "edit"
                story = Article.objects.get(pk=stories[n // 2 % len(stories)])
                standfirst = re.sub(r"^Updated [\d:]+: ", "", story.standfirst)
                story.standfirst = f"Updated {time.strftime('%H:%M:%S')}: {standfirst}"[:400]
                story.save()
            else:
                action = "publish"
                story = Article.objects.get(pk=drafts.pop(0))
                Byline.objects.create(article=story, author=rng.choice(authors), position=0)
                story.status = Article.Status.PUBLISHED
                story.save()
            # The search index is refreshed once the transaction commits (articles/signals.py),
            # as for the admin's saves; the admin no longer refreshes it itself as well.
            story.tags.set(rng.sample(tags, 3))
        milliseconds = (time.perf_counter() - clock) * 1000
        print(json.dumps({"action": action, "story": story.pk, "ms": milliseconds}), flush=True)


# A phase and the report -------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    rps: float
    p50: float
    p99: float
    requests: int
    hits: int
    misses: int
    stale: int  # the copy from before a change, while another request rendered the page
    other: int
    app_cpu_ms: float
    db_cpu_ms: float | None
    edits: list[dict] = field(default_factory=list)

    @property
    def hit_ratio(self) -> float:
        """Current pages from the cache over all the page cache answered: a stand-in (stale)
        counts against it, as a miss does."""
        return self.hits / max(1, self.hits + self.misses + self.stale)


def run_phase(name, server, database_cpu, paths_file, connections, threads, editor=None):
    """One phase of the workload; `editor` (a function starting the editor process, or None)
    is started before and set going with the readers."""
    process = editor() if editor else None
    before = server.cpu_seconds()
    with database_cpu.watch() as watch:
        if process is not None:
            process.stdin.write("go\n")
            process.stdin.flush()
        output = wrk_mix(server, paths_file, SECONDS, connections, threads)
        edits = []
        if process is not None:
            out, _ = process.communicate(timeout=60)
            edits = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
            if process.returncode:
                raise SystemExit("the editor process failed")
    app_cpu = server.cpu_seconds() - before
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    hit, miss, stale, other = map(
        int,
        re.search(r"X-Cache: hit (\d+) miss (\d+) stale (\d+) other (\d+)", output).groups(),
    )
    return Phase(
        name=name,
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50=milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        p99=milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        requests=requests,
        hits=hit,
        misses=miss,
        stale=stale,
        other=other,
        app_cpu_ms=app_cpu * 1000 / max(requests, 1),
        db_cpu_ms=None if watch.seconds is None else watch.seconds * 1000 / max(requests, 1),
        edits=edits,
    )


def describe(phase: Phase) -> str:
    db = "-" if phase.db_cpu_ms is None else f"{phase.db_cpu_ms:.2f}"
    return (
        f"  {phase.name:12} {phase.rps:8.1f} req/s  p50 {phase.p50:7.1f} ms  "
        f"p99 {phase.p99:7.1f} ms  hit ratio {phase.hit_ratio:6.1%}  "
        f"app {phase.app_cpu_ms:5.2f} CPU ms/req  database {db} CPU ms/req  "
        f"{len(phase.edits)} saves"
    )


def report(quiet: Phase, busy: Phase) -> list[str]:
    """The workload's table and its targets, as Markdown lines."""
    lines = [
        "| phase | req/s | p50 ms | p99 ms | requests | hits | misses | stale | hit ratio "
        "| app CPU ms/req | database CPU ms/req | editor saves (mean ms) |",
        "|" + " --- |" * 12,
    ]
    for phase in (quiet, busy):
        saves = (
            f"{len(phase.edits)} ({sum(e['ms'] for e in phase.edits) / len(phase.edits):.0f})"
            if phase.edits
            else "0"
        )
        db = "-" if phase.db_cpu_ms is None else f"{phase.db_cpu_ms:.2f}"
        lines.append(
            f"| {phase.name} | {phase.rps:.0f} | {phase.p50:.1f} | {phase.p99:.1f} "
            f"| {phase.requests} | {phase.hits} | {phase.misses} | {phase.stale} "
            f"| {phase.hit_ratio:.1%} "
            f"| {phase.app_cpu_ms:.2f} | {db} | {saves} |"
        )
    checks = [
        ("hit ratio with edits ≥ 98%", busy.hit_ratio, f"{busy.hit_ratio:.1%}", True),
        (
            "throughput with edits ÷ without ≥ 0.8",
            busy.rps / quiet.rps,
            f"{busy.rps / quiet.rps:.2f}",
            True,
        ),
        (
            "p99 with edits ÷ without ≤ 1.5",
            busy.p99 / quiet.p99,
            f"{busy.p99 / quiet.p99:.2f}",
            False,
        ),
    ]
    targets = [TARGETS["hit ratio"], TARGETS["throughput"], TARGETS["p99"]]
    lines += ["", "Targets (issue 12):", ""]
    for (label, value, shown, at_least), target in zip(checks, targets, strict=True):
        passed = value >= target if at_least else value <= target
        lines.append(f"- {'PASS' if passed else 'MISS'}: {label}: {shown}")
    return lines


def newsroom_runs(server_class, env, root: Path, tmp: Path, connections, threads, log):
    """The whole workload against a fresh server with the page cache on: (quiet, busy)."""
    from django.core.cache import cache
    from django.db import connection
    from django.db import connections as all_connections

    database_cpu = DatabaseCpu.of(connection)
    paths = weighted_paths()
    popular = _story_ids(paths[:20])
    drafts = make_drafts(math.ceil(SECONDS / EDIT_EVERY / 2) + 1)
    all_connections.close_all()
    paths_file = tmp / "newsroom-paths.txt"
    paths_file.write_text("".join(f"{weight:.9f} {path}\n" for weight, path in paths))
    cache.clear()
    log(f"Newsroom workload: {len(paths):,} pages; warming the page cache...")
    server = server_class(env, True)
    try:
        log(f"  every page once in {warm(server, paths):.0f} s")
        wrk_mix(server, paths_file, 5, connections, threads)  # each worker's memory fills too
        quiet = run_phase("no edits", server, database_cpu, paths_file, connections, threads)
        log(describe(quiet))

        def editor():  # on the server's site (NEWSROOM_SITE_URL), as the admin beside it
            return start_editor(server.env, root, drafts, popular, SECONDS)

        busy = run_phase(
            "with edits", server, database_cpu, paths_file, connections, threads, editor
        )
        log(describe(busy))
    finally:
        server.stop()
    return quiet, busy


def _story_ids(paths: list[tuple[float, str]]) -> list[int]:
    """The ids of the stories at these paths (the most popular come first in `paths`)."""
    from articles.models import Article

    slugs = [path.rstrip("/").rsplit("/", 1)[1] for _, path in paths if path.count("/") == 3]
    by_slug = dict(Article.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    return [by_slug[slug] for slug in slugs if slug in by_slug]


if __name__ == "__main__" and sys.argv[1:2] == ["edit"]:
    import argparse

    parser = argparse.ArgumentParser(description="The editor of the newsroom workload.")
    parser.add_argument("command")
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--every", type=float, required=True)
    parser.add_argument("--drafts", default="")
    parser.add_argument("--stories", required=True)
    options = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    edit(
        options.seconds,
        options.every,
        [int(pk) for pk in options.drafts.split(",") if pk],
        [int(pk) for pk in options.stories.split(",")],
    )
