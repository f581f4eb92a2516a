"""Benchmark: check and render the rendition set of a 24-megapixel JPEG (issue 4).

Measures, in a fresh process per run so the figures belong to this work alone:
- time to validate the upload (`articles.photos.uploads.inspect_upload`) and to render every
  rendition (`articles.photos.renditions.render`: 4 crops, 3 formats, up to 6 widths);
- peak memory: the process's peak resident set (ru_maxrss) above its size after imports, which
  counts Pillow's pixel buffers, and tracemalloc's peak, which counts only Python objects;
- bytes: every rendition against the original upload.

- the editor's save of the photo (issue 15): server time with the renditions made inside the
  save, as before, and with them queued for a worker, as now, in one run, and the ratio.

Usage: make bench-images, or .venv/bin/python bench/images.py [--megapixels 24] [--runs 3]
"""

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "tmp"


def make_photo(path: Path, megapixels: int):
    """A camera-like JPEG: sharp shapes of every size, film grain, EXIF with GPS; quality 90.

    The grain keeps it as hard to compress as a real photo (about 10 MB for 24 megapixels).
    """
    from PIL import ExifTags, Image, ImageDraw, ImageFilter

    width = round((megapixels * 1_000_000 * 3 / 2) ** 0.5)
    height = round(width * 2 / 3)
    rng = random.Random(4)
    photo = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(photo)
    for _ in range(30_000):
        x, y = rng.randrange(width), rng.randrange(height)
        size = int(rng.paretovariate(1.2) * 12)
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x - size, y - size, x + size, y + size * rng.uniform(0.3, 2)), colour)
        else:
            end = (x + rng.randint(-4 * size, 4 * size), y + rng.randint(-4 * size, 4 * size))
            draw.line((x, y, *end), fill=colour, width=max(1, size // 6))
    photo = photo.filter(ImageFilter.GaussianBlur(0.8))
    photo = Image.blend(photo, Image.effect_noise((width, height), 40).convert("RGB"), 0.3)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "NewsCam"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 30.0, 1.0),
    }
    photo.save(path, "JPEG", quality=90, exif=exif)


def peak_rss() -> int:
    """The process's peak resident set size in bytes (VmHWM; ru_maxrss where /proc is missing)."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) * 1024
    except (OSError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


def current_rss() -> int:
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return peak_rss()


def reset_peak_rss():
    """Start the peak over from the current size (Linux: "5" to clear_refs), so the import of
    Django and Pillow does not hide the work's own peak."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def child(path: Path, out: Path):
    """One measured run: import everything first, then validate and render."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.files import File
    from django.core.files.storage import FileSystemStorage

    from articles.photos.renditions import CROPS, crop_box, render
    from articles.photos.uploads import inspect_upload

    storage = FileSystemStorage(location=out)
    reset_peak_rss()
    baseline = current_rss()
    tracemalloc.start()
    started = time.perf_counter()
    with path.open("rb") as handle:
        facts = inspect_upload(File(handle, name=path.name))
    validated = time.perf_counter()
    validate_rss = peak_rss()
    boxes = {name: crop_box(facts.width, facts.height, crop.ratio) for name, crop in CROPS.items()}
    with path.open("rb") as handle:
        entries = render(handle, boxes, storage, prefix="bench")
    rendered = time.perf_counter()
    _, heap_peak = tracemalloc.get_traced_memory()
    print(
        json.dumps(
            {
                "validate_s": validated - started,
                "render_s": rendered - validated,
                "baseline_rss": baseline,
                "validate_rss": validate_rss - baseline,
                "peak_rss": peak_rss() - baseline,
                "heap_peak": heap_peak,
                "size": [facts.width, facts.height],
                "files": [
                    {"crop": name, **file}
                    for name, entry in entries.items()
                    for file in entry["files"]
                ],
            }
        )
    )


def save_child(path: Path, out: Path, runs: int):
    """The editor's save of a photo (issue 15), timed on the server side, in one process:
    before, its renditions made inside the save (the tasks run inline, as the save used to make
    them); after, the renditions task enqueued on the database queue for a worker."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_SECRET_KEY="benchmark-only-" + "x" * 40,
        DATABASE_URL=f"sqlite:///{out / 'bench.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(out / "media"),
        NEWSROOM_PRIVATE_MEDIA_ROOT=str(out / "private-media"),
        NEWSROOM_CACHE_DIR=str(out / "cache"),
        NEWSROOM_TASKS_URL="database",
        DJANGO_LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.files import File
    from django.core.management import call_command
    from django.test.utils import override_settings

    from articles.models import CaptionedImage

    call_command("migrate", verbosity=0)
    inline = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    timings = {"before": [], "after": []}
    for _ in range(runs):
        for label, tasks in (("before", inline), ("after", None)):
            with override_settings(**({"TASKS": tasks} if tasks else {})), path.open("rb") as f:
                started = time.perf_counter()
                photo = CaptionedImage.objects.create(
                    image=File(f, name=path.name), alt_text="A benchmark photo"
                )
                timings[label].append(time.perf_counter() - started)
            photo.refresh_from_db()
            made = bool(photo.renditions)
            assert made == (label == "before"), (label, made)  # inline made them; queued not
    print(json.dumps({label: statistics.median(times) for label, times in timings.items()}))


