"""Issue 7: the permission matrix of issue 3, extended to every admin and reader URL.

Every URL the site answers (the test fails when one is added without an entry here) is opened
by each role: no account, a signed-in reader without staff status, Writer, Editor, Admin and a
superuser. The expected answer is written down per URL: 200 where the role may look, the login
page (302) for those who are not staff, 403 for staff without the permission, 404 where the
role may not even learn that the object exists. Media originals (issue 4), the staff preview
and the signed preview links (issue 3) are in it; the originals are also tried under /media/.
"""

import pytest
import reversion
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from taggit.models import Tag

from articles.editing import preview
from articles.models import ApiKey, Article
from articles.photos.renditions import file_names
from articles.tasks import purge_cdn

ROLES = ["nobody", "reader", "writer", "editor", "admin", "superuser"]
STAFF = ["writer", "editor", "admin", "superuser"]
ALL = ROLES


def expect(ok=(), status=200, staff_denied=403, login=302):
    """The status each role gets: `status` for roles in `ok`, else the login page (302) for
    people who are not staff and `staff_denied` for staff."""
    return {
        role: status if role in ok else (login if role in ("nobody", "reader") else staff_denied)
        for role in ROLES
    }


def everyone(status=200):
    return dict.fromkeys(ROLES, status)


# url name -> expected status per role. The story is a colleague's draft unless named.
MATRIX = {
    # Django's admin
    "admin:index": expect(STAFF),
    "admin:login": {**everyone(200), **dict.fromkeys(STAFF, 302)},  # staff go to the index
    "admin:logout": expect(STAFF, status=405),  # POST only
    "admin:password_change": expect(STAFF),
    "admin:password_change_done": expect(STAFF),
    "admin:autocomplete": expect(STAFF),
    "admin:jsi18n": expect(STAFF),
    "admin:view_on_site": expect(STAFF, status=302),
    "admin:app_list": expect(["writer", "editor", "admin", "superuser"]),  # articles
    # accounts
    "admin:auth_group_changelist": expect(["admin", "superuser"]),
    "admin:auth_group_add": expect(["superuser"]),
    "admin:auth_group_change": expect(["admin", "superuser"]),  # the admin may only look
    "admin:auth_group_delete": expect(["superuser"]),
    "admin:auth_group_history": expect(["admin", "superuser"]),
    "admin:auth_user_changelist": expect(["admin", "superuser"]),
    "admin:auth_user_add": expect(["admin", "superuser"]),
    "admin:auth_user_change": expect(["admin", "superuser"]),
    "admin:auth_user_delete": expect(["admin", "superuser"]),
    "admin:auth_user_history": expect(["admin", "superuser"]),
    "admin:auth_user_password_change": expect(["admin", "superuser"]),
    # sign-in lockouts: the Admin role clears them (issue 7)
    "admin:axes_accessattempt_changelist": expect(["admin", "superuser"]),
    "admin:axes_accessattempt_add": expect([]),
    "admin:axes_accessattempt_change": expect(["admin", "superuser"]),
    "admin:axes_accessattempt_delete": expect(["admin", "superuser"]),
    "admin:axes_accessattempt_history": expect(["admin", "superuser"]),
    "admin:axes_accesslog_changelist": expect(["admin", "superuser"]),
    "admin:axes_accesslog_add": expect([]),
    "admin:axes_accesslog_change": expect(["admin", "superuser"]),
    "admin:axes_accesslog_delete": expect(["superuser"]),
    "admin:axes_accesslog_history": expect(["admin", "superuser"]),
    "admin:axes_accessfailurelog_changelist": expect(["admin", "superuser"]),
    "admin:axes_accessfailurelog_add": expect([]),
    "admin:axes_accessfailurelog_change": expect(["admin", "superuser"]),
    "admin:axes_accessfailurelog_delete": expect(["superuser"]),
    "admin:axes_accessfailurelog_history": expect(["admin", "superuser"]),
    # tags: writers look, editors manage
    "admin:taggit_tag_changelist": expect(STAFF),
    "admin:taggit_tag_add": expect(["editor", "admin", "superuser"]),
    "admin:taggit_tag_change": expect(STAFF),
    "admin:taggit_tag_delete": expect(["editor", "admin", "superuser"]),
    "admin:taggit_tag_history": expect(STAFF),
    "admin:taggit_tag_merge_tags": expect(["editor", "admin", "superuser"]),
    # stories: a colleague's draft is not on a writer's desk
    "admin:articles_article_changelist": expect(STAFF),
    "admin:articles_article_add": expect(STAFF),
    "admin:articles_article_change": expect(["editor", "admin", "superuser"], staff_denied=302),
    "admin:articles_article_delete": expect(["editor", "admin", "superuser"], staff_denied=302),
    "admin:articles_article_history": expect(["editor", "admin", "superuser"], staff_denied=302),
    "admin:articles_article_revisions": expect(["editor", "admin", "superuser"], staff_denied=404),
    "admin:articles_article_restore_revision": expect([], staff_denied=405),  # POST only
    "admin:articles_article_preview_form": expect([], staff_denied=405),  # POST only (issue 13)
    "admin:articles_article_withdraw": expect([], staff_denied=405),  # POST only (issue 13)
    "admin:articles_article_autosave": expect([], staff_denied=405),  # POST only (issue 13)
    "admin:articles_article_autosave_discard": expect([], staff_denied=405),  # POST only (issue 13)
    "admin:articles_article_presence": expect([], staff_denied=405),  # POST only (issue 13)
    "admin:articles_article_leave": expect([], staff_denied=405),  # POST only (issue 13)
    "admin:articles_article_preview_links": expect(
        ["editor", "admin", "superuser"], staff_denied=404
    ),
    # authors and sections: everyone on the desk looks, admins manage
    "admin:articles_author_changelist": expect(STAFF),
    "admin:articles_author_add": expect(["admin", "superuser"]),
    "admin:articles_author_change": expect(STAFF),
    "admin:articles_author_delete": expect(["admin", "superuser"]),
    "admin:articles_author_history": expect(STAFF),
    "admin:articles_category_changelist": expect(STAFF),
    "admin:articles_category_add": expect(["admin", "superuser"]),
    "admin:articles_category_change": expect(STAFF),
    "admin:articles_category_delete": expect(["admin", "superuser"]),
    "admin:articles_category_history": expect(STAFF),
    # photos: writers upload and look, editors manage; originals only inside the admin
    "admin:articles_captionedimage_changelist": expect(STAFF),
    "admin:articles_captionedimage_add": expect(STAFF),
    "admin:articles_captionedimage_change": expect(STAFF),
    "admin:articles_captionedimage_delete": expect(["editor", "admin", "superuser"]),
    "admin:articles_captionedimage_history": expect(STAFF),
    "admin:articles_captionedimage_original": expect(STAFF),
    "admin:articles_captionedimage_renditions": expect(STAFF),  # the live state (issue 15)
    # content API keys (issue 16): Admins make and revoke them
    "admin:articles_apikey_changelist": expect(["admin", "superuser"]),
    "admin:articles_apikey_add": expect(["admin", "superuser"]),
    "admin:articles_apikey_change": expect(["admin", "superuser"]),
    "admin:articles_apikey_delete": expect(["admin", "superuser"]),
    "admin:articles_apikey_history": expect(["admin", "superuser"]),
    # background tasks (issue 15): the Admin role sees them and retries failed ones
    "admin:django_tasks_database_dbtaskresult_changelist": expect(["admin", "superuser"]),
    "admin:django_tasks_database_dbtaskresult_add": expect([]),
    "admin:django_tasks_database_dbtaskresult_change": expect(["admin", "superuser"]),
    "admin:django_tasks_database_dbtaskresult_delete": expect([]),
    "admin:django_tasks_database_dbtaskresult_history": expect(["admin", "superuser"]),
    # reader pages: the same for everyone
    "articles:home": everyone(),
    "articles:wordpress_address": everyone(404),  # an old WordPress address no post had
    "articles:latest": everyone(),
    "articles:category_detail": everyone(),
    "articles:tag_detail": everyone(),
    "articles:author_detail": everyone(),
    "articles:feed": everyone(),
    "articles:feed_atom": everyone(),
    "articles:category_feed": everyone(),
    "articles:category_feed_atom": everyone(),
    "articles:author_feed": everyone(),
    "articles:author_feed_atom": everyone(),
    "articles:tag_feed": everyone(),
    "articles:tag_feed_atom": everyone(),
    "articles:sitemap": everyone(),
    "articles:sitemap_section": everyone(),
    "articles:search": everyone(),
    "articles:corrections": everyone(),
    "articles:robots_txt": everyone(),
    "articles:favicon": everyone(),  # issue 17
    "articles:apple_touch_icon": everyone(),
    "articles:section_redirect": everyone(301),  # /<section>/ moves to /category/<section>/
    "articles:article_detail": everyone(),  # the published story
    "media": everyone(),  # a public rendition
    # unpublished stories
    "draft page": {**everyone(404), "editor": 200, "admin": 200, "superuser": 200},
    "articles:article_preview": expect(["editor", "admin", "superuser"], staff_denied=404),
    "own draft preview (writer's)": expect(STAFF),
    "articles:preview_link": everyone(200),  # a valid signed link: whoever holds it
    "altered preview link": everyone(404),
    "revoked preview link": everyone(410),
    "original under /media/": everyone(404),  # originals are never public files
    # the content API (issue 16): public content only, whoever is signed in
    # liveness and readiness, each person's account page (issue 15)
    "desk_account": expect(STAFF),
    "articles:healthz": everyone(),
    "articles:readyz": everyone(),
    "api:index": everyone(),
    "api:api-root": everyone(),
    "api:openapi-json": everyone(),
    "api:story_list": everyone(),
    "api:story_detail": everyone(),  # the published story
    "api:section_list": everyone(),
    "api:section_detail": everyone(),
    "api:author_list": everyone(),
    "api:author_detail": everyone(),
    "api:tag_list": everyone(),
    "api:tag_detail": everyone(),
    "API draft story": everyone(404),
}


