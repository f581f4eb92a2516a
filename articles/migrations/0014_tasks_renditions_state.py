from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def mark_made(apps, schema_editor):
    """Photos saved before issue 15 had their renditions made in the save: ready if listed."""
    CaptionedImage = apps.get_model("articles", "CaptionedImage")
    CaptionedImage.objects.exclude(renditions={}).update(renditions_status="ready")


def task_permissions(apps):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="django_tasks_database", codename="view_dbtaskresult"
    )


def grant(apps, schema_editor):
    """The Admin role sees the background tasks and retries failed ones (issue 15)."""
    admin, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Admin")
    admin.permissions.add(*task_permissions(apps))


def revoke(apps, schema_editor):
    for admin in apps.get_model("auth", "Group").objects.filter(name="Admin"):
        admin.permissions.remove(*task_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_apikey"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.AddField(
            model_name="captionedimage",
            name="renditions_error",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="captionedimage",
            name="renditions_status",
            field=models.CharField(
                choices=[("pending", "being made"), ("ready", "ready"), ("failed", "failed")],
                default="pending",
                editable=False,
                max_length=10,
            ),
        ),
        migrations.RunPython(mark_made, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]
