import django.db.models.deletion
from django.conf import settings
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
        ("articles", "0013_byline_role_vocabulary"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
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
        migrations.CreateModel(
            name="DeskSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("email_notifications", models.BooleanField(default=True, help_text="Stories sent for review, sent back, published or gone live. They are always listed on the admin's front page.", verbose_name="email me desk notifications")),
                ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="desk_settings", to=settings.AUTH_USER_MODEL)),
            ],
            options={"verbose_name_plural": "desk settings"},
        ),
        migrations.CreateModel(
            name="Notification",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("submitted", "submitted for review"), ("sent_back", "sent back to draft"), ("published", "published"), ("live", "now live (scheduled)")], max_length=20)),
                ("event", models.CharField(max_length=120)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("emailed_at", models.DateTimeField(blank=True, null=True)),
                ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="articles.article")),
                ("recipient", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="notifications", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "ordering": ["-created_at", "-id"],
                "constraints": [models.UniqueConstraint(fields=("recipient", "article", "kind", "event"), name="one_notification_per_step")],
            },
        ),
        migrations.RunPython(mark_made, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]