@pytest.fixture
def site(db, make_user, make_article, make_image, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    users = {
        "reader": User.objects.create_user("reader", password="x"),
        "writer": make_user("Writer"),
        "editor": make_user("Editor"),
        "admin": make_user("Admin"),
        "superuser": User.objects.create_superuser("root", "root@example.com", "x"),
    }
    colleague = make_user("Writer", "colleague")
    photo = make_image()
    spare_photo = make_image(alt_text="A photo no story uses")  # one that may be deleted
    published = make_article(headline="Out now", tags=["Ferries"], lead_image=photo)
    draft = make_article(
        headline="A colleague draft", status=Article.Status.DRAFT, authors=[colleague.author]
    )
    own = make_article(
        headline="Own draft", status=Article.Status.DRAFT, authors=[users["writer"].author]
    )
    own.created_by = users["writer"]
    own.save()
    with reversion.create_revision():
        draft.save()
    revision = reversion.models.Version.objects.get_for_object(draft).first().revision_id
    link = preview.create_link(draft, users["editor"])
    revoked = preview.create_link(draft, users["editor"])
    preview.revoke_link(revoked)
    attempt = AccessAttempt.objects.create(
        username="ines", ip_address="203.0.113.5", failures_since_start=2,
        attempt_time=timezone.now(), user_agent="test", get_data="", post_data="",
        http_accept="", path_info="/admin/login/",
    )  # fmt: skip
    log = AccessLog.objects.create(
        username="ines", ip_address="203.0.113.5", user_agent="t", http_accept="", path_info="/"
    )
    failure = AccessFailureLog.objects.create(
        username="ines", ip_address="203.0.113.5", user_agent="t", http_accept="",
        path_info="/", attempt_time=timezone.now(),
    )  # fmt: skip
    tag = published.tags.get()
    author = published.bylines.first().author
    rendition = file_names(photo.renditions)[0]
    api_key = ApiKey(name="Partner")
    api_key.set_new_key()
    api_key.save()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    task = DBTaskResult.objects.get(id=purge_cdn.enqueue(["home"]).id)
    objects = {
        "auth_group": Group.objects.get(name="Writer").pk,
        "auth_user": colleague.pk,
        "taggit_tag": tag.pk,
        "articles_article": draft.pk,
        "articles_author": author.pk,
        "articles_category": published.category.pk,
        "articles_captionedimage": spare_photo.pk,
        "axes_accessattempt": attempt.pk,
        "axes_accesslog": log.pk,
        "axes_accessfailurelog": failure.pk,
        "articles_apikey": api_key.pk,
        "django_tasks_database_dbtaskresult": task.pk,
    }
    urls = {}
    for name in MATRIX:
        if not name.startswith("admin:") or name.count("_") < 2:
            continue
        model, _, view = name.removeprefix("admin:").rpartition("_")
        if model in objects and view in ("change", "delete", "history"):
            urls[name] = reverse(name, args=[objects[model]])
    draft_type = ContentType.objects.get_for_model(Article)
    urls |= {
        "admin:index": reverse("admin:index"),
        "admin:login": reverse("admin:login"),
        "admin:logout": reverse("admin:logout"),
        "admin:password_change": reverse("admin:password_change"),
        "admin:password_change_done": reverse("admin:password_change_done"),
        "admin:autocomplete": reverse("admin:autocomplete")
        + "?app_label=articles&model_name=article&field_name=category&term=",
        "admin:jsi18n": reverse("admin:jsi18n"),
        "admin:view_on_site": reverse("admin:view_on_site", args=[draft_type.pk, published.pk]),
        "admin:app_list": reverse("admin:app_list", kwargs={"app_label": "articles"}),
        "admin:auth_group_changelist": reverse("admin:auth_group_changelist"),
        "admin:auth_group_add": reverse("admin:auth_group_add"),
        "admin:auth_user_changelist": reverse("admin:auth_user_changelist"),
        "admin:auth_user_add": reverse("admin:auth_user_add"),
        "admin:auth_user_password_change": reverse(
            "admin:auth_user_password_change", args=[colleague.pk]
        ),
        "admin:taggit_tag_merge_tags": reverse("admin:taggit_tag_merge_tags"),
        "admin:articles_article_revisions": reverse(
            "admin:articles_article_revisions", args=[draft.pk]
        ),
        "admin:articles_article_restore_revision": reverse(
            "admin:articles_article_restore_revision", args=[draft.pk, revision]
        ),
        "admin:articles_article_preview_links": reverse(
            "admin:articles_article_preview_links", args=[draft.pk]
        ),
        "admin:articles_article_preview_form": reverse(
            "admin:articles_article_preview_form", args=[draft.pk]
        ),
        "admin:articles_article_withdraw": reverse(
            "admin:articles_article_withdraw", args=[draft.pk]
        ),
        "admin:articles_article_autosave": reverse(
            "admin:articles_article_autosave", args=[draft.pk]
        ),
        "admin:articles_article_autosave_discard": reverse(
            "admin:articles_article_autosave_discard", args=[draft.pk]
        ),
        "admin:articles_article_presence": reverse(
            "admin:articles_article_presence", args=[draft.pk]
        ),
        "admin:articles_article_leave": reverse("admin:articles_article_leave", args=[draft.pk]),
        "admin:articles_captionedimage_original": reverse(
            "admin:articles_captionedimage_original", kwargs={"name": photo.image.name}
        ),
        "admin:articles_captionedimage_renditions": reverse(
            "admin:articles_captionedimage_renditions", args=[photo.pk]
        ),
        "desk_account": reverse("desk_account"),
        "articles:healthz": reverse("articles:healthz"),
        "articles:readyz": reverse("articles:readyz"),
        "articles:home": reverse("articles:home"),
        "articles:wordpress_address": reverse(
            "articles:wordpress_address", kwargs={"path": "2019/05/never-imported/"}
        ),
        "articles:latest": reverse("articles:latest"),
        "articles:category_detail": published.category.get_absolute_url(),
        "articles:tag_detail": reverse("articles:tag_detail", args=[tag.slug]),
        "articles:author_detail": author.get_absolute_url(),
        "articles:feed": reverse("articles:feed"),
        "articles:feed_atom": reverse("articles:feed_atom"),
        "articles:category_feed": reverse("articles:category_feed", args=["news"]),
        "articles:category_feed_atom": reverse("articles:category_feed_atom", args=["news"]),
        "articles:author_feed": reverse("articles:author_feed", args=[author.slug]),
        "articles:author_feed_atom": reverse("articles:author_feed_atom", args=[author.slug]),
        "articles:tag_feed": reverse("articles:tag_feed", args=[tag.slug]),
        "articles:tag_feed_atom": reverse("articles:tag_feed_atom", args=[tag.slug]),
        "articles:sitemap": reverse("articles:sitemap"),
        "articles:sitemap_section": reverse("articles:sitemap_section", args=["news"]),
        "articles:search": reverse("articles:search") + "?q=out",
        "articles:corrections": reverse("articles:corrections"),
        "articles:robots_txt": reverse("articles:robots_txt"),
        "articles:favicon": reverse("articles:favicon"),
        "articles:apple_touch_icon": reverse("articles:apple_touch_icon"),
        "articles:section_redirect": reverse(
            "articles:section_redirect", args=[published.category.slug]
        ),
        "articles:article_detail": published.get_absolute_url(),
        "media": settings.MEDIA_URL + rendition,
        "draft page": draft.get_absolute_url(),
        "articles:article_preview": reverse("articles:article_preview", args=[draft.pk]),
        "own draft preview (writer's)": reverse("articles:article_preview", args=[own.pk]),
        "articles:preview_link": link.get_absolute_url(),
        "altered preview link": link.get_absolute_url().replace(link.token, link.token + "x"),
        "revoked preview link": revoked.get_absolute_url(),
        "original under /media/": settings.MEDIA_URL + photo.image.name,
        "api:index": reverse("api:index"),
        "api:api-root": reverse("api:api-root"),
        "api:openapi-json": reverse("api:openapi-json"),
        "api:story_list": reverse("api:story_list"),
        "api:story_detail": reverse("api:story_detail", args=[published.slug]),
        "api:section_list": reverse("api:section_list"),
        "api:section_detail": reverse("api:section_detail", args=["news"]),
        "api:author_list": reverse("api:author_list"),
        "api:author_detail": reverse("api:author_detail", args=[author.slug]),
        "api:tag_list": reverse("api:tag_list"),
        "api:tag_detail": reverse("api:tag_detail", args=[tag.slug]),
        "API draft story": reverse("api:story_detail", args=[draft.slug]),
    }
    for name in MATRIX:
        if name.startswith("admin:") and name.endswith("_changelist"):
            urls.setdefault(name, reverse(name))
        if name.startswith("admin:") and name.endswith("_add"):
            urls.setdefault(name, reverse(name))
    return {"users": users, "urls": urls}


def url_names():
    """Every named route, admin and reader, as `namespace:name`."""
    found = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "")
    return found


