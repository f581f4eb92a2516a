"""Hand-written SQL for reader queries the ORM cannot say: one subquery of the ids of several
sliced, ordered querysets (the home page's stories, a story's related-story candidates)."""

from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from taggit.models import TaggedItem


def union_of_slices(parts: Iterable[tuple[str, list]], connection) -> tuple[str, list]:
    """One subquery of the ids `parts` select, each part an (SQL, params) selecting only ids,
    sliced and ordered: a UNION ALL of the parts, each wrapped so that it keeps its ORDER BY and
    LIMIT. The ORM cannot say this (on SQLite it refuses to slice the parts of a union), and its
    own `Q(pk__in=a) | Q(pk__in=b) | ...` made PostgreSQL test every story against each part: a
    scan of the whole archive (90 ms at 100,000 stories, against 1 ms for this; issue 6)."""
    selects, params = [], []
    for n, (sql, part_params) in enumerate(parts):
        selects.append(f"SELECT * FROM ({sql}) {connection.ops.quote_name(f'part{n}')}")
        params += part_params
    return " UNION ALL ".join(selects), params


def related_stories(
    stories, pk: int, category_id: int, tag_ids: Sequence[int], count: int, candidates_per_tag: int
) -> list:
    """Up to `count` published stories like story `pk` (of section `category_id`, with the tags
    `tag_ids`), best first: most shared tags, then its
    section, then the newest. Each has its headline, slug, publish time and section (name and
    slug) loaded, and `shared_tags` set; nothing else is read. `stories` is the queryset asked
    (its database is used).

    One query. The candidates are the newest `count` of its section and the newest
    `candidates_per_tag` of each of its tags, each read off the publish-time index so the query
    costs the same however large the archive (issue 6); a candidate's shared tags are counted on
    taggit's (content type, object, tag) index.

    SQL around the WHERE clause of published(), because the ORM cannot select from a union of
    sliced subqueries on SQLite, and its five-subquery equivalent took longer to build (~10 ms)
    than the database took to run it (issue 6).
    """
    Article = stories.model
    Category = Article._meta.get_field("category").related_model
    db = stories.db
    connection = connections[db]
    name = connection.ops.quote_name
    visible_stories = Article.objects.published().exclude(pk=pk)
    compiler = visible_stories.query.get_compiler(connection=connection)
    visible, visible_params = compiler.compile(visible_stories.query.where)
    table, tagged = name(Article._meta.db_table), name(TaggedItem._meta.db_table)
    story_id, object_id, tag_id = f"{table}.{name('id')}", name("object_id"), name("tag_id")
    newest = f"ORDER BY {table}.{name('published_at')} DESC, {story_id} DESC LIMIT %s"
    same_section = f"{table}.{name('category_id')} = %s"
    pools = [
        (
            f"SELECT {story_id} FROM {table} WHERE {visible} AND {same_section} {newest}",
            [*visible_params, category_id, count],
        )
    ]
    content_type = ContentType.objects.db_manager(db).get_for_model(Article).pk
    for tag in tag_ids:
        pools.append(
            (
                f"SELECT {story_id} FROM {table} INNER JOIN {tagged} "
                f"ON {tagged}.{object_id} = {story_id} WHERE {visible} "
                f"AND {tagged}.{name('content_type_id')} = %s AND {tagged}.{tag_id} = %s {newest}",
                [*visible_params, content_type, tag, candidates_per_tag],
            )
        )
    candidates, params = union_of_slices(pools, connection)
    shared_tags, shared_params = "0", []
    if tag_ids:
        shared_tags = (
            f"(SELECT COUNT(*) FROM {tagged} WHERE {tagged}.{object_id} = {story_id} "
            f"AND {tagged}.{name('content_type_id')} = %s "
            f"AND {tagged}.{tag_id} IN ({', '.join(['%s'] * len(tag_ids))}))"
        )
        shared_params = [content_type, *tag_ids]
    section = name(Category._meta.db_table)
    columns = ", ".join(
        f"{table}.{name(column)}" for column in ("id", "headline", "slug", "published_at")
    )
    sql = (
        f"SELECT {columns}, {table}.{name('category_id')}, "
        f"{section}.{name('name')} AS {name('section_name')}, "
        f"{section}.{name('slug')} AS {name('section_slug')}, "
        f"{shared_tags} AS {name('shared_tags')} "
        f"FROM {table} INNER JOIN {section} "
        f"ON {section}.{name('id')} = {table}.{name('category_id')} "
        f"WHERE {story_id} IN ({candidates}) "
        f"ORDER BY {name('shared_tags')} DESC, "
        f"CASE WHEN {same_section} THEN 1 ELSE 0 END DESC, "
        f"{table}.{name('published_at')} DESC, {story_id} DESC LIMIT %s"
    )
    params = [*shared_params, *params, category_id, count]
    related = list(Article.objects.db_manager(db).raw(sql, params))
    for story in related:
        values = [story.category_id, story.section_name, story.section_slug]
        story.category = Category.from_db(db, ["id", "name", "slug"], values)
    return related
