"""API keys for the content API (issue 16), and the Admin role's permission to make and revoke
them. Numbered 0011 on its branch while another branch adds a 0010: renumber at the merge."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

KEY_PERMISSIONS = ["add_apikey", "change_apikey", "delete_apikey", "view_apikey"]


def key_permissions(apps):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="articles", codename__in=KEY_PERMISSIONS
    )


def grant(apps, schema_editor):
    admin, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Admin")
    admin.permissions.add(*key_permissions(apps))


def revoke(apps, schema_editor):
    for admin in apps.get_model("auth", "Group").objects.filter(name="Admin"):
        admin.permissions.remove(*key_permissions(apps))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0010_wordpress_import'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ApiKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='Who uses it, e.g. “iOS app” or “Partner: Coastal Radio”.', max_length=120)),
                ('scope', models.CharField(choices=[('read', 'Read published content'), ('preview', 'Read published content and preview unpublished stories')], default='read', help_text="Preview lets the key read drafts and scheduled stories: only for a headless front end's preview, never for an app or a partner.", max_length=20)),
                ('prefix', models.CharField(editable=False, help_text='Tells keys apart.', max_length=12)),
                ('digest', models.CharField(editable=False, max_length=64, unique=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('revoked_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'API key',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
