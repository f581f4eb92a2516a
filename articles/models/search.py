"""The recent tier of PostgreSQL's search index (articles/search_recent.py, issue 12)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from .stories import Article


class RecentSearchEntry(models.Model):
    """One of the newest stories, which PostgreSQL's search ranks first: a copy of its publish
    time and search vector. Written only by articles/search_recent.py, in SQL; empty on SQLite.
    Its GIN index is made by the recent_search migration, on PostgreSQL only."""

    article = models.OneToOneField(
        Article, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    published_at = models.DateTimeField()
    search_vector = SearchVectorField(null=True)

    class Meta:
        db_table = "articles_search_recent"
        indexes = [models.Index(fields=["published_at", "article"], name="search_recent_edge_idx")]

    def __str__(self):
        return f"story {self.article_id} in the recent search tier"
