"""`make bench` (issue 6): how fast the production server is at 100,000 stories.

1. Seeds a fresh scratch database with `seed_demo`, then `seed_demo --articles N`, and times it:
   SQLite under bench/tmp/, or, when DATABASE_URL names a PostgreSQL server, a scratch database
   `newsroom_bench` (`newsroom_bench_<N>` at another size than 100,000) on it (dropped and made
   again).
2. In this process: SQL queries per page (Django's test client and CaptureQueriesContext), at
   the demo's 40 stories and at N, and a cProfile of the uncached pages: where the time goes.
3. Starts gunicorn (gunicorn.conf.py: 2 workers, DEBUG off, whitenoise) on 127.0.0.1 and a
   free port, with the page cache off, then on, and drives each page with wrk for a bounded
   time after a short warm-up. The server's CPU time per request comes from /proc (utime and
   stime of the master and workers, and of reaped children), steadier than requests per second
   on a shared machine; both are also given as ratios to the baseline, a fixed page served by
   the same stack (bench/baseline.py), measured in the same server run. On PostgreSQL the
   database's CPU time per request is counted beside the app's (bench/workload.py DatabaseCpu:
   the scratch database's backends, from /proc); on SQLite the app's includes it.
4. The newsroom workload (issue 12, bench/workload.py): 2,000 stories read with Zipf-like
   popularity plus the home, latest and section pages, the page cache warm, without edits and
   while an editor process saves a story every 5 s: throughput, latency, the page cache's hit
   ratio, app and database CPU per request.
5. At any size but 100,000 (issue 12: 1,000,000), one reader's uncached p50 of the home page,
   /latest/, a story and search there and at 100,000, side by side (bench/scale.py), on the
   scratch database of each size (the one at 100,000 seeded too, unless reused).
6. Prints the tables and writes them, with the machine's facts, to bench/results/<date>-<db>.md.

Environment: BENCH_STORIES (100000), BENCH_SECONDS (10), BENCH_WARMUP (2), BENCH_CONNECTIONS
(16), BENCH_THREADS (2), BENCH_PROFILE_REQUESTS (30), BENCH_REUSE=1 (keep the already seeded
scratch databases: one per size), BENCH_PARTS (`pages,newsroom`, and `scale` at another size
than 100,000: the per-page runs with their profiles, the newsroom workload, the comparison of
sizes; name one to run it alone), BENCH_NEWSROOM_SECONDS (25, each phase), BENCH_EDIT_EVERY
(5 s), BENCH_SCALE_ROUNDS (3), DATABASE_URL (PostgreSQL server), REDIS_URL (the cache;
otherwise the file cache, as on one machine without Redis).
"""

import cProfile
import io
import json
import os
import platform
import pstats
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import scale  # bench/scale.py and bench/workload.py, beside this file
import workload
from workload import DatabaseCpu, milliseconds

ROOT = Path(__file__).resolve().parent.parent
TMP = ROOT / "bench" / "tmp"
RESULTS = ROOT / "bench" / "results"
PY = sys.executable

