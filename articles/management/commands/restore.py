from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.ops.backup import restore_backup


class Command(BaseCommand):
    help = (
        "Restore a `backup` archive into an empty, migrated database and empty media storage. "
        "The archive is checked first; on any error nothing is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a .tar.gz written by `manage.py backup`")

    def handle(self, archive, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"{path} does not exist.")
        manifest = restore_backup(path)
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"Restored {rows} rows and {len(manifest['media'])} media files "
            f"from the backup of {manifest['created']}."
        )
