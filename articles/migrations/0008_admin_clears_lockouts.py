"""The Admin role may see sign-in lockouts (django-axes) and lift them (issue 7)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LOCKOUTS = ["view_accessattempt", "delete_accessattempt", "view_accesslog",
            "view_accessfailurelog"]  # fmt: skip


def lockout_permissions(apps):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="axes", codename__in=LOCKOUTS)


def grant(apps, schema_editor):
    admin, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Admin")
    admin.permissions.add(*lockout_permissions(apps))


def revoke(apps, schema_editor):
    for admin in apps.get_model("auth", "Group").objects.filter(name="Admin"):
        admin.permissions.remove(*lockout_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_captionedimage_renditions"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
