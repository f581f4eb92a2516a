"""Caching that is never stale (issue 6).

Everything lives in Django's cache (Redis in production, see settings.CACHES):

1. The versions of cache tags (issue 12, store.py), checked on read as Drupal's cache-tag
   checksums: each change a reader could see works out the tags it touches (tags.py: the same
   tags the CDN purge gets), and once its transaction commits, each of those tags gets a new
   version, once, however many objects the transaction saved. The receivers in
   articles/signals.py see every save and delete of every content model, whatever saves it
   (the admin, a command, a shell, another app); `articles.signals.stories_changed()` does the
   same for writes in bulk (the tag `all`: everything).
2. The site chrome every page shows, the sections menu and the breaking-news banner, with the
   time the site next changes by itself (a scheduled story goes live, a banner runs out):
   built in one query until a section, the banner or the schedule changes, instead of two
   queries on every page; and apart from it the story pages' "Latest news" strip, rebuilt
   when a story is published without rebuilding the menu.
3. Whole reader pages for visitors without a session (`reader_page`), each stored with the
   versions of the tags it shows and the time it stops being true, so a page from before a
   change to anything it shows, or from before a scheduled story went live, is never served
   after it; publishing a story leaves the pages of other stories cached.

4. Story cards (cards.py): the home page's and the listings' cards, rendered when a story's
   change commits and kept with the versions of the tags they show, so a page whose cards are
   all kept is one query and no card rendering, with the page cache on or off.

A CDN in front gets `Cache-Control` bounded the same way and `Cache-Tag`/`Surrogate-Key`
headers naming what each response shows (`story-12`, `section-3`, `author-4`, `tag-7`,
`photo-9`, the listings `list-latest`, `list-section-3`, ..., `sitemaps`, `chrome` for the
menu and banner on every page); each change works out the tags it touches and hands them,
once its transaction has committed, to the purge hook named by settings.CDN_PURGE. The special
tag `all` asks to purge everything.

Modules: store (the shared cache, tag versions, release), chrome, pages (the page cache and its
headers), hits (kept pages answered before the rest of the middleware), watch and moves (Redis
telling each worker of moves, and which tags they moved), cards (kept story cards), tags (what
a change touches), purge (the CDN hook).
"""

from .chrome import Chrome, latest_news, site_chrome
from .pages import reader_page, show_late, story_tags, tag_response
from .purge import log_purge, purge
from .store import move_tags, release, tag_versions
from .tags import change_tags

__all__ = [
    "Chrome",
    "change_tags",
    "latest_news",
    "log_purge",
    "move_tags",
    "purge",
    "reader_page",
    "release",
    "show_late",
    "site_chrome",
    "story_tags",
    "tag_response",
    "tag_versions",
]
