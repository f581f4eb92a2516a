"""Tags whose slug no address can carry (django-taggit left emoji- and symbol-only tags with an
empty one) get the fallback slug new tags get (articles/cleaning.py, issue 14)."""

import hashlib
import re

from django.db import migrations

LINKABLE_SLUG = re.compile(r"[-\w]+")


def fallback_slug(name):
    return "tag-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def give_every_tag_a_slug(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.all().only("pk", "name", "slug").iterator():
        if not LINKABLE_SLUG.fullmatch(tag.slug or ""):
            Tag.objects.filter(pk=tag.pk).update(slug=fallback_slug(tag.name))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_apikey"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(give_every_tag_a_slug, migrations.RunPython.noop)]
