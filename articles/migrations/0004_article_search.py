# Site search (issue 5). The vendor-specific parts run only on their database:
# PostgreSQL gets a GIN index on search_vector, SQLite an FTS5 table (when its library has
# FTS5; otherwise search falls back to plain substring matching). See articles/search.py.

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

# Frozen copy of the table articles/search.py reads: rowid is the story's id.
CREATE_FTS = """
CREATE VIRTUAL TABLE articles_search_fts USING fts5(
    headline, standfirst, people, tags, body,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""


def create_search_index(apps, schema_editor):
    from articles.search import PostgresSearch, fts5_available, refresh_search_index

    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # Not in Meta.indexes: SQLite would try to build it whenever it rebuilds the table.
        index = GinIndex(fields=["search_vector"], name="article_search_idx")
        schema_editor.add_index(apps.get_model("articles", "Article"), index)
    elif vendor == "sqlite" and fts5_available():
        schema_editor.execute(CREATE_FTS)
    # Index the stories already there. It uses the current code, which reads only the
    # columns that exist at this point (texts, bylines, tags) and writes only the index; on
    # PostgreSQL only the words: the recent tier comes with its column (0016_recent_search).
    if vendor == "postgresql":
        PostgresSearch().index_words(None)
    else:
        refresh_search_index()


def drop_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_search_idx")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS articles_search_fts")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0003_article_featured'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
