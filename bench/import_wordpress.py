"""Benchmark: `manage.py import_wordpress` on a 10,000-post export (issue 16). Not run in CI.

Writes an export like a small newspaper's (three authors, nested categories, tags, 600-word
posts with a captioned photo every tenth post and a shortcode now and then, 20 featured
photos shared between the posts) and a copy of wp-content/uploads into bench/tmp/, then
times the import into a fresh SQLite database (or DATABASE_URL's), and the re-import of the
same file, which should find nothing to change. Prints posts per second for both.

Usage: .venv/bin/python bench/import_wordpress.py [--posts 10000]
"""

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import time
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
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    export_path, media = WORK / "export.xml", WORK / "uploads"
    began = time.monotonic()
    write_export(export_path, media, posts)
    size = export_path.stat().st_size / 1e6
    print(f"export: {posts:,} posts, {size:.1f} MB, written in {time.monotonic() - began:.1f} s")
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DJANGO_MEDIA_ROOT": str(WORK / "media"),
        "NEWSROOM_PRIVATE_MEDIA_ROOT": str(WORK / "private-media"),
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'db.sqlite3'}")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    for label in ("import", "re-import"):
        began, cpu_before = time.monotonic(), children_cpu()
        command = [*manage, "import_wordpress", str(export_path), "--media-dir", str(media)]
        subprocess.run(command, env=env, check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
        seconds, cpu = time.monotonic() - began, children_cpu() - cpu_before
        # CPU time too: on a shared machine the wall clock measures the neighbours as well.
        print(
            f"{label}: {seconds:.1f} s, {posts / seconds:,.0f} posts/s "
            f"(CPU {cpu:.1f} s, {posts / cpu:,.0f} posts per CPU second)"
        )


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