STORIES = int(os.environ.get("BENCH_STORIES", "100000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
PROFILE_REQUESTS = int(os.environ.get("BENCH_PROFILE_REQUESTS", "30"))
SOLO_SECONDS = int(os.environ.get("BENCH_SOLO_SECONDS", "3"))
REUSE = os.environ.get("BENCH_REUSE") == "1"
REFERENCE_STORIES = 100_000  # issue 12's targets at 1,000,000 compare with this size
PARTS = set(
    os.environ.get(
        "BENCH_PARTS", "pages,newsroom" + (",scale" if STORIES != REFERENCE_STORIES else "")
    ).split(",")
)
SEARCH_QUERY = "ferry subsidy"
DEEP_PAGE = 50  # the last page a listing offers (articles/reader/views.py MAX_PAGES)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def log(message: str) -> None:
    print(message, flush=True)


# The scratch database --------------------------------------------------------------------------


def scratch_database(stories: int = STORIES) -> tuple[str, str]:
    """(DATABASE_URL of the scratch database for `stories`, its kind), made empty unless reused.

    One database per size (`newsroom_bench` holds the usual 100,000, `newsroom_bench_<N>` any
    other), so a run at 1,000,000 keeps the 100,000 it compares itself with (`scale_runs`)."""
    server = os.environ.get("DATABASE_URL", "")
    suffix = "" if stories == REFERENCE_STORIES else f"_{stories}"
    if server.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(server)
        name = f"newsroom_bench{suffix}"
        url = urlunsplit(parts._replace(path=f"/{name}"))
        if not (REUSE and seeded_marker(stories).exists()):
            seeded_marker(stories).unlink(missing_ok=True)
            admin = urlunsplit(parts._replace(path="/postgres"))
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                connection.execute(f"CREATE DATABASE {name}")
        return url, "postgresql"
    path = TMP / f"bench{suffix.replace('_', '-')}.sqlite3"
    if not (REUSE and seeded_marker(stories).exists()):
        seeded_marker(stories).unlink(missing_ok=True)
        for leftover in TMP.glob(f"{path.name}*"):
            leftover.unlink()
    return f"sqlite:///{path}", "sqlite"


def seeded_marker(stories: int = STORIES) -> Path:
    """Written once the scratch database for `stories` is seeded, with what the seeding took."""
    kind = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    return TMP / f"seeded-{kind}-{stories}"


def bench_environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DJANGO_DEBUG", None)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY=f"bench-only-{secrets.token_urlsafe(32)}",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_MEDIA_ROOT=str(TMP / "media"),
        NEWSROOM_CACHE_DIR=str(TMP / "cache"),
        DJANGO_LOG_LEVEL="WARNING",
        NEWSROOM_API_RATE_ANONYMOUS="1000000000",  # wrk is one client: measure the API, not 429s
        # The project's settings with the baseline page's URLs (bench/settings.py, bench/urls.py).
        DJANGO_SETTINGS_MODULE="bench.settings",
    )
    return env


def manage(env, *args) -> float:
    """Run manage.py; the seconds it took."""
    started = time.perf_counter()
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def vacuum(database_url: str, kind: str) -> None:
    """What autovacuum does to a live database: statistics and the visibility map (without it
    no index-only scan is worth it right after a bulk load)."""
    if kind == "postgresql":
        subprocess.run(["psql", database_url, "-qc", "VACUUM ANALYZE"], check=True)


def reference_environment() -> dict[str, str]:
    """The environment of the scratch database at REFERENCE_STORIES that a run at another size
    compares itself with (the `scale` part): reused as BENCH_REUSE says, else seeded as a run
    at that size seeds it (its queries at 40 stories are not counted: its marker says so)."""
    database_url, kind = scratch_database(REFERENCE_STORIES)
    env = bench_environment(database_url)
    if REUSE and seeded_marker(REFERENCE_STORIES).exists():
        log(f"Reusing the {REFERENCE_STORIES:,}-story database (BENCH_REUSE=1).")
        return env
    manage(env, "migrate", "--noinput", "-v0")
    demo_seconds = manage(env, "seed_demo", "-v0")
    log(f"Seeding the {REFERENCE_STORIES:,}-story database to compare with...")
    bulk_seconds = manage(env, "seed_demo", "--articles", str(REFERENCE_STORIES))
    vacuum(database_url, kind)
    seeded = {
        "when": f"{datetime.now(UTC):%Y-%m-%d %H:%M UTC}",
        "demo_seconds": demo_seconds,
        "bulk_seconds": bulk_seconds,
    }
    seeded_marker(REFERENCE_STORIES).write_text(json.dumps(seeded))
    return env


def scale_runs(env, urls, kind) -> list[str]:
    """One reader at STORIES and at REFERENCE_STORIES, side by side (bench/scale.py)."""
    log(f"Comparing one reader at {STORIES:,} and at {REFERENCE_STORIES:,} stories...")
    envs = {STORIES: env, REFERENCE_STORIES: reference_environment()}
    servers = {}
    try:
        for size, size_env in envs.items():
            servers[size] = Server(size_env, page_cache=False)
        pages = {name: urls[name] for name in ("home", "latest", "search", "tag", "author")}
        comparisons = scale.compare(servers, pages, alone_p50, SOLO_SECONDS, WARMUP, log)
    finally:
        for server in servers.values():
            server.stop()
    return scale.report(comparisons, STORIES, REFERENCE_STORIES, kind)


# In this process: queries per page and profiles ------------------------------------------------


def start_django(env) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def connection_of_django():
    from django.db import connection

    return connection


def close_connections() -> None:
    from django.db import connections

    connections.close_all()


def sample_urls(nth_story: int = 500) -> dict[str, str]:
    """The pages to measure; the story is the `nth_story` newest, or the oldest of a small run."""
    from django.urls import reverse

    from articles.models import Article, Category

    stories = Article.objects.published().select_related("category")
    story = stories[min(nth_story, stories.count() - 1)]
    section = Category.objects.filter(stories__isnull=False).order_by("position").first()
    tag = story.tags.order_by("name").first()  # the story's: a tag of the usual size
    author = story.authors.order_by("name").first()
    return {
        "baseline": "/bench/baseline/",
        "home": "/",
        "latest": "/latest/",
        f"latest p{DEEP_PAGE}": f"/latest/?page={DEEP_PAGE}",
        "story": story.get_absolute_url(),
        "section": section.get_absolute_url(),
        "tag": reverse("articles:tag_detail", kwargs={"slug": tag.slug}),
        "author": author.get_absolute_url(),
        "search": "/search/?q=" + SEARCH_QUERY.replace(" ", "+"),
        "feed": "/feed/",
        "api stories": "/api/v1/stories/",
        "api story": f"/api/v1/stories/{story.slug}/",
    }


def query_counts(urls: dict[str, str]) -> dict[str, tuple[int, int, int]]:
    """Per page: (queries on a visit, queries on the first visit after a change, HTML bytes),
    rendering every time (the page cache off). Pages that are not there (a deep page of a
    small archive) are left out."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    with override_settings(PAGE_CACHE=False):
        for url in urls.values():  # what a process loads once (content types, templates)
            client.get(url)
        for name, url in urls.items():
            cache.clear()
            with CaptureQueriesContext(connection) as first:
                client.get(url)
            with CaptureQueriesContext(connection) as steady:
                response = client.get(url)
            if response.status_code == 200:
                counts[name] = (len(steady), len(first), len(response.content))
    return counts


# Where the time goes, by cumulative time in these functions (they nest: SQL run while a
# template renders counts in both).
MARKERS = [
    ("rendering templates (Jinja2)", "django/template/backends/jinja2.py", "render"),
    ("SQL: compiling and running", "django/db/models/sql/compiler.py", "execute_sql"),
    ("SQL: running (the database itself)", "django/db/backends/utils.py", "_execute"),
    ("making model instances", "django/db/models/base.py", "from_db"),
    ("prefetching bylines and tags", "django/db/models/query.py", "prefetch_related_objects"),
    ("related stories (one query)", "articles/models/related.py", "related_stories"),
    ("photo srcset URLs", "articles/photos/pictures.py", "picture"),
    ("building links", "articles/reader/links.py", "path_to"),
    ("formatting dates", "articles/reader/templating.py", "date"),
    ("opening the database connection", "django/db/backends/base/base.py", "connect"),
    ("sections menu and banner (cache)", "articles/caching/chrome.py", "site_chrome"),
]


def profile(urls: dict[str, str]) -> str:
    """Where an uncached page's time goes, by part of the stack, and its busiest functions."""
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    out = []
    with override_settings(PAGE_CACHE=False):
        for name in ("story", "latest", "home", "search"):
            client.get(urls[name])
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(PROFILE_REQUESTS):
                client.get(urls[name])
            profiler.disable()
            stats = pstats.Stats(profiler)
            total = max(row[3] for row in stats.stats.values())  # the outermost call
            out.append(
                f"{name} ({urls[name]}): {total / PROFILE_REQUESTS * 1000:.1f} ms per request "
                "under cProfile (about twice the real time)"
            )
            for label, path, function in MARKERS:
                seconds = sum(
                    row[3]
                    for (filename, _, func), row in stats.stats.items()
                    if func == function and filename.endswith(path)
                )
                if seconds:
                    out.append(f"  {label:36} {seconds / total:4.0%}")
            buffer = io.StringIO()
            pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(6)
            lines = [line for line in buffer.getvalue().splitlines() if re.match(r"\s+\d", line)]
            out.append("  busiest functions (ncalls tottime percall cumtime percall):")
            out += ["    " + shorten(line.strip()) for line in lines]
    return "\n".join(out)


def shorten(line: str) -> str:
    return re.sub(r"\S*/(site-packages|lib/python3\.\d+|wt-[\w-]+|newsroom)/", "", line)


# Load runs -------------------------------------------------------------------------------------


@dataclass
class Run:
    name: str
    cache: str
    rps: float
    p50: float
    p99: float
    cpu_ms: float
    requests: int
    errors: int
    rss_mb: float
    solo_p50: float = 0.0
    db_cpu_ms: float | None = None  # None: not measured (SQLite, or a server elsewhere)
    baseline: "Run | None" = None  # the baseline run just before this one
    extra: dict = field(default_factory=dict)


class Server:
    """gunicorn with the repository's config file, on 127.0.0.1 and a free port."""

    def __init__(self, env, page_cache: bool):
        with closing(socket.socket()) as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = env | {"PORT": str(self.port), "NEWSROOM_PAGE_CACHE": "1" if page_cache else "0"}
        # As `make serve` and every deployment (Deploying, in the README): the public origin set,
        # so a saved story's page parts are rendered when its change commits (issue 12).
        env.setdefault("NEWSROOM_SITE_URL", self.url(""))
        self.env = env
        env.pop("NEWSROOM_BIND", None)
        gunicorn = str(Path(PY).with_name("gunicorn"))
        self.process = subprocess.Popen([gunicorn, "-c", "gunicorn.conf.py"], cwd=ROOT, env=env)
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.url("/bench/baseline/"), timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.3)
        while len(self.workers()) < int(env.get("WEB_CONCURRENCY", "2")):
            time.sleep(0.2)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def cpu_seconds(self) -> float:
        """CPU time of the master, its workers and the workers it has reaped."""
        master = read_stat(self.process.pid)
        total = sum(master[13:17])  # utime, stime, cutime, cstime
        for pid in self.workers():
            try:
                total += sum(read_stat(pid)[13:15])
            except FileNotFoundError:  # exited between the listing and the read
                pass
        return total / CLOCK_TICKS

    def worker_rss_mb(self) -> float:
        sizes = []
        for pid in self.workers():
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
        return max(sizes, default=0.0)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def read_stat(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    return [0, 0, 0, *map(int, fields[1:])]  # indexes as in proc(5) minus one: utime is [13]


def wrk(url: str, seconds: int, connections: int, threads: int) -> str:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "-H",
        "Accept-Encoding: gzip",
        url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30)
    if done.returncode:
        raise SystemExit(f"wrk failed: {done.stderr}")
    return done.stdout


