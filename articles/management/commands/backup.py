from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.ops.backup import write_backup


class Command(BaseCommand):
    help = (
        "Write every story, photo, section, author, tag, user and group, and every media file, "
        "into one .tar.gz archive (see `restore`). It holds password hashes: keep it private."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the file to write, e.g. newsroom-2026-11-26.tar.gz")

    def handle(self, archive, **options):
        path = Path(archive)
        if path.exists():
            raise CommandError(f"{path} already exists: give the backup a new name.")
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent} is not a folder.")
        manifest = write_backup(path)
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"Backed up {rows} rows of {len(manifest['rows'])} models and "
            f"{len(manifest['media'])} media files to {path} "
            f"({path.stat().st_size / 1_000_000:.1f} MB)."
        )
