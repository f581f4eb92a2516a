"""The one-machine cache (articles/caching/files.py): Django's file cache, culled now and then."""

from articles.caching import files
from articles.caching.files import FileCache


def make_cache(tmp_path, max_entries):
    return FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": max_entries}})


def test_file_cache_keeps_what_it_is_given(tmp_path):
    cache = make_cache(tmp_path, 1000)
    cache.set_many({f"page-{n}": f"<p>{n}</p>" for n in range(50)})
    assert cache.get_many([f"page-{n}" for n in range(50)]) == {
        f"page-{n}": f"<p>{n}</p>" for n in range(50)
    }
    assert cache.add("page-1", "other") is False
    assert cache.get("page-1") == "<p>1</p>"


def test_file_cache_does_not_list_its_folder_on_every_write(tmp_path, monkeypatch):
    cache = make_cache(tmp_path, 1000)
    listings = []
    listed = FileCache._list_cache_files
    monkeypatch.setattr(
        FileCache, "_list_cache_files", lambda self: listings.append(1) or listed(self)
    )
    for n in range(files.CHECK_EVERY * 3):
        cache.set(f"card-{n}", "x")
    assert len(listings) == 3  # once every CHECK_EVERY writes, not 300 times


def test_file_cache_still_stays_near_its_size(tmp_path):
    cache = make_cache(tmp_path, 200)
    for n in range(files.CHECK_EVERY * 10):
        cache.set(f"card-{n}", "x")
    # Culled as Django culls (a third when full), checked every CHECK_EVERY writes.
    assert len(list(tmp_path.iterdir())) <= 200 + files.CHECK_EVERY
    assert cache.get(f"card-{files.CHECK_EVERY * 10 - 1}") == "x"  # the newest is kept
