"""WordPress attachments as photos of the media library, from a copy of wp-content/uploads.

A photo is brought in only when a post uses it (as its featured image, in its text or in a
gallery), so the library does not fill with what no story shows. Its file goes through the
upload form's checks (articles/photos/uploads.py inspect_upload) and gets the renditions of any
photo when saved. Files are read from `--media-dir` by their path in the attachment URL (what
follows `wp-content/uploads/`), never fetched from the network; a path that leads out of that
folder is refused.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from ..models import CaptionedImage, WordPressItem
from ..photos import uploads
from ..photos.renditions import find_rendition, rendition_storage, stale_crops
from ..tasks import build_renditions
from .content import ImageFacts, plain

UPLOADS = "/wp-content/uploads/"
# WordPress's resized copies: harbour-300x200.jpg is harbour.jpg at another size.
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
# The credit in _wp_attachment_metadata, a PHP-serialised array: s:6:"credit";s:12:"A. Lindqvist";
SERIALISED_CREDIT = re.compile(rb's:6:"credit";s:(\d+):"')
BODY_WIDTH = 960  # the rendition a body image points at: the story column's width


@dataclass
class Attachment:
    wordpress_id: int
    url: str
    title: str = ""
    caption: str = ""
    alt: str = ""
    credit: str = ""
    attached_file: str = ""
    parent: int = 0

    @classmethod
    def of(cls, item) -> "Attachment":
        meta = item.meta
        credit = meta.get("_media_credit") or serialised_credit(meta.get("_wp_attachment_metadata"))
        return cls(
            wordpress_id=item.wordpress_id,
            url=item.attachment_url or item.link,
            title=plain(item.title, 300),
            caption=plain(item.excerpt, 500),
            alt=plain(meta.get("_wp_attachment_image_alt", ""), 300),
            credit=plain(credit, 200),
            attached_file=meta.get("_wp_attached_file", ""),
            parent=item.parent,
        )

    @property
    def relative_path(self) -> str:
        """The file's path inside wp-content/uploads, from its URL (else its meta)."""
        path = unquote(urlsplit(self.url).path)
        if UPLOADS in path:
            return path.split(UPLOADS, 1)[1]
        return self.attached_file.lstrip("/")


def serialised_credit(value: str | None) -> str:
    if not value:
        return ""
    data = value.encode()
    match = SERIALISED_CREDIT.search(data)
    if not match:
        return ""
    start = match.end()
    return data[start : start + int(match[1])].decode(errors="replace")


def upload_key(src: str) -> str:
    """The uploads path an image address points at, without WordPress's size suffix."""
    path = unquote(urlsplit(src).path)
    if UPLOADS not in path:
        return ""
    return SIZE_SUFFIX.sub("", path.split(UPLOADS, 1)[1])


