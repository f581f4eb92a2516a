"""The 40 stories of the demo newsroom, read from the files in `stories/` (issue 11).

The stories are content, not code, so each lives in its own file that reads like the page:
`NN-slug.md`, where `NN` orders the stories and the rest of the name is the story's slug.
A file is a TOML front matter between `+++` lines, then the body:

    +++
    headline = "Winter timetable cuts late-night ferries to Gull Island"
    standfirst = "The last sailing from the Old Quay will leave at 21.40 from November..."
    section = "city"
    hours_ago = 2          # before the seed run; negative schedules it; `draft = true` instead
    authors = ["mara-quint", "ines-albescu:Photos"]    # author slugs, "slug:Role" for a role
    tags = ["Ferries", "Gull Island", "Transport"]
    picture = { scene = "ferry", palette = "dusk" }    # see scenes.py and drawing.PALETTES
    alt = "..."
    caption = "..."
    credit = "Harbour Ledger/Ines Albescu"
    topic = "the winter ferry timetable"   # fills `{topic}` in the borrowed paragraphs
    place = "the Old Quay"                 # fills `{place}`
    extra = ["older", "straw-poll"]        # keys of text.FILLER paragraphs to append
    +++

    Gull Island Ferries will drop its two late-evening sailings...

Bodies are in the shorthand `text.render` understands (blank lines between paragraphs,
`## ` subheadings, `> ` quotes, `[text](https://...)` links). Every file in the folder must be
a story: a stray file stops the seed with its name rather than being skipped, so a story can
never go missing quietly. Whether the sections, authors, tags and scenes a story names exist
is checked by tests/demo/test_catalogue.py.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

STORY_DIR = Path(__file__).with_name("stories")
FILE_NAME = re.compile(r"(?P<number>[0-9]+)-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md")
FRONT_MATTER = re.compile(r"\+\+\+\n(?P<toml>.*?)\n\+\+\+\n(?P<body>.*)", re.DOTALL)

TEXT_FIELDS = ("headline", "standfirst", "section", "topic", "place", "alt", "caption", "credit")
LIST_FIELDS = ("authors", "tags", "extra")


@dataclass(frozen=True)
class DemoStory:
    slug: str
    section: str
    # Hours before the seed run the story went out; negative is scheduled, None is a draft.
    hours_ago: int | None
    headline: str
    standfirst: str
    body: str
    extra: tuple[str, ...]
    topic: str
    place: str
    tags: tuple[str, ...]
    authors: tuple[str, ...]  # author slugs, "slug:Role" for a credited role
    picture: tuple[str, str]  # scene and palette, see scenes.py
    alt: str
    caption: str
    credit: str


class StoryFileError(ValueError):
    def __init__(self, path: Path, problem: str):
        super().__init__(f"{path.name}: {problem}")


def load_stories(folder: Path = STORY_DIR) -> list[DemoStory]:
    """Every file in `folder` as a story, in the order of the numbers their names start with."""
    numbered = {}
    for path in folder.iterdir():
        name = FILE_NAME.fullmatch(path.name)
        if name is None or not path.is_file():
            raise StoryFileError(path, "not a story file; stories are named like 07-some-slug.md")
        number = int(name["number"])
        if number in numbered:
            raise StoryFileError(path, f"number {number} is also {numbered[number].name}")
        numbered[number] = path
    return [read_story(numbered[number]) for number in sorted(numbered)]


def read_story(path: Path) -> DemoStory:
    parts = FRONT_MATTER.fullmatch(path.read_text(encoding="utf-8"))
    if parts is None:
        raise StoryFileError(path, "expected a front matter between two `+++` lines, then the body")
    try:
        fields = tomllib.loads(parts["toml"])
    except tomllib.TOMLDecodeError as error:
        raise StoryFileError(path, f"front matter: {error}") from None

    def take(field, kind, what):
        if field not in fields:
            raise StoryFileError(path, f"`{field}` is missing")
        value = fields.pop(field)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise StoryFileError(path, f"`{field}` should be {what}, not {value!r}")
        return value

    def take_strings(field):
        values = take(field, list, "a list of strings")
        if not all(isinstance(value, str) and value for value in values):
            raise StoryFileError(path, f"`{field}` should hold only non-empty strings")
        return tuple(values)

    if "draft" in fields:
        if fields.pop("draft") is not True:
            raise StoryFileError(path, "`draft` can only be true; leave it out to publish")
        if "hours_ago" in fields:
            raise StoryFileError(path, "a draft has no `hours_ago`")
        hours_ago = None
    else:
        hours_ago = take("hours_ago", int, "a whole number of hours (or `draft = true`)")
    text = {field: take(field, str, "a string") for field in TEXT_FIELDS}
    for field, value in text.items():
        if not value.strip():
            raise StoryFileError(path, f"`{field}` is empty")
    lists = {field: take_strings(field) for field in LIST_FIELDS}
    picture = take("picture", dict, "a table like { scene = ..., palette = ... }")
    if sorted(picture) != ["palette", "scene"] or not all(
        isinstance(value, str) for value in picture.values()
    ):
        raise StoryFileError(path, '`picture` should be { scene = "...", palette = "..." }')
    if fields:
        raise StoryFileError(path, f"unknown fields: {', '.join(sorted(fields))}")
    return DemoStory(
        slug=FILE_NAME.fullmatch(path.name)["slug"],
        hours_ago=hours_ago,
        body=parts["body"],
        picture=(picture["scene"], picture["palette"]),
        **text,
        **lists,
    )


STORIES = load_stories()
