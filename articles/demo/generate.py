"""What bulk stories look like (`manage.py seed_demo --articles N`, demo/bulk.py writes them).

Headlines combine pools of words per section; bodies borrow the demo's shared paragraphs.
The stories reuse the demo newsroom's sections, authors, tags and pictures.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.text import slugify
from taggit.models import Tag

from ..models import Article, Author, Byline, Category
from .newsroom import STORY_SLUGS, demo_authors
from .text import FILLER, FILLER_HEADINGS, TAGS, render

# Who usually writes for each section; bulk stories lead with them most of the time.
DESKS = {
    "city": "mara-quint",
    "politics": "dev-okafor",
    "business": "hanna-lindqvist",
    "environment": "sol-ferreira",
    "culture": "ruth-abernethy",
    "sport": "kit-morrow",
}
BYLINE_ROLES = [
    Byline.Role.REPORTING,
    Byline.Role.PHOTOS,
    Byline.Role.ADDITIONAL_REPORTING,
    Byline.Role.TRANSLATION,
]

PLACES = [
    "the Old Quay", "Tannery Lane", "Castle Hill", "the Ropewalk", "Eastbank", "the Saltings",
    "Westerly Park", "Mill Street", "Kelp Bay", "Gull Island", "Customs House Square",
    "the Fishmarket Steps", "Station Road", "Bridge Street",
]  # fmt: skip

# Bulk stories (`seed_demo --articles N`): headline = subject + action + object, per section.
BULK = {
    "city": {
        "subjects": ["Residents", "Neighbours", "Shopkeepers", "Parents", "Cyclists",
                     "Tenants", "Volunteers", "Pensioners"],
        "actions": ["call for a safer crossing on", "welcome new benches on",
                    "raise concerns over parking on", "clear litter from",
                    "campaign to keep the post office on", "ask for better lighting on",
                    "back plans for a playground on", "object to late deliveries on"],
        "objects": PLACES,
        "topics": ["the plans", "the proposals", "the changes", "the scheme"],
    },
    "politics": {
        "subjects": ["Council", "Mayor", "Opposition leader", "Planning committee",
                     "Port authority", "Harbour councillor", "Youth council", "Transport chief"],
        "actions": ["backs review of", "delays decision on", "approves changes to",
                    "questions spending on", "promises consultation on", "rejects motion on",
                    "publishes report on", "calls for audit of"],
        "objects": ["bus lanes", "parking charges", "the harbour levy", "school transport",
                    "street cleaning", "allotment rents", "the ferry subsidy", "empty homes",
                    "library hours", "cycle routes"],
        "topics": ["the decision", "the proposals", "the review", "the report"],
    },
    "business": {
        "subjects": ["Fish merchant", "Family bakery", "Boatbuilder", "Quayside trader",
                     "Ropewalk café", "Chandlery", "Mill Street brewery", "Quayside hotel"],
        "actions": ["reports record year at", "takes on apprentices at", "expands at",
                    "cuts opening hours at", "wins export order at", "opens second site at",
                    "celebrates fifty years at", "switches to solar power at"],
        "objects": PLACES,
        "topics": ["the business", "the expansion", "the move", "the firm's plans"],
    },
    "environment": {
        "subjects": ["Volunteers", "Schoolchildren", "Trust volunteers", "Council rangers",
                     "Anglers", "Residents", "Scientists", "Birdwatchers"],
        "actions": ["count seabirds at", "plant trees at", "clean up the shore at",
                    "test the water at", "survey hedgehogs at", "restore a meadow at",
                    "log otter sightings at", "build a pond at"],
        "objects": PLACES,
        "topics": ["the project", "the survey", "the work", "the count"],
    },
    "culture": {
        "subjects": ["Harbour Playhouse", "Jazz quartet", "Dockers' choir", "Lighthouse museum",
                     "Ropewalk gallery", "Poetry collective", "Folk club", "Film society"],
        "actions": ["packs out", "opens a new season at", "stages a sell-out show at",
                    "celebrates twenty years at", "brings an exhibition to",
                    "records live at", "takes its show to", "holds open day at"],
        "objects": PLACES,
        "topics": ["the show", "the event", "the season", "the exhibition"],
    },
    "sport": {
        "subjects": ["Harbour Juniors", "Wrenhaven Rovers", "Gig rowers", "Netball club",
                     "Castle Hill Harriers", "Under-12s", "Women's seconds", "Boxing club"],
        "actions": ["win at", "draw at", "lose narrowly at", "celebrate promotion at",
                    "host open day at", "train for final at", "raise funds at",
                    "unveil new kit at"],
        "objects": PLACES,
        "topics": ["the result", "the match", "the season", "the club's progress"],
    },
}  # fmt: skip

BULK_LEDES = [
    "{headline}, in a week when {topic} was the talk of {place}.",
    "{headline}. It is the latest chapter in a story that has run for months around {place}.",
    "{headline}, and the people involved say {topic} is only the beginning.",
    "{headline}. Those behind {topic} say it has been a long time coming.",
]

BULK_STANDFIRSTS = [
    "What it means for people who live and work around {place}.",
    "The Ledger went to {place} to find out what people make of {topic}.",
    "Supporters are delighted; others at {place} are not so sure.",
    "A small change, perhaps, but one that matters at {place}.",
]


def next_bulk_number() -> int:
    """One past the highest running number ending any story's slug, so bulk runs never collide."""
    numbered = Article.objects.filter(slug__regex=r"-[0-9]+$").values_list("slug", flat=True)
    return 1 + max((int(slug.rsplit("-", 1)[1]) for slug in numbered.iterator()), default=0)