def measure(
    server: Server, database_cpu: DatabaseCpu, name: str, path: str, cache: str, solo=True
) -> Run:
    url = server.url(path)
    wrk(url, WARMUP, 4, 1)
    before = server.cpu_seconds()
    with database_cpu.watch() as database:
        output = wrk(url, SECONDS, CONNECTIONS, THREADS)
    cpu = server.cpu_seconds() - before
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: (.*)", output)
    run = Run(
        name=name,
        cache=cache,
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50=milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        p99=milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        cpu_ms=cpu * 1000 / max(requests, 1),
        requests=requests,
        errors=int(errors.group(1)) if errors else 0,
        rss_mb=server.worker_rss_mb(),
        db_cpu_ms=None if database.seconds is None else database.seconds * 1000 / max(requests, 1),
    )
    if sockets:
        run.extra["socket errors"] = sockets.group(1)
    if solo:  # the latency of one reader alone: no queue behind the two workers
        run.solo_p50 = alone_p50(url, SOLO_SECONDS)
    log(
        f"  {name:12} cache {cache:3}  {run.rps:8.1f} req/s  p50 {run.p50:7.1f} ms  "
        f"p99 {run.p99:7.1f} ms  alone p50 {run.solo_p50:6.1f} ms  {run.cpu_ms:6.2f} CPU ms/req  "
        f"database {_ms(run.db_cpu_ms)} CPU ms/req  RSS {run.rss_mb:.0f} MB"
    )
    return run


