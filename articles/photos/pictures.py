"""Showing a photo's renditions (issue 4): the manifest a CaptionedImage row holds, read into
template-ready pictures and plain files. Reading only: renditions.py makes the files, and
articles/signals.py has them made when a photo is saved."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from django.core.files.storage import FileSystemStorage, storages
from django.utils.encoding import filepath_to_uri

FALLBACK_WIDTH = 960  # the JPEG an old browser, ignoring srcset, gets
# The formats renditions come in, best first, with the type a <source> announces.
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


def rendition_storage():
    return storages["default"]


def find_rendition(manifest, crop: str, min_width: int, kind: str = "jpeg") -> dict | None:
    """The narrowest `kind` file of `crop` at least `min_width` wide, else the widest one."""
    entry = (manifest or {}).get("crops", {}).get(crop)
    files = sorted(
        (file for file in (entry or {}).get("files", []) if file["format"] == kind),
        key=lambda file: file["width"],
    )
    if not files:
        return None
    return next((file for file in files if file["width"] >= min_width), files[-1])


def file_names(manifest) -> list[str]:
    """Every file the manifest lists, once (two crops may share files)."""
    crops = manifest.get("crops", {}).values()
    return list(dict.fromkeys(file["name"] for entry in crops for file in entry["files"]))


@dataclass(frozen=True)
class Source:
    type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    """What `articles/_picture.html` needs: modern sources, the JPEG fallback and its size."""

    sources: list[Source]
    jpegs: list[tuple[int, str]]  # (width, URL), narrowest first
    width: int  # of the fallback, for the img's width and height attributes
    height: int
    src: str

    @property
    def srcset(self) -> str:
        return ", ".join(f"{url} {width}w" for width, url in self.jpegs)

    def url_for(self, width: int) -> str:
        """The narrowest JPEG at least `width` pixels wide (the widest if none is)."""
        return next((url for w, url in self.jpegs if w >= width), self.jpegs[-1][1])


class Pictures:
    """A photo's renditions by crop name for templates: `image.pictures.wide` (None if missing)."""

    def __init__(self, manifest):
        self.crops = (manifest or {}).get("crops", {})
        self.made = {}

    def __getitem__(self, name) -> Picture | None:
        if name not in self.made:
            entry = self.crops.get(name)
            self.made[name] = picture(entry["files"]) if entry and entry["files"] else None
        return self.made[name]

    def __bool__(self):
        return bool(self.crops)


def picture(files) -> Picture:
    url = url_maker(rendition_storage())
    by_format = {}
    for file in sorted(files, key=lambda file: file["width"]):
        by_format.setdefault(file["format"], []).append(file)
    jpegs = by_format.pop("jpeg", None) or by_format.pop(next(iter(by_format)))
    fallback = next((file for file in jpegs if file["width"] >= FALLBACK_WIDTH), jpegs[-1])
    sources = [
        Source(MIME_TYPES[kind], ", ".join(f"{url(f['name'])} {f['width']}w" for f in found))
        for kind in MIME_TYPES
        if (found := by_format.get(kind))
    ]
    return Picture(
        sources=sources,
        jpegs=[(file["width"], url(file["name"])) for file in jpegs],
        width=fallback["width"],
        height=fallback["height"],
        src=url(fallback["name"]),
    )


def url_maker(storage) -> Callable[[str], str]:
    """`storage.url`, made cheap for Django's local storage; any other storage's own.

    A listing shows ~260 rendition URLs, and FileSystemStorage.url() spends most of its time in
    urljoin() (a fifth of the page, issue 6). For a name that quotes to a plain relative path (no
    empty, "." or ".." segment, which rendition names never have) urljoin() gives base_url +
    the path whenever it does so for such a path at all, which plain_base() checks once per base
    URL; other names still go through url(). Django and the thumbnail libraries have no cheaper
    URL for a storage name. Nothing is memoized per storage: `storages` makes a new one when
    STORAGES changes and the storage forgets its base_url when MEDIA_URL does.
    """
    if type(storage).url is not FileSystemStorage.url or not plain_base(storage.base_url):
        return storage.url
    base = storage.base_url

    def url(name: str) -> str:
        path = filepath_to_uri(name).lstrip("/") if name else ""
        if not path or "//" in path or "/." in f"/{path}":
            return storage.url(name)
        return base + path

    return url


@lru_cache(maxsize=32)
def plain_base(base_url: str | None) -> bool:
    """Whether urljoin(base_url, path) is base_url + path for plain relative paths."""
    return base_url is not None and urljoin(base_url, "a/b.jpg") == f"{base_url}a/b.jpg"