@dataclass
class DemoParts:
    """What bulk stories reuse from the demo newsroom."""

    sections: dict[str, Category]
    authors: dict[str, Author]
    tag_ids: list[int]
    picture_ids: list[int]
    paragraphs: dict[str, list[str]]  # per section, rendered once


def demo_parts() -> DemoParts:
    sections = {section.slug: section for section in Category.objects.filter(slug__in=BULK)}
    authors = demo_authors()
    tag_ids = list(Tag.objects.filter(name__in=TAGS).values_list("id", flat=True))
    picture_ids = list(
        Article.objects.filter(slug__in=STORY_SLUGS, lead_image__isnull=False)
        .values_list("lead_image_id", flat=True)
        .distinct()
    )
    if not (sections and authors and tag_ids and picture_ids):
        raise ValueError(
            "Bulk stories reuse the demo's sections, authors, tags and pictures, but some are "
            "missing or were renamed. Restore them, or start from an empty database."
        )
    # Rendered once: formatting a paragraph is far cheaper than parsing it 100,000 times.
    paragraphs = {
        section: [render(text) for text in [*FILLER[section].values(), *FILLER["any"].values()]]
        for section in sections
    }
    return DemoParts(sections, authors, tag_ids, picture_ids, paragraphs)


ARCHIVE_SECONDS = 5 * 365 * 24 * 3600  # the bulk archive's five years
ARCHIVE_ENDS = timedelta(days=22)  # before now: the demo newsroom's own stories are the recent
JITTER_SECONDS = 600


def archive_time(rng: random.Random, position: float, now: datetime) -> datetime:
    """When a bulk story went out: `position` of the way from the oldest story of the run (0)
    to its newest (1), along five years that end 22 days before `now`, give or take ten
    minutes.

    In the order the stories are numbered, as a newsroom's stories get their ids in the order
    they are written, so the table lies in publishing order as a real archive's does. Picked at
    random instead, the newest stories lay all over a million-story table: an index-only scan
    of the newest 1,000 (a listing's count) then looked at another page of the visibility map
    for nearly every entry, 834 buffers against 11 at 100,000 stories, a cost no live site has
    (issue 12)."""
    seconds = ARCHIVE_SECONDS * (1 - position) + rng.randint(-JITTER_SECONDS, JITTER_SECONDS)
    return now - ARCHIVE_ENDS - timedelta(seconds=max(0, seconds))


def bulk_story(
    rng: random.Random, number: int, sections, paragraphs, picture_ids, now, position: float
) -> Article:
    """Bulk story `number`, `position` of the way through its run (`archive_time`)."""
    section = rng.choice(list(sections))
    pools = BULK[section]
    subject, action, target = (
        rng.choice(pools[part]) for part in ("subjects", "actions", "objects")
    )
    headline = f"{subject} {action} {target}"
    place = target if target in PLACES else rng.choice(PLACES)
    topic = rng.choice(pools["topics"])
    lede = rng.choice(BULK_LEDES).format(headline=headline, topic=topic, place=place)
    body = [f"<p>{lede}</p>"]
    for n, text in enumerate(rng.sample(paragraphs[section], rng.randint(1, 6))):
        if n == 2:
            body.append(f"<h2>{rng.choice(FILLER_HEADINGS[section])}</h2>")
        body.append(text.format(topic=topic, place=place))
    return Article(
        headline=headline,
        slug=f"{slugify(headline)}-{number}",
        standfirst=rng.choice(BULK_STANDFIRSTS).format(topic=topic, place=place),
        body="\n".join(body),
        category=sections[section],
        lead_image_id=rng.choice(picture_ids),
        status=Article.Status.PUBLISHED,
        published_at=archive_time(rng, position, now),
    )


def bulk_bylines(rng: random.Random, story: Article, authors: dict[str, Author]) -> list[Byline]:
    return [
        Byline(article=story, author=author, position=position, role=role)
        for author, position, role in byline_choices(rng, story.category.slug, authors)
    ]


def byline_choices(rng: random.Random, section: str, authors: dict[str, Author]) -> list[tuple]:
    """(author, position, role) of a bulk story's bylines: usually the section's desk first."""
    desk = DESKS.get(section)
    first = desk if desk in authors and rng.random() < 0.7 else rng.choice(list(authors))
    others = rng.sample([slug for slug in authors if slug != first], rng.choice([0, 0, 0, 1, 2]))
    choices = [(authors[first], 0, Byline.Role.BY)]
    for position, slug in enumerate(others, start=1):
        choices.append((authors[slug], position, rng.choice(BYLINE_ROLES)))
    return choices


# PostgreSQL: COPY ----------------------------------------------------------------------------
