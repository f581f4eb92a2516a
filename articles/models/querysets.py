"""How stories are asked for: ArticleQuerySet, one named method per page shape (STYLE.md)."""

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.dispatch import Signal
from django.utils import timezone
from taggit.models import TaggedItem

from .related import related_stories

RELATED_COUNT = 4
RELATED_CANDIDATES = 20  # per tag: see related_to(); its cost grows with this (issue 6)
# Story fields no reader page shows: an update() of only these leaves the page cache alone.
UNSEEN_FIELDS = {"search_vector"}
# Story fields the search index holds (with the names of its authors and tags), and those that
# place a story in or out of its recent tier (articles/search_recent.py).
SEARCHED_FIELDS = {"headline", "standfirst", "body", "status", "published_at", "trashed_at"}
# Read by no reader page, and costly to load: PostgreSQL's search vector is as long as the story,
# and a photo's crop boxes are JSON to decode that only making renditions reads (issue 6).
UNREAD_FIELDS = ("search_vector", "lead_image__crop_boxes")


# Sent by ArticleQuerySet's bulk writes, which send no post_save: `ids` are the stories whose
# searched fields may have changed ([] when none did; None when they are not known). The
# receiver in articles/signals.py keeps the caches and the search index current: models call no
# service, and the caches must hear of every write (issue 11).
stories_written = Signal()


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one answer to “can the public see this?”, decided at query time.

        Published, publish time passed (so a scheduled story goes live on the second with no job
        running) and not in the trash.
        """
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__lte=timezone.now(), trashed_at=None
        )

    def tagged(self, tag):
        """Stories carrying `tag` (a Tag, its id, or an OuterRef to either).

        Written as a semi-join on taggit's rows, not as `filter(tags=tag)`: that joins them on
        taggit's integer `object_id` cast to the story's bigint id, and the cast keeps
        PostgreSQL from reaching either table through the other's index. A tag page's 20 newest
        stories took 45 ms at 100,000 stories and 430 ms at 1,000,000 that way; this way,
        walking the stories newest first and looking each up in taggit's (content type, object
        id) index, 0.4 and 1.5 ms (issue 12)."""
        content_type = ContentType.objects.db_manager(self.db).get_for_model(self.model)
        items = TaggedItem.objects.filter(
            tag=tag, content_type=content_type, object_id=OuterRef("pk")
        )
        return self.filter(Exists(items))

    def mine(self, user):
        """Stories `user` created or is an author of."""
        bylined = self._byline_model().objects.filter(article=OuterRef("pk"), author__user=user)
        return self.filter(Q(created_by=user) | Exists(bylined))

    def on_desk_of(self, user):
        """The stories `user` may open in the newsroom: all for editors, their own for writers."""
        if user.has_perm("articles.change_any_article"):
            return self
        if user.has_perm("articles.view_article"):
            return self.mine(user).filter(trashed_at=None)
        return self.none()

    def visible_to(self, user):
        """What a story page may show `user`: published stories, plus for staff their desk's
        unpublished ones (shown under a preview banner)."""
        if user.is_staff:
            return self.published() | self.on_desk_of(user)
        return self.published()

    def scheduled(self):
        """Stories that will go live by themselves when their publish time comes; the same rule
        as Article.is_scheduled."""
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__gt=timezone.now(), trashed_at=None
        )

    # Saves and deletes send signals, which keep derived data current; the bulk writes send
    # none, so they send `stories_written` (issues 6 and 11).

    def update(self, **fields):
        searched = set(fields) & SEARCHED_FIELDS
        # Read before the update, which may move the stories out of this queryset.
        ids = list(self.values_list("pk", flat=True)) if searched else []
        count = super().update(**fields)
        if count and set(fields) - UNSEEN_FIELDS:
            stories_written.send(self.model, ids=ids, using=self.db)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            ids = [story.pk for story in created]
            ids = None if None in ids else ids  # a database that does not return them
            stories_written.send(self.model, ids=ids, using=self.db)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        count = super().bulk_update(objs, fields, *args, **kwargs)
        if count and set(fields) - UNSEEN_FIELDS:
            ids = [story.pk for story in objs] if set(fields) & SEARCHED_FIELDS else []
            stories_written.send(self.model, ids=ids, using=self.db)
        return count

    def _byline_model(self):
        # Byline is defined with Article, in stories.py, which imports this module.
        return self.model._meta.get_field("bylines").related_model

    def with_bylines(self):
        return self.prefetch_related(
            Prefetch("bylines", queryset=self._byline_model().objects.select_related("author"))
        )

    def with_card_relations(self):
        """The section, lead photo and bylines, without what no reader page reads."""
        return self.select_related("category", "lead_image").with_bylines().defer(*UNREAD_FIELDS)

    def for_cards(self):
        """Everything a story card shows, in a fixed number of queries; not the body."""
        return self.with_card_relations().defer("body")

    def for_detail(self):
        """Everything the story page shows."""
        return self.with_card_relations().prefetch_related("tags", "corrections")

    def for_feed(self):
        """Everything a feed item carries: a card's fields, the body and the tags as categories."""
        return self.with_card_relations().prefetch_related("tags")

    def pinned(self):
        """Stories an editor pinned as the home page lead, whose pin has not run out."""
        unexpired = Q(pinned_until__isnull=True) | Q(pinned_until__gt=timezone.now())
        return self.filter(unexpired, is_pinned=True)

    def breaking(self):
        """Stories marked as breaking news, whose banner has not run out."""
        unexpired = Q(breaking_until__isnull=True) | Q(breaking_until__gt=timezone.now())
        return self.filter(unexpired, is_breaking=True)

    def related_to(self, pk: int, category_id: int, tag_ids: Sequence[int]) -> list:
        """Up to RELATED_COUNT published stories like story `pk` (of section `category_id`, with
        the tags `tag_ids`), best first: see related.py."""
        return related_stories(self, pk, category_id, tag_ids, RELATED_COUNT, RELATED_CANDIDATES)
