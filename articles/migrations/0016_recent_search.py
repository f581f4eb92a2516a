# The recent tier of the search index (issue 12, articles/search_recent.py). On PostgreSQL the
# tier gets a GIN index of its own and a btree index that finds its edges; SQLite's FTS5 search
# does not use it.

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models
from django.db.models import Q

INDEXES = [
    GinIndex(fields=["search_vector"], condition=Q(search_recent=True), name="article_recent_idx"),
    models.Index(fields=["search_recent", "published_at", "id"], name="article_tier_idx"),
]


def create_tier(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from articles.search_recent import rebuild_recent

    rebuild_recent()  # before the indexes: one pass over the table, not 100,000 index updates
    # Not in Meta.indexes: SQLite would try to build the GIN index whenever it rebuilds the table.
    for index in INDEXES:
        schema_editor.add_index(apps.get_model("articles", "Article"), index)


def drop_tier(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.remove_index(apps.get_model("articles", "Article"), index)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0015_editing_day"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_recent",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(create_tier, drop_tier),
    ]