def alone_p50(url: str, seconds: int) -> float:
    """The p50 of one reader asking for `url` again and again for `seconds`, in ms."""
    output = wrk(url, seconds, 1, 1)
    return milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def load_runs(env, urls, database_cpu) -> tuple[list[Run], dict[str, list[float]]]:
    """Every page with the page cache off, then on; each right after a run of the baseline, so
    its ratios compare runs a few seconds apart (the machine is shared: its speed drifts)."""
    from django.core.cache import cache

    runs, baselines = [], {}
    for page_cache in (False, True):
        mode = "on" if page_cache else "off"
        cache.clear()
        log(f"Serving with the page cache {mode}...")
        server = Server(env, page_cache)
        mode_runs, paired = [], []
        try:
            for name, url in urls.items():
                if name == "baseline":
                    continue
                paired.append(
                    measure(server, database_cpu, "baseline", urls["baseline"], mode, solo=False)
                )
                mode_runs.append(measure(server, database_cpu, name, url, mode))
                mode_runs[-1].baseline = paired[-1]
        finally:
            server.stop()
        baseline = Run(
            "baseline",
            mode,
            statistics.mean(run.rps for run in paired),
            statistics.mean(run.p50 for run in paired),
            statistics.mean(run.p99 for run in paired),
            statistics.mean(run.cpu_ms for run in paired),
            sum(run.requests for run in paired),
            sum(run.errors for run in paired),
            max(run.rss_mb for run in paired),
        )
        database = [run.db_cpu_ms for run in paired if run.db_cpu_ms is not None]
        baseline.db_cpu_ms = statistics.mean(database) if database else None
        baseline.baseline = baseline
        baselines[mode] = [run.rps for run in paired]
        runs += [baseline, *mode_runs]
    return runs, baselines