def megabytes(count: float) -> str:
    return f"{count / 1_000_000:,.1f} MB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megapixels", type=int, default=24)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-avif", action="store_true", help="as with NEWSROOM_IMAGE_AVIF=0")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--save-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.out)
    if args.save_child:
        return save_child(args.save_child, args.out, args.runs)

    from PIL import __version__ as pillow_version
    from PIL import features

    WORK.mkdir(parents=True, exist_ok=True)
    source = WORK / f"photo-{args.megapixels}mp.jpg"
    if not source.exists():
        print(f"Making a {args.megapixels}-megapixel test photo in {source.relative_to(ROOT)} ...")
        make_photo(source, args.megapixels)
    original = source.stat().st_size
    runs = []
    for number in range(args.runs):
        with tempfile.TemporaryDirectory(dir=WORK) as out:
            result = subprocess.run(
                [sys.executable, __file__, "--child", str(source), "--out", out],
                env=os.environ | {"NEWSROOM_IMAGE_AVIF": "0" if args.no_avif else "1"},
                check=True,
                capture_output=True,
                text=True,
            )
        runs.append(json.loads(result.stdout))
        print(
            f"run {number + 1}/{args.runs}: {runs[-1]['validate_s'] + runs[-1]['render_s']:.2f} s"
        )

    print("Timing the editor's save of the photo, renditions in the save and then queued ...")
    with tempfile.TemporaryDirectory(dir=WORK) as out:
        result = subprocess.run(
            [sys.executable, __file__, "--save-child", str(source), "--out", out]
            + ["--runs", str(args.runs)],
            env={
                name: value
                for name, value in os.environ.items()
                if not name.startswith(("DJANGO_", "NEWSROOM_")) and name != "DATABASE_URL"
            }
            | {"NEWSROOM_IMAGE_AVIF": "0" if args.no_avif else "1"},
            check=True,
            capture_output=True,
            text=True,
        )
    saves = json.loads(result.stdout.strip().splitlines()[-1])

    last = runs[-1]
    width, height = last["size"]
    files = last["files"]

    def median(key):
        return statistics.median(run[key] for run in runs)

    avif_off = args.no_avif or not features.check("avif")
    print()
    print(
        f"Source: {width} × {height} JPEG ({width * height / 1e6:.0f} MP), {megabytes(original)}; "
        f"Pillow {pillow_version}, AVIF {'no' if avif_off else 'yes'}; "
        f"median of {len(runs)} runs, each in a fresh process "
        f"({megabytes(median('baseline_rss'))} resident after imports)."
    )
    print()
    rows = [
        ("step", "time", "peak RSS above baseline", "Python heap peak"),
        ("validate (inspect_upload)", f"{median('validate_s'):.2f} s",
         megabytes(median("validate_rss")), ""),
        (f"+ render {len(files)} renditions", f"{median('render_s'):.2f} s",
         megabytes(median("peak_rss")), megabytes(median("heap_peak"))),
        ("validate + render", f"{median('validate_s') + median('render_s'):.2f} s", "", ""),
    ]  # fmt: skip
    for step, seconds, rss, heap in rows:
        print(f"{step:<30}{seconds:>9}{rss:>26}{heap:>19}")
    print()
    print(f"The editor's save of this photo, server time (median of {len(runs)}, one process):")
    print(f"{'renditions made in the save (before issue 15)':<52}{saves['before']:>8.2f} s")
    print(f"{'renditions queued for a worker (now)':<52}{saves['after']:>8.2f} s")
    print(f"{'ratio, before / now':<52}{saves['before'] / saves['after']:>8.1f} ×")
    print()
    print(f"{'format':<8}{'files':>6}{'bytes':>14}{'of original':>13}")
    for kind in ("avif", "webp", "jpeg"):
        chosen = [file for file in files if file["format"] == kind]
        if chosen:
            size = sum(file["bytes"] for file in chosen)
            print(f"{kind:<8}{len(chosen):>6}{megabytes(size):>14}{size / original:>12.1%}")
    every = sum(file["bytes"] for file in files)
    print(f"{'all':<8}{len(files):>6}{megabytes(every):>14}{every / original:>12.1%}")
    print()
    print("What a reader downloads instead of the original:")
    print(f"{'rendition':<28}{'bytes':>12}{'saved':>9}")
    for crop, wanted in (
        ("full", 1920),
        ("full", 960),
        ("wide", 640),
        ("square", 320),
        ("social", 1200),
    ):
        for file in files:
            if file["crop"] == crop and file["width"] == wanted:
                label = f"{crop} {file['width']}×{file['height']} {file['format']}"
                print(f"{label:<28}{file['bytes']:>12,}{1 - file['bytes'] / original:>9.1%}")


if __name__ == "__main__":
    main()