class PhotoImporter:
    """Brings in attachments as CaptionedImages, once each per run, and reports on them."""

    def __init__(self, site: str, media_dir: Path | None, dry_run: bool, summary):
        self.site, self.dry_run, self.summary = site, dry_run, summary
        self.media_dir = media_dir.resolve() if media_dir else None
        self.attachments: dict[int, Attachment] = {}
        self.by_path: dict[str, int] = {}
        self.by_parent: dict[int, list[int]] = {}
        self.done: dict[int, CaptionedImage | None] = {}

    def add(self, attachment: Attachment) -> None:
        self.attachments[attachment.wordpress_id] = attachment
        if key := SIZE_SUFFIX.sub("", attachment.relative_path):
            self.by_path[key] = attachment.wordpress_id
        self.by_parent.setdefault(attachment.parent, []).append(attachment.wordpress_id)

    def photo(self, wordpress_id: int | None) -> CaptionedImage | None:
        """The photo of this attachment, imported or updated if need be; None when it cannot be
        (unknown, missing or refused file: reported in the summary)."""
        if wordpress_id is None:
            return None
        if wordpress_id not in self.done:
            self.done[wordpress_id] = self.bring_in(wordpress_id)
        return self.done[wordpress_id]

    def bring_in(self, wordpress_id: int) -> CaptionedImage | None:
        attachment = self.attachments.get(wordpress_id)
        if attachment is None:
            self.summary.missing_files.append(f"attachment {wordpress_id} (not in the export)")
            return None
        relative = attachment.relative_path
        path = self.find_file(relative)
        if path is None:
            self.summary.missing_files.append(relative or attachment.url)
            return None
        # Two halves: the file's digest, then that of the texts, so each change is told apart.
        with path.open("rb") as handle:  # in chunks: the size limit is checked further on
            file_digest = hashlib.file_digest(handle, "sha256").hexdigest()[:32]
        facts = "|".join((attachment.alt, attachment.caption, attachment.credit, attachment.title))
        source_hash = file_digest + hashlib.sha256(facts.encode()).hexdigest()[:32]
        record = (
            WordPressItem.objects.filter(
                site=self.site, kind=WordPressItem.Kind.ATTACHMENT, wordpress_id=wordpress_id
            )
            .select_related("photo")
            .first()
        )
        if record and record.photo and record.source_hash == source_hash:
            self.summary.unchanged["photos"] += 1
            return record.photo
        photo = record.photo if record and record.photo else CaptionedImage()
        new_file = not photo.pk or record.source_hash[:32] != file_digest
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            if new_file:
                try:
                    upload.photo_facts = uploads.inspect_upload(upload)
                except ValidationError as error:
                    self.summary.refused_files.append(f"{relative}: {' '.join(error.messages)}")
                    return None
                photo.image = upload
                photo.width, photo.height = upload.photo_facts.width, upload.photo_facts.height
            photo.alt_text = attachment.alt or attachment.caption or attachment.title or path.stem
            if not attachment.alt:
                self.summary.photos_without_alt.append(relative)
            photo.caption = attachment.caption
            photo.credit = attachment.credit
            kind = "updated" if photo.pk else "imported"
            if self.dry_run:  # checked and counted, but neither stored nor rendered
                getattr(self.summary, kind)["photos"] += 1
                return photo
            with transaction.atomic():
                photo.save()
                WordPressItem.objects.update_or_create(
                    site=self.site,
                    kind=WordPressItem.Kind.ATTACHMENT,
                    wordpress_id=wordpress_id,
                    defaults={"photo": photo, "source_hash": source_hash},
                )
        if new_file or stale_crops(photo):
            # Made here, not left to the task the save enqueued: the stories' bodies are
            # written with the addresses of these renditions (`facts`). The task then finds
            # nothing left to do.
            build_renditions(photo.pk)
            photo.refresh_from_db()
        getattr(self.summary, kind)["photos"] += 1
        return photo

    def find_file(self, relative: str) -> Path | None:
        if self.media_dir is None or not relative:
            return None
        path = (self.media_dir / relative).resolve()
        if not path.is_relative_to(self.media_dir):
            self.summary.refused_files.append(f"{relative}: outside the media folder")
            return None
        return path if path.is_file() else None

    def image_for(self, src: str, wordpress_id: int | None) -> ImageFacts | None:
        """A body image's photo, by its `wp-image-ID` class or by its address."""
        if wordpress_id not in self.attachments:
            wordpress_id = self.by_path.get(upload_key(src))
        photo = self.photo(wordpress_id)
        return self.facts(photo, self.attachments[wordpress_id]) if photo else None

    def gallery(self, ids: list[int], post_id: int) -> list[ImageFacts]:
        """A gallery's photos: the listed attachments, else the post's own, in order."""
        facts = []
        for wordpress_id in ids or sorted(self.by_parent.get(post_id, [])):
            photo = self.photo(wordpress_id)
            if photo is not None:
                facts.append(self.facts(photo, self.attachments[wordpress_id]))
        return facts

    def facts(self, photo: CaptionedImage, attachment: Attachment) -> ImageFacts:
        file = find_rendition(photo.renditions, "full", BODY_WIDTH)
        if file is None:  # a dry run: nothing rendered, the old address stands in
            return ImageFacts(attachment.url, 0, 0, photo.alt_text, photo.caption)
        url = rendition_storage().url(file["name"])
        return ImageFacts(url, file["width"], file["height"], photo.alt_text, photo.caption)