# The report ------------------------------------------------------------------------------------


def machine_facts(kind: str) -> list[tuple[str, str]]:
    import django
    from django.conf import settings
    from django.db import connection

    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if "model name" in line),
        platform.processor(),
    )
    with connection.cursor() as cursor:
        if kind == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    return [
        ("date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("machine", f"{os.cpu_count()} cores (nproc), {cpu}, {memory_gb():.0f} GB"),
        ("load average before the load runs", " ".join(f"{n:.2f}" for n in os.getloadavg())),
        ("CPU speed", f"`sum(range(10**6))` in {cpu_probe_ms():.1f} ms (best of 5; compare runs "
                      "by it: this shared machine's speed varies from day to day)"),
        ("python", platform.python_version()),
        ("django", django.get_version()),
        ("database", database),
        ("cache", settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[1]),
        (
            "server",
            "gunicorn, gunicorn.conf.py: 2 sync workers, DEBUG off, whitenoise, "
            "NEWSROOM_SITE_URL its own origin (as `make serve`)",
        ),
        ("load", f"{(wrk_version.split() or ['wrk'])[0:2]} -t{THREADS} -c{CONNECTIONS} "
                 f"-d{SECONDS}s --latency, Accept-Encoding: gzip, {WARMUP} s warm-up"),
    ]  # fmt: skip


def cpu_probe_ms() -> float:
    """A fixed piece of pure Python, timed: how fast this machine is today."""
    import timeit

    return min(timeit.repeat("sum(range(10**6))", number=1, repeat=5)) * 1000


def memory_gb() -> float:
    text = Path("/proc/meminfo").read_text()
    return int(re.search(r"MemTotal:\s+(\d+)", text).group(1)) / 1024 / 1024


def table(runs, counts, small_counts) -> list[str]:
    head = (
        "| page | page cache | req/s | p50 ms | p99 ms | p50 ms alone | CPU ms/req "
        "| database CPU ms/req | req/s ÷ baseline | CPU ÷ baseline | SQL queries (first visit) "
        "| at 40 stories | HTML KB | worker RSS MB |"
    )
    lines = [head, "|" + " --- |" * 14]
    for run in runs:
        base = run.baseline
        steady, first, size = counts[run.name]
        small = small_counts.get(run.name)
        errors = f" ({run.errors} errors)" if run.errors else ""
        lines.append(
            f"| {run.name}{errors} | {run.cache} | {run.rps:.0f} | {run.p50:.1f} | {run.p99:.1f} "
            f"| {f'{run.solo_p50:.1f}' if run.solo_p50 else '-'} | {run.cpu_ms:.2f} "
            f"| {_ms(run.db_cpu_ms)} | {run.rps / base.rps:.2f} "
            f"| {run.cpu_ms / base.cpu_ms:.2f} "
            f"| {steady} ({first}) | {f'{small[0]} ({small[1]})' if small else '-'} "
            f"| {size / 1024:.0f} | {run.rss_mb:.0f} |"
        )
    return lines


def verdicts(runs, counts, small_counts, seeding, kind) -> list[str]:
    by = {(run.name, run.cache): run for run in runs}

    def ratio(name, mode):
        return by[name, mode].rps / by[name, mode].baseline.rps

    checks = [
        ("cached story ≥ 0.6 of baseline req/s", ratio("story", "on"), 0.6),
        ("cached home ≥ 0.6 of baseline req/s", ratio("home", "on"), 0.6),
        ("uncached story ≥ 0.15 of baseline req/s", ratio("story", "off"), 0.15),
    ]
    listings = ("latest", f"latest p{DEEP_PAGE}", "section", "tag", "author")
    measured = [name for name in listings if name in counts]
    for name in measured:  # a small run (BENCH_STORIES) has no page DEEP_PAGE
        checks.append((f"uncached {name} (20 stories) ≥ 0.08", ratio(name, "off"), 0.08))
    lines = [
        f"- {'PASS' if value >= target else 'MISS'}: {label}: {value:.2f}"
        for label, value, target in checks
    ]
    if f"latest p{DEEP_PAGE}" in measured:
        deep = by[f"latest p{DEEP_PAGE}", "off"].cpu_ms / by["latest", "off"].cpu_ms
        lines.append(
            f"- {'PASS' if deep <= 2 else 'MISS'}: page {DEEP_PAGE} of latest costs ≤ 2× page 1 "
            f"(CPU per request, uncached): {deep:.2f}×"
        )
    worst = max(first for _, first, _ in counts.values())
    same = all(small_counts.get(name, counts[name])[:2] == counts[name][:2] for name in counts)
    lines.append(
        f"- {'PASS' if worst <= 6 else 'MISS'}: at most 6 SQL queries per page "
        f"(most on a first visit: {worst})"
    )
    if small_counts:
        lines.append(
            f"- {'PASS' if same else 'MISS'}: the same queries per page at 40 and {STORIES:,} "
            "stories"
        )
    else:  # a reused database seeded to compare with, which did not count them
        lines.append("- NOT MEASURED: the queries per page at 40 stories (run without BENCH_REUSE)")
    search = by["search", "off"].solo_p50
    label = "search p50 < 50 ms (uncached, one reader at a time" + (
        "" if kind == "postgresql" else "; the target is for PostgreSQL"
    )
    lines.append(f"- {'PASS' if search < 50 else 'MISS'}: {label}): {search:.1f} ms")
    if STORIES <= 100_000:  # issue 6's target, for its 100,000 stories
        lines.append(
            f"- {'PASS' if seeding < 120 else 'MISS'}: seeding {STORIES:,} stories < 2 min: "
            f"{seeding:.0f} s"
        )
    million = 1_000_000 / (STORIES / seeding)  # at this run's rate, as if it held (issue 12)
    lines.append(
        f"- {'PASS' if million < 600 else 'MISS'}: seeding 1,000,000 stories < 10 min, "
        f"extrapolated from {STORIES / seeding:,.0f} stories/s: {million / 60:.1f} min"
    )
    rss = max(run.rss_mb for run in runs)
    lines.append(f"- {'PASS' if rss < 150 else 'MISS'}: each worker < 150 MB RSS: {rss:.0f} MB")
    return lines


def seeding_cpu(cpu: dict) -> str:
    """CPU time per story of `seed_demo --articles`: manage.py's and the database's."""
    app = cpu["app"] * 1000 / STORIES
    if cpu.get("database") is None:
        return f"CPU {app:.2f} ms per story"
    database = cpu["database"] * 1000 / STORIES
    return (
        f"CPU {app:.2f} ms per story in manage.py and {database:.2f} ms in the database "
        f"({(app + database):.2f} ms in all)"
    )


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench does it)")
    TMP.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    database_url, kind = scratch_database()
    env = bench_environment(database_url)
    log(f"Scratch {kind} database; {STORIES:,} stories.")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    start_django(env)
    reused = REUSE and seeded_marker().exists()
    if reused:  # what the seeding run measured: its times and the queries at 40 stories
        seeded = json.loads(seeded_marker().read_text() or "{}")
        demo_seconds = seeded.get("demo_seconds", float("nan"))
        bulk_seconds = seeded.get("bulk_seconds", float("nan"))
        seed_cpu = seeded.get("seed_cpu", {})
        small_counts = {name: tuple(value) for name, value in seeded.get("counts", {}).items()}
        log(f"Reusing the database seeded at {seeded.get('when', '?')} (BENCH_REUSE=1).")
    else:
        demo_seconds = manage(env, "seed_demo", "-v0")
        small_counts = query_counts(sample_urls(nth_story=5))
        close_connections()
        log(f"Seeding {STORIES:,} stories with seed_demo --articles...")
        # CPU time as well as the clock: on a shared machine the clock says how busy it was.
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        with DatabaseCpu.of(connection_of_django()).watch() as database:
            bulk_seconds = manage(env, "seed_demo", "--articles", str(STORIES))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        seed_cpu = {
            "app": after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime,
            "database": database.seconds,
        }
        close_connections()
        vacuum(database_url, kind)
        seeded = {
            "when": f"{datetime.now(UTC):%Y-%m-%d %H:%M UTC}",
            "demo_seconds": demo_seconds,
            "bulk_seconds": bulk_seconds,
            "seed_cpu": seed_cpu,
            "counts": small_counts,
        }
        seeded_marker().write_text(json.dumps(seeded))
    log(f"Seeding: demo {demo_seconds:.1f} s, {STORIES:,} stories {bulk_seconds:.1f} s.")
    if seed_cpu:
        log(f"  {seeding_cpu(seed_cpu)}")
    urls = sample_urls()
    facts = machine_facts(kind)
    database_cpu = DatabaseCpu.of(connection_of_django())
    lines = [f"# Load benchmark, {STORIES:,} stories, {kind}", ""]
    if "pages" in PARTS:
        counts = query_counts(urls)
        urls = {name: url for name, url in urls.items() if name in counts}  # a small run's pages
        log("Profiling the uncached pages...")
        profiles = profile(urls)
        close_connections()
        runs, baselines = load_runs(env, urls, database_cpu)
        page_lines = [
            f"- pages: {', '.join(f'{name} `{url}`' for name, url in urls.items())}",
            "- baseline req/s, measured before each page (ratios use that one; the baseline rows "
            "show the mean): "
            + "; ".join(
                f"cache {mode}: " + ", ".join(f"{rps:.0f}" for rps in values)
                for mode, values in baselines.items()
            ),
            "",
            *table(runs, counts, small_counts),
            "",
            "SQL queries: on a visit (on the first visit after any change, when the sections menu "
            "and banner are read again); page cache off. Database CPU: the scratch database's "
            "PostgreSQL backends (none on SQLite, where the app's CPU includes the database's).",
            "",
            "## Targets",
            "",
            *verdicts(runs, counts, small_counts, bulk_seconds, kind),
        ]
    if "newsroom" in PARTS:
        quiet, busy = workload.newsroom_runs(Server, env, ROOT, TMP, CONNECTIONS, THREADS, log)
        newsroom_lines = [
            "## Newsroom workload (issue 12)",
            "",
            f"2,000 stories read with Zipf-like popularity (weight 1/rank, 80%), the home page "
            f"(12%), /latest/ (3%) and the sections (5%), the page cache warm; "
            f"{workload.SECONDS} s without edits, then {workload.SECONDS} s while another "
            f"process saves a story every {workload.EDIT_EVERY:g} s (an edit of a popular "
            "story's standfirst and tags, or a draft published with a byline and 3 tags, in "
            f"turn). wrk -t{THREADS} -c{CONNECTIONS} --timeout 10s, bench/newsroom.lua; hits, "
            "misses and stale copies (served while another request renders a changed page) "
            "are the `X-Cache` headers of the responses; the hit ratio counts only hits as "
            "hits. App CPU: gunicorn's (the "
            "editor's own Python is not the app's); database CPU: the scratch database's "
            "backends, the editor's saves included. wrk is a closed loop: while misses hold the "
            "workers up, its readers ask less often, so fewer pages are asked for between two "
            "saves than at a steady arrival rate, which would miss more.",
            "",
            *workload.report(quiet, busy),
        ]
    facts.append(("load average after them", " ".join(f"{n:.2f}" for n in os.getloadavg())))
    lines += [f"- {name}: {value}" for name, value in facts]
    lines.append(
        f"- seeding: `seed_demo` {demo_seconds:.1f} s, `seed_demo --articles {STORIES}` "
        f"{bulk_seconds:.1f} s ({STORIES / bulk_seconds:,.0f} stories/s)"
        + (f" (when the database was seeded, {seeded['when']})" if reused else "")
        + (f"; {seeding_cpu(seed_cpu)}" if seed_cpu else "")
    )
    if "pages" in PARTS:
        lines += page_lines
    if "newsroom" in PARTS:
        lines += ["", *newsroom_lines]
    if "scale" in PARTS and STORIES != REFERENCE_STORIES:
        close_connections()
        lines += ["", *scale_runs(env, urls, kind)]
    if "pages" in PARTS:
        lines += [
            "",
            "## Where an uncached page's time goes (cProfile, in-process, test client)",
            "",
            "```",
            profiles,
            "```",
        ]
    report = "\n".join(lines) + "\n"
    size = "" if STORIES == 100_000 else f"-{STORIES}-stories"  # the usual size unnamed
    path = RESULTS / f"{datetime.now(UTC):%Y-%m-%d}-{kind}{size}.md"
    path.write_text(report)
    print()
    print(report)
    log(f"Written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
