"""The newsroom's roles as groups (issue #3). Code checks permissions, not these names.

Writer: write and file their own stories, upload photos. Editor: everything on stories,
photos, tags, corrections and preview links. Admin: also authors, sections and user accounts.
Running it again (or after new permissions appear) brings the groups back to this list.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def crud(model, app="articles"):
    return [f"{app}.{action}_{model}" for action in ("add", "change", "delete", "view")]


WRITER = [
    *crud("article"),  # the admin narrows these to their own drafts
    "articles.view_author",
    "articles.view_category",
    "articles.add_captionedimage",
    "articles.view_captionedimage",
    "taggit.view_tag",
]
EDITOR = [
    *WRITER,
    "articles.publish_article",
    "articles.change_any_article",
    "articles.restore_article",
    *crud("captionedimage"),
    *crud("tag", app="taggit"),
    *crud("correction"),
    "articles.add_previewlink",
    "articles.change_previewlink",
    "articles.view_previewlink",
    "articles.view_articleredirect",
]
ADMIN = [*EDITOR, *crud("author"), *crud("category"), *crud("user", app="auth"), "auth.view_group"]
ROLES = {"Writer": WRITER, "Editor": EDITOR, "Admin": ADMIN}


def make_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for perm in sorted(set(perms)):
            app_label, codename = perm.split(".")
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_article_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
