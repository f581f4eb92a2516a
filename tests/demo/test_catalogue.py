import pytest

from articles.demo.catalogue import STORIES, STORY_DIR, StoryFileError, load_stories
from articles.demo.drawing import PALETTES
from articles.demo.scenes import SCENES
from articles.demo.text import AUTHORS, FILLER, SECTIONS, TAGS

GOOD = """+++
headline = "A headline"
standfirst = "A standfirst."
section = "city"
hours_ago = 3
authors = ["mara-quint"]
tags = ["Harbour"]
picture = { scene = "ferry", palette = "dusk" }
alt = "An alt text"
caption = "A caption."
credit = "Harbour Ledger"
topic = "the topic"
place = "the Old Quay"
extra = []
+++

The body.
"""


def test_catalogue_has_the_40_stories_with_unique_slugs():
    assert len(STORIES) == 40
    assert len({story.slug for story in STORIES}) == 40
    assert STORIES[0].slug == "winter-ferry-timetable-gull-island"


def test_catalogue_loads_every_file_in_the_folder():
    files = sorted(STORY_DIR.iterdir())
    assert len(files) == len(STORIES)
    assert {path.name.split("-", 1)[1] for path in files} == {
        f"{story.slug}.md" for story in STORIES
    }


def test_catalogue_names_only_things_that_exist():
    sections = {name.lower() for name, _description in SECTIONS}
    authors = {author["slug"] for author in AUTHORS}
    borrowed = {key for paragraphs in FILLER.values() for key in paragraphs}
    for story in STORIES:
        assert story.section in sections, story.slug
        assert {credit.partition(":")[0] for credit in story.authors} <= authors, story.slug
        assert set(story.tags) <= set(TAGS), story.slug
        assert set(story.extra) <= borrowed, story.slug
        scene, palette = story.picture
        assert scene in SCENES and palette in PALETTES, story.slug


def test_catalogue_reads_a_draft_and_the_body_as_written(tmp_path):
    (tmp_path / "1-a-draft.md").write_text(GOOD.replace("hours_ago = 3", "draft = true"))
    [story] = load_stories(tmp_path)
    assert (story.slug, story.hours_ago, story.body) == ("a-draft", None, "\nThe body.\n")
    assert story.picture == ("ferry", "dusk") and story.authors == ("mara-quint",)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (GOOD.replace("+++\n\n", "\n"), "expected a front matter"),
        (GOOD.replace('headline = "A headline"\n', ""), "`headline` is missing"),
        (GOOD.replace("hours_ago = 3", 'hours_ago = "3"'), "`hours_ago` should be a whole"),
        (GOOD.replace("hours_ago = 3", "draft = false"), "`draft` can only be true"),
        (GOOD.replace("extra = []", "extra = [1]"), "`extra` should hold only"),
        (GOOD.replace('alt = "An alt text"', 'alt = " "'), "`alt` is empty"),
        (GOOD.replace('palette = "dusk"', 'colours = "dusk"'), "`picture` should be {"),
        (GOOD.replace("extra = []", "extra = []\nauthor = 'x'"), "unknown fields: author"),
    ],
)
def test_catalogue_errors_name_the_file_and_the_field(tmp_path, text, problem):
    (tmp_path / "2-a-story.md").write_text(text)
    with pytest.raises(StoryFileError, match=f"^2-a-story.md: {problem}"):
        load_stories(tmp_path)


def test_catalogue_refuses_a_file_that_is_not_a_story(tmp_path):
    (tmp_path / "1-one.md").write_text(GOOD)
    (tmp_path / "notes.txt").write_text("")
    with pytest.raises(StoryFileError, match="^notes.txt: not a story file"):
        load_stories(tmp_path)


def test_catalogue_refuses_two_stories_with_one_number(tmp_path):
    (tmp_path / "1-one.md").write_text(GOOD)
    (tmp_path / "01-two.md").write_text(GOOD)
    with pytest.raises(StoryFileError, match="number 1 is also"):
        load_stories(tmp_path)


def test_catalogue_orders_stories_by_number_not_by_name(tmp_path):
    for name in ("10-ten.md", "9-nine.md", "100-hundred.md"):
        (tmp_path / name).write_text(GOOD)
    assert [story.slug for story in load_stories(tmp_path)] == ["nine", "ten", "hundred"]
