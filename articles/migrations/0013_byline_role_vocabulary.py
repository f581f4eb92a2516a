"""Byline roles from a fixed vocabulary (issue 17): writers (by, reporting, analysis, additional
reporting) are a story's authors, contributors (photos, video, graphics, translation) are not.

Each free-text role is mapped to the vocabulary; one naming none of it stays a writer ("by")
and is listed in the output, so the desk can look at those stories. The mapping is copied here
as it was (a migration must not change when the model's does). Numbered 0013 on its branch:
renumber at the merge."""

from django.db import migrations, models

WRITERS = {
    "": "by",
    "by": "by",
    "words": "by",
    "text": "by",
    "author": "by",
    "writer": "by",
    "reporting": "reporting",
    "reporter": "reporting",
    "reported": "reporting",
    "analysis": "analysis",
    "additional reporting": "additional_reporting",
    "with additional reporting": "additional_reporting",
}
CONTRIBUTORS = {
    "photos": "photos",
    "photo": "photos",
    "photographs": "photos",
    "photography": "photos",
    "photographer": "photos",
    "pictures": "photos",
    "video": "video",
    "videos": "video",
    "graphics": "graphics",
    "graphic": "graphics",
    "illustration": "graphics",
    "illustrations": "graphics",
    "translation": "translation",
    "translated": "translation",
    "translator": "translation",
}
LABELS = {
    "by": "",
    "reporting": "Reporting",
    "analysis": "Analysis",
    "additional_reporting": "Additional reporting",
    "photos": "Photos",
    "video": "Video",
    "graphics": "Graphics",
    "translation": "Translation",
}


def role_of(text):
    words = " ".join(text.replace("_", " ").replace("-", " ").casefold().split())
    words = words.removeprefix("by ").removesuffix(" by").strip(" :.()")
    return (WRITERS | CONTRIBUTORS).get(words)


def to_vocabulary(apps, schema_editor):
    Byline = apps.get_model("articles", "Byline")
    unknown = []
    for text in Byline.objects.order_by().values_list("role", flat=True).distinct():
        role = role_of(text)
        if role is None:
            role = "by"
            stories = Byline.objects.filter(role=text).values_list("article_id", flat=True)
            unknown.append(f"  {text!r} on stories {', '.join(map(str, sorted(stories)))}")
        if role != text:
            Byline.objects.filter(role=text).update(role=role)
    if unknown:
        print(
            "\n  Byline roles not in the vocabulary, kept as writers (“By”):\n"
            + "\n".join(unknown)
        )


def to_free_text(apps, schema_editor):
    Byline = apps.get_model("articles", "Byline")
    for role, label in LABELS.items():
        Byline.objects.filter(role=role).update(role=label)


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_tag_slugs_author_photos")]

    operations = [
        migrations.AlterField(
            model_name="byline",
            name="role",
            field=models.CharField(
                choices=[
                    ("by", "By"),
                    ("reporting", "Reporting"),
                    ("analysis", "Analysis"),
                    ("additional_reporting", "Additional reporting"),
                    ("photos", "Photos"),
                    ("video", "Video"),
                    ("graphics", "Graphics"),
                    ("translation", "Translation"),
                ],
                default="by",
                help_text="Writers (by, reporting, analysis, additional reporting) are the "
                "story's authors for search engines and feeds; photos, video, graphics and "
                "translation are credited as contributors.",
                max_length=60,
            ),
        ),
        migrations.RunPython(to_vocabulary, to_free_text),
    ]
