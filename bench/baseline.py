"""The bench's baseline (issue 6): a fixed page through the same server, middleware and URL
routing as every reader page, doing nothing else. Its requests per second are this machine's
ceiling for the stack; `make bench` reports every page as a ratio of it.

Mounted at /bench/baseline/ by the bench's own URLconf (bench/urls.py), which only the bench's
settings (bench/settings.py, chosen by bench/run.py) use.
"""

import gzip
import hashlib
import random

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

SIZE = 24_000  # about a story page's HTML

_words = random.Random(6).choices(
    "the harbour council ferry story island said people new year city week would after "
    "market boats school plans road residents night water season club local first".split(),
    k=SIZE // 6,
)
_paragraphs = " ".join(f"<p>{' '.join(_words[n : n + 40])}</p>" for n in range(0, len(_words), 40))
PAGE = f"<!doctype html><html lang=en><title>Baseline</title><main>{_paragraphs}</main>"[:SIZE]
PAGE = PAGE.encode()
COMPRESSED = gzip.compress(PAGE)
ETAG = f'"{hashlib.md5(PAGE, usedforsecurity=False).hexdigest()}"'


def baseline(request):
    if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", ""):
        response = HttpResponse(COMPRESSED, content_type="text/html; charset=utf-8")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(PAGE, content_type="text/html; charset=utf-8")
    response["ETag"] = ETAG
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
