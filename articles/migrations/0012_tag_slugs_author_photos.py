"""Issue 14: tags whose slug no address can carry (django-taggit left emoji- and symbol-only tags
with an empty one) get the fallback slug new tags get (articles/cleaning.py); authors' photos
move to the private originals (readers get square renditions, photos/portraits.py: run
`manage.py make_renditions` after migrating to make those of the photos moved here)."""

import hashlib
import re

import django.db.models
from django.core.files.storage import storages
from django.db import migrations

import articles.photos.storage

LINKABLE_SLUG = re.compile(r"[-\w]+")


def fallback_slug(name):
    return "tag-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def give_every_tag_a_slug(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.all().only("pk", "name", "slug").iterator():
        if not LINKABLE_SLUG.fullmatch(tag.slug or ""):
            Tag.objects.filter(pk=tag.pk).update(slug=fallback_slug(tag.name))


def move_author_photos(apps, schema_editor):
    """Each author's photo from the public media folder to the private originals."""
    public, private = storages["default"], storages["originals"]
    Author = apps.get_model("articles", "Author")
    for author in Author.objects.exclude(photo="").only("pk", "photo").iterator():
        name = author.photo.name
        if private.exists(name) or not public.exists(name):
            continue
        with public.open(name, "rb") as file:
            saved = private.save(name, file)
        Author.objects.filter(pk=author.pk).update(photo=saved)
        public.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_apikey"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(give_every_tag_a_slug, migrations.RunPython.noop),
        migrations.AddField(
            model_name="author",
            name="photo_renditions",
            field=django.db.models.JSONField(default=dict, editable=False),
        ),
        migrations.AlterField(
            model_name="author",
            name="photo",
            field=django.db.models.ImageField(
                blank=True,
                help_text="JPEG, PNG, WebP or GIF. Readers get a square copy without its metadata.",
                max_length=255,
                storage=articles.photos.storage.originals_storage,
                upload_to="authors/%Y/",
            ),
        ),
        migrations.RunPython(move_author_photos, migrations.RunPython.noop),
    ]
