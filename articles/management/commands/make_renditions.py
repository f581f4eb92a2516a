"""(Re)build photo renditions: after an upgrade, a change of widths or formats, or an import."""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles.models import Author, CaptionedImage
from articles.photos import uploads
from articles.photos.portraits import refresh_portrait
from articles.photos.renditions import file_names, refresh_renditions, stale_crops
from articles.tasks import make_renditions


class Command(BaseCommand):
    help = (
        "Make the missing or outdated renditions of every photo (or of the given ids). "
        "Photos whose renditions are up to date are left alone unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Only these photos (by id).")
        parser.add_argument("--force", action="store_true", help="Rebuild even if up to date.")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue a task per photo that needs renditions, for the workers (issue 15).",
        )

    def handle(self, *args, ids, force, enqueue, **options):
        photos = CaptionedImage.objects.order_by("pk")
        if ids:
            photos = photos.filter(pk__in=ids)
        if enqueue:
            return self.enqueue(photos, force)
        total = photos.count()
        built = current = 0
        failed = []
        started = time.monotonic()
        for number, photo in enumerate(photos.iterator(chunk_size=100), start=1):
            label = f"[{number}/{total}] #{photo.pk} {str(photo)[:50]}"
            began = time.monotonic()
            try:
                if not photo.file_format:  # uploaded before issue 4: read its facts first
                    uploads.describe(photo)
                    CaptionedImage.objects.filter(pk=photo.pk).update(
                        file_format=photo.file_format,
                        file_size=photo.file_size,
                        width=photo.width,
                        height=photo.height,
                    )
                crops = refresh_renditions(photo, force=force)
            except (OSError, ValidationError) as error:
                message = "; ".join(getattr(error, "messages", [])) or str(error)
                failed.append(photo.pk)
                self.stderr.write(f"{label}: FAILED: {message}")
                continue
            CaptionedImage.objects.filter(pk=photo.pk).update(
                renditions_status=CaptionedImage.Renditions.READY, renditions_error=""
            )
            if crops:
                built += 1
                count = len(file_names(photo.renditions))
                seconds = time.monotonic() - began
                self.stdout.write(
                    f"{label}: built {', '.join(crops)} ({count} files, {seconds:.1f} s)"
                )
            else:
                current += 1
                self.stdout.write(f"{label}: up to date")
        if not ids:
            failed += self.refresh_portraits()
        summary = (
            f"{total} photos: {built} built, {current} up to date, {len(failed)} failed "
            f"in {time.monotonic() - started:.1f} s."
        )
        if failed:
            raise CommandError(f"{summary} Failed ids: {' '.join(map(str, failed))}")
        self.stdout.write(self.style.SUCCESS(summary))

    def enqueue(self, photos, force):
        queued = current = 0
        total = photos.count()
        for number, photo in enumerate(photos.iterator(chunk_size=100), start=1):
            if force or stale_crops(photo):
                make_renditions.enqueue(photo.pk)
                queued += 1
                self.stdout.write(f"[{number}/{total}] #{photo.pk}: queued")
            else:
                current += 1
        summary = f"{total} photos: {queued} queued for the workers, {current} up to date."
        self.stdout.write(self.style.SUCCESS(summary))

    def refresh_portraits(self) -> list[str]:
        """The square renditions of authors' photos (issue 14); the failed authors' slugs."""
        failed = []
        for author in Author.objects.exclude(photo="").order_by("pk").iterator(chunk_size=100):
            try:
                refresh_portrait(author)
            except (OSError, ValidationError) as error:
                failed.append(author.slug)
                self.stderr.write(f"Author {author.slug}: FAILED: {error}")
        return failed
