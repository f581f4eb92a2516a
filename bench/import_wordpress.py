"""Benchmark: `manage.py import_wordpress` on a 10,000-post export (issue 16). Not run in CI.

Writes an export like a small newspaper's (three authors, nested categories, tags, 600-word
posts with a captioned photo every tenth post and a shortcode now and then, 20 featured
photos shared between the posts) and a copy of wp-content/uploads into bench/tmp/, then
times the import into a fresh SQLite database (or DATABASE_URL's), and the re-import of the
same file, which should find nothing to change. Each runs in its own process, with its
progress bar on stderr and its summary on stdout as an editor sees them; then comes a summary
in Markdown for bench/results/: posts per second, wall and CPU time and the peak memory
(resident set) of each run, and the machine it ran on.

Usage: .venv/bin/python bench/import_wordpress.py [--posts 10000]
"""

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import time
import timeit
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "tmp" / "import_wordpress"
sys.path.insert(0, str(ROOT))

from tests.importing.exports import attachment, export, item, jpeg_file  # noqa: E402

PHOTOS = 20
WORDS = (
    "harbour tide ferry council quay fishing market weather storm crossing timetable boats "
    "island festival school road bridge lighthouse museum budget vote harvest coast"
).split()


def paragraph(rng: random.Random, words=60) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text.capitalize() + "."


def write_export(path: Path, media: Path, posts: int) -> None:
    rng = random.Random(16)
    items = []
    for number in range(1, PHOTOS + 1):
        relative = f"2024/05/photo-{number}.jpg"
        jpeg_file(media / relative, 800, 500, color=(number * 10, 90, 160))
        items.append(
            attachment(
                90_000 + number,
                relative,
                alt=f"Photo {number} of the harbour",
                caption=f"The harbour, view {number}.",
                credit="Harbour Press/Bench",
            )
        )
    categories = [("ferries", "Ferries"), ("harbour", "Harbour"), ("sport", "Sport")]
    for number in range(1, posts + 1):
        body = "\n\n".join(paragraph(rng) for _ in range(10))  # a classic-editor post
        if number % 10 == 0:
            photo = 90_000 + number % PHOTOS + 1
            body += (
                f'\n\n[caption id="attachment_{photo}"]<img class="wp-image-{photo}" '
                f'src="https://old.example.com/wp-content/uploads/2024/05/photo-{photo - 90_000}'
                f'-300x200.jpg" alt="" /> A caption.[/caption]'
            )
        if number % 7 == 0:
            body += '\n\n[contact-form-7 id="3" title="Tips"]'
        items.append(
            item(
                number,
                f"Story number {number} about the {rng.choice(WORDS)}",
                slug=f"story-{number}",
                date_gmt=f"20{10 + number % 14:02d}-0{1 + number % 9}-1{number % 10} 08:00:00",
                content=body,
                excerpt=paragraph(rng, 20),
                creator=rng.choice(["jlee", "m.okafor", "pvdb"]),
                categories=[rng.choice(categories)],
                tags=[(word, word.capitalize()) for word in rng.sample(WORDS, 3)],
                meta=[("_thumbnail_id", 90_000 + number % PHOTOS + 1)] if number % 3 == 0 else [],
            )
        )
    path.write_bytes(export(items))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    posts = parser.parse_args().posts
    facts = machine_facts()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    export_path, media = WORK / "export.xml", WORK / "uploads"
    began = time.monotonic()
    print(f"writing the export of {posts:,} posts ...", flush=True)
    write_export(export_path, media, posts)
    size = export_path.stat().st_size / 1e6
    written = f"{posts:,} posts, {size:.1f} MB, written in {time.monotonic() - began:.1f} s"
    print(f"export: {written}", flush=True)
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DJANGO_MEDIA_ROOT": str(WORK / "media"),
        "NEWSROOM_PRIVATE_MEDIA_ROOT": str(WORK / "private-media"),
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'db.sqlite3'}")
    manage = [sys.executable, str(ROOT / "manage.py")]
    print("migrating a fresh database ...", flush=True)
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    facts.append(("database", database_version(manage, env)))
    runs = []
    for label in ("import", "re-import"):
        print(f"\n{label}:", flush=True)
        command = [*manage, "import_wordpress", str(export_path), "--media-dir", str(media)]
        run = timed(command, env)
        runs.append((label, run))
        # CPU time too: on a shared machine the wall clock measures the neighbours as well.
        print(
            f"{label}: {run['seconds']:.1f} s, {posts / run['seconds']:,.0f} posts/s "
            f"(CPU {run['cpu']:.1f} s, {posts / run['cpu']:,.0f} posts per CPU second), "
            f"peak memory {run['peak_mb']:.0f} MB",
            flush=True,
        )
    facts.append(("load average after", " ".join(f"{n:.2f}" for n in os.getloadavg())))
    print("\n" + "\n".join(summary(posts, written, facts, runs)))


def timed(command, env) -> dict:
    """Runs `command`, its progress (stderr) shown as it goes and its report (stdout) both
    shown and kept; its wall time, CPU time and peak resident set, from its own rusage."""
    began = time.monotonic()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    report = []
    for line in process.stdout:
        print(line, end="", flush=True)
        report.append(line.rstrip("\n"))
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - began
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed with {process.returncode}")
    return {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,  # Linux reports kilobytes
        "report": report,
    }


def machine_facts() -> list[tuple[str, str]]:
    import django

    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if "model name" in line),
        platform.processor(),
    )
    speed = min(timeit.repeat("sum(range(10**6))", number=1, repeat=5)) * 1000
    return [
        ("date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("machine", f"{os.cpu_count()} cores (nproc), {cpu}"),
        ("load average before", " ".join(f"{n:.2f}" for n in os.getloadavg())),
        ("CPU speed", f"`sum(range(10**6))` in {speed:.1f} ms (best of 5)"),
        ("python", platform.python_version()),
        ("django", django.get_version()),
    ]


def database_version(manage, env) -> str:
    code = (
        "from django.db import connection as c; c.ensure_connection(); "
        "print(c.display_name, '.'.join(map(str, c.get_database_version())))"
    )
    found = subprocess.run(
        [*manage, "shell", "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    return (found.stdout.strip().splitlines() or ["unknown"])[-1]  # after the shell's own


def summary(posts, written, facts, runs) -> list[str]:
    lines = ["## Summary", "", *(f"- {name}: {value}" for name, value in facts)]
    lines += [f"- export: {written}", "", "| run | wall s | posts/s | CPU s | posts per CPU s "
              "| peak memory MB |", "| --- | --- | --- | --- | --- | --- |"]  # fmt: skip
    for label, run in runs:
        lines.append(
            f"| {label} | {run['seconds']:.1f} | {posts / run['seconds']:,.0f} "
            f"| {run['cpu']:.1f} | {posts / run['cpu']:,.0f} | {run['peak_mb']:.0f} |"
        )
    for label, run in runs:
        lines += ["", f"What `import_wordpress` reported ({label}):", "", "```", *run["report"]]
        lines.append("```")
    return lines


if __name__ == "__main__":
    main()
