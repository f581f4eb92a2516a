"""Bring in a WordPress site from its export file (issue 16); see articles/importing/."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importing.importer import WordPressImporter
from articles.importing.wxr import ExportError

BAR_WIDTH = 30
SHOWN = 10  # files and failures listed by name in the summary; the rest are counted


class ProgressBar:
    """`Importing [#########.....]  62%  6,200/10,000` on one line of stderr, redrawn at most
    ten times a second: enough to see it move, too rarely to slow the import."""

    def __init__(self, stream):
        self.stream, self.drawn_at, self.label = stream, 0.0, None

    def __call__(self, done, total, label):
        now = time.monotonic()
        finished = done >= total
        if label == self.label and now - self.drawn_at < 0.1 and not finished:
            return
        if label != self.label and self.label is not None:
            self.stream.write("\n")
        self.label, self.drawn_at = label, now
        share = min(done / total, 1) if total else 1
        filled = round(share * BAR_WIDTH)
        counts = "" if label == "Reading" else f"  {done:,}/{total:,}"
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stream.write(f"\r{label:<9} [{bar}] {share:4.0%}{counts}", ending="")
        self.stream.flush()

    def close(self):
        if self.label is not None:
            self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export, WXR 1.1 or 1.2): authors, categories as "
        "sections, tags, posts with their featured photos. Re-running the same export updates "
        "what changed and adds nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The WordPress export file (.xml).")
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="A copy of the site's wp-content/uploads folder; photos are read from it "
            "(never downloaded). Without it, stories are imported without their photos.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read everything and report what would change, without changing anything.",
        )

    def handle(self, *args, export, media_dir, dry_run, **options):
        if not export.is_file():
            raise CommandError(f"{export}: no such file.")
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir}: no such folder.")
        bar = ProgressBar(self.stderr)
        started = time.monotonic()
        try:
            summary = WordPressImporter(export, media_dir, dry_run, progress=bar).run()
        except ExportError as error:
            bar.close()
            raise CommandError(f"{export}: {error}") from None
        except OSError as error:  # unreadable export (permissions, a disk error)
            bar.close()
            raise CommandError(f"{export}: cannot be read ({error.strerror or error}).") from None
        bar.close()
        self.report(summary, dry_run, time.monotonic() - started)
        if summary.failed:
            raise CommandError(
                f"{len(summary.failed):,} posts could not be imported (listed above)."
            )

    def report(self, summary, dry_run, seconds):
        write = self.stdout.write
        write(("Dry run: nothing was changed. " if dry_run else "") + f"Done in {seconds:.1f} s.")
        verb = "would be " if dry_run else ""
        for title, counts in (
            (f"{verb}imported", summary.imported),
            (f"{verb}updated", summary.updated),
            ("unchanged", summary.unchanged),
            ("skipped", summary.skipped),
        ):
            if counts:
                listed = ", ".join(f"{count:,} {kind}" for kind, count in sorted(counts.items()))
                write(f"  {title.capitalize()}: {listed}")
            else:
                write(f"  {title.capitalize()}: nothing")
        self.listing("Missing photo files (stories imported without them)", summary.missing_files)
        self.listing("Photo files refused by the upload checks", summary.refused_files)
        self.listing("Photos without alt text (caption or title used)", summary.photos_without_alt)
        if summary.shortcodes:
            listed = ", ".join(f"[{name}] ×{n}" for name, n in summary.shortcodes.most_common())
            write(f"  Unknown shortcodes, removed (their inner text kept): {listed}")
        if summary.images_left:
            write(f"  Images in story text still pointing at the old site: {summary.images_left:,}")
        self.listing("Posts that failed (nothing of them was saved)", summary.failed)

    def listing(self, title, items):
        if not items:
            return
        self.stdout.write(f"  {title}: {len(items):,}")
        for item in items[:SHOWN]:
            self.stdout.write(f"    {item}")
        if len(items) > SHOWN:
            self.stdout.write(f"    … and {len(items) - SHOWN:,} more")
