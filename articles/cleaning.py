"""Rules every saved row follows, whoever saves it (the admin, the API, an import, a shell):
text without control characters, and a tag slug every page can link to (issue 14).

Receivers on pre_save, as for the rest of the rows' derived data (signals.py), because the
writers are many and a forgotten one would bring back a 500: a form feed in a headline broke
every feed the story was in, an emoji-only tag (`🙂`, whose slug django-taggit leaves empty)
broke the story page, its preview and the tags' sitemap.

- Text (every CharField and TextField of the newsroom's models and of tags) loses its control
  characters silently: vertical tab and form feed become a space, the rest of C0 (but tab,
  newline and carriage return), DEL, lone surrogates and U+FFFE/U+FFFF go. They come from
  pasting out of word processors and PDFs, and are never meant.
- Tags typed in a form are parsed from the text without them (`tags_from_string`), so a pasted
  "Ferries\x0c" is the tag "Ferries", not a second tag that saving would make its namesake.
- A tag whose name slugifies to nothing gets `tag-` and eight hex digits of its name's hash:
  non-empty, the same for the same name, unique as names are. A tag whose name is nothing
  once cleaned (control characters only) is refused: it would be a link without text.
- Admin forms check the text as it will be saved (`CleanTextForm`): cleaned at save only,
  "Sport\x01" passed the form's uniqueness check beside "Sport", then saved as "Sport" and
  broke the unique index (a 500 instead of "already exists"); "\x01" alone passed as given.
"""

import hashlib
import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save
from taggit.models import Tag
from taggit.utils import _parse_tags

from .text import without_controls

LINKABLE_SLUG = re.compile(r"[-\w]+")  # the tag routes' converter (articles/urls.py)


def fallback_slug(name: str) -> str:
    return "tag-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def text_fields(model) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def clean_text(sender, instance, **kwargs):
    for name in text_fields(sender):
        value = getattr(instance, name)
        if isinstance(value, str):
            setattr(instance, name, without_controls(value))


def named_tag(sender, instance, **kwargs):
    if not instance.name.strip():
        raise ValidationError({"name": "A tag needs a name: this one has none once cleaned."})


def linkable_slug(sender, instance, **kwargs):
    if not LINKABLE_SLUG.fullmatch(instance.slug or ""):
        instance.slug = fallback_slug(instance.name)


def tags_from_string(text: str) -> list[str]:
    """django-taggit's parser (TAGGIT_TAGS_FROM_STRING) of the tags typed in a form, on the
    text without its control characters: a tag is then found under the name it is saved with,
    and one of control characters only is no tag."""
    return _parse_tags(without_controls(text))


def without_controls_in(data, keys):
    """A copy of the submitted `data` (a QueryDict or a dict) whose values under `keys` have
    no control characters."""
    data = data.copy()
    for key in keys:
        if key not in data:
            continue
        if hasattr(data, "setlist"):
            values = data.getlist(key)
            data.setlist(key, [without_controls(v) if isinstance(v, str) else v for v in values])
        elif isinstance(data[key], str):
            data[key] = without_controls(data[key])
    return data


class CleanTextForm:
    """A ModelForm mixin: the model's text fields are validated as they will be saved, without
    their control characters. The form's own checks then see what the database will get:
    "Sport\x01" beside "Sport" is "Section with this Name already exists.", and "\x01" alone
    is "This field is required." (both were a 500 or an empty name)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            names = [name for name in text_fields(self._meta.model) if name in self.fields]
            self.data = without_controls_in(self.data, map(self.add_prefix, names))


def connect_signals() -> None:
    for model in [*apps.get_app_config("articles").get_models(), Tag]:
        label = model._meta.label
        pre_save.connect(clean_text, sender=model, dispatch_uid=f"clean-text-{label}")
    # After the text is clean: nothing may be left of the name, and the fallback slug is the
    # hash of the name as saved.
    pre_save.connect(named_tag, sender=Tag, dispatch_uid="clean-tag-name")
    pre_save.connect(linkable_slug, sender=Tag, dispatch_uid="clean-tag-slug")