def test_permission_matrix_names_every_url():
    missing = sorted(url_names() - set(MATRIX))
    assert missing == [], "add these URLs to the matrix"


def test_permission_matrix_of_every_url(site):
    clients = {"nobody": Client()}
    for role, user in site["users"].items():
        clients[role] = Client()
        clients[role].force_login(user)
    wrong = []
    for name, expected in MATRIX.items():
        url = site["urls"][name]
        for role in ROLES:
            status = clients[role].get(url).status_code
            if status != expected[role]:
                wrong.append(f"{name} {url} as {role}: {status}, expected {expected[role]}")
    assert not wrong, "\n".join(wrong)


def test_writer_cannot_merge_tags_but_an_editor_can(db, make_user, make_article):
    """taggit's own merge checks no permission; ours needs the change permission."""
    story = make_article(tags=["Ferry", "Ferries"])
    ids = [str(pk) for pk in Tag.objects.order_by("name").values_list("pk", flat=True)]
    changelist = reverse("admin:taggit_tag_changelist")
    merge = reverse("admin:taggit_tag_merge_tags")
    for role, allowed in [("Writer", False), ("Editor", True)]:
        client = Client()
        client.force_login(make_user(role))
        client.post(changelist, {"action": "render_tag_form", "_selected_action": ids})
        session = client.session
        session["selected_tag_ids"] = ",".join(ids)  # as if the action had let them through
        session.save()
        response = client.post(merge, {"new_tag_name": "Ferries"})
        assert (response.status_code == 403) is not allowed
        assert ("Ferry" in story.tags.names()) is not allowed  # merged into "Ferries"
