"""Two people saving one story: a three-way merge of the story form (issue #3).

Every story form carries the revision it was opened at (`base_revision`). When it is saved
after someone else saved the same story, each field is merged three ways, against that base:

- only the other person changed it: their version is kept;
- only you changed it (or you both made the same change): yours is saved;
- you both changed it differently: a conflict. Nothing is saved; the form comes back with
  your text still in it, a notice says who changed the field and when and shows both
  versions, and saving again (now based on their revision) keeps yours.

Written here because no library does it: text-merge tools (diff3 and friends) merge lines of
one document, while a story is a dozen separate fields, two of them inline formsets. The
merge needs nothing more than the snapshots of revisions.py.
"""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from reversion.models import Revision

from ..models import Article
from ..text import sanitize_html
from . import revisions

BYLINES = "bylines"  # the byline inline's form prefix


@dataclass
class Conflict:
    field: str
    label: str
    theirs: str
    mine: str
    who: str
    when: str
    diff: str
    choices: tuple = ()  # what the conflict screen offers to save: ("mine", "theirs", "both")


def three_way(base: dict, theirs: dict, mine: dict) -> tuple[list[str], list[str]]:
    """Merge snapshot `mine` with `theirs`, both edited from `base`, field by field.

    Returns (fields to take from theirs, conflicting fields); every other field keeps `mine`.
    """
    taken, conflicts = [], []
    for field in revisions.FIELDS:
        old, their, my = base[field], theirs[field], mine[field]
        if revisions.same(field, their, old) or revisions.same(field, their, my):
            continue
        if revisions.same(field, my, old):
            taken.append(field)
        else:
            conflicts.append(field)
    return taken, conflicts


def posted_bylines(data) -> tuple | None:
    """The byline as submitted [(author_id, role)], in position order; None if not submitted."""
    try:
        total = int(data.get(f"{BYLINES}-TOTAL_FORMS", ""))
    except ValueError:
        return None
    rows = []
    for i in range(min(total, 1000)):
        row = f"{BYLINES}-{i}-"
        author = data.get(row + "author", "")
        if not author.isdigit() or data.get(row + "DELETE"):
            continue
        position = data.get(row + "position", "")
        order = int(position) if position.isdigit() else 0
        rows.append((order, i, int(author), data.get(row + "role", "").strip()))
    return tuple((author, role) for _order, _i, author, role in sorted(rows))


def base_snapshot(data, article):
    """The snapshot of the revision a submitted form was opened at, or None."""
    try:
        revision = Revision.objects.get(pk=int(data.get("base_revision", "")))
    except (ValueError, Revision.DoesNotExist):
        return None
    return revisions.revision_snapshot(revision, article.pk)


def byline_formset_data(data, article):
    """POST data for the byline inline after a merge, or None when no merge is needed.

    When someone else changed the byline since the form was opened, the submitted rows may name
    bylines that no longer exist. The rows are rewritten to turn the current byline into the
    merged one: yours if you changed it, theirs otherwise.
    """
    base = base_snapshot(data, article)
    mine = posted_bylines(data)
    if base is None or mine is None:
        return None
    current = list(article.bylines.order_by("position", "id"))
    theirs = tuple((b.author_id, b.role) for b in current)
    if theirs == base["authors"]:
        return None
    wanted = mine if mine != base["authors"] else theirs
    by_author = {b.author_id: b for b in current}
    kept, added = [], []
    for position, (author_id, role) in enumerate(wanted):
        byline = by_author.pop(author_id, None)
        (kept if byline else added).append((byline, author_id, role, position, ""))
    dropped = [(b, b.author_id, b.role, b.position, "on") for b in by_author.values()]
    rows = kept + dropped + added  # rows with an id come first, as formsets expect
    merged = data.copy()
    for key in [k for k in merged if k.startswith(f"{BYLINES}-")]:
        del merged[key]
    merged[f"{BYLINES}-TOTAL_FORMS"] = str(len(rows))
    merged[f"{BYLINES}-INITIAL_FORMS"] = str(len(kept) + len(dropped))
    merged[f"{BYLINES}-MIN_NUM_FORMS"] = data.get(f"{BYLINES}-MIN_NUM_FORMS", "1")
    merged[f"{BYLINES}-MAX_NUM_FORMS"] = data.get(f"{BYLINES}-MAX_NUM_FORMS", "1000")
    for i, (byline, author_id, role, position, delete) in enumerate(rows):
        row = f"{BYLINES}-{i}-"
        merged[row + "id"] = str(byline.pk) if byline else ""
        merged[row + "article"] = str(article.pk)
        merged[row + "author"], merged[row + "role"] = str(author_id), role
        merged[row + "position"] = str(position)
        if delete:
            merged[row + "DELETE"] = delete
    return merged


def submitted_snapshot(form, base) -> dict:
    """The story as this form would save it; fields the form does not edit stay at `base`."""
    mine = dict(base)
    data = form.cleaned_data
    for field in revisions.FIELDS:
        if field == "tags" and "tags" in data:
            names = [tag.name for tag in data["tags"]] + list(data.get("new_tags", []))
            mine["tags"] = revisions.sorted_tags(names)
        elif field == "authors":
            posted = posted_bylines(form.data)
            if posted is not None:
                mine["authors"] = posted
        elif field in data and field in form.fields:
            value = data[field]
            if field == "body":
                value = sanitize_html(value)
            elif field in ("lead_image", "category"):
                value = value.pk if value else None
            elif isinstance(value, datetime):
                value = value.replace(microsecond=0)
            mine[field] = value
    return mine


def set_shown_value(form, field, value):
    """Show `value` in `field` when the form is displayed again."""
    bound = form[field]
    widget = bound.field.widget
    value = bound.field.prepare_value(value)
    if isinstance(widget, forms.MultiWidget):
        parts = zip(widget.widgets_names, widget.widgets, widget.decompress(value), strict=True)
        for suffix, subwidget, part in parts:
            form.data[bound.html_name + suffix] = subwidget.format_value(part) or ""
    elif isinstance(value, list | tuple):
        form.data.setlist(bound.html_name, [str(v) for v in value])
    else:
        form.data[bound.html_name] = "" if value is None else str(value)


# The conflict screen's choice per field (issue 13): take theirs, keep yours, or both. "Both"
# joins two texts (theirs first) or unites two sets of tags; other fields are one or the other.
RESOLVABLE = {"headline", "slug", "standfirst", "body", "lead_image", "category", "tags"}
RESOLVABLE |= {"seo_description"}
BOTH = {"standfirst": " ", "body": "", "seo_description": " ", "tags": None}


def choices_for(field, form) -> tuple:
    if field not in RESOLVABLE or field not in form.fields:
        return ()
    return ("mine", "theirs", "both") if field in BOTH else ("mine", "theirs")


def resolve_choices(form):
    """Apply the conflict screen's choices posted with `form` to its cleaned data.

    Called from the form's clean() before the merge: the form was based on their revision by
    then, so what is chosen here is saved as chosen.
    """
    stored = form.instance
    for field in RESOLVABLE & set(form.fields):
        choice = form.data.get(f"resolve_{field}")
        if choice not in ("theirs", "both") or (choice == "both" and field not in BOTH):
            continue
        if field == "tags":
            theirs = list(stored.tags.all()) if stored.pk else []
            if choice == "theirs":
                form.cleaned_data["tags"], form.cleaned_data["new_tags"] = theirs, []
            else:
                form.cleaned_data["tags"] = list({*form.cleaned_data.get("tags", []), *theirs})
            set_shown_value(form, "tags", form.cleaned_data["tags"])
            continue
        theirs = getattr(stored, field)
        if choice == "theirs":
            value = theirs
        else:
            value = f"{theirs}{BOTH[field]}{form.cleaned_data.get(field, '')}".strip()
        form.cleaned_data[field] = value
        set_shown_value(form, field, value)


def merge_form(form):
    """Merge a story form with what others saved since it was opened (see the module doc).

    Called from the form's clean(). Takes their versions into `cleaned_data` (and into the
    shown values, should the form come back), records conflicts as form errors and in
    `form.conflicts`, and what was merged in `form.merged`.
    """
    article = form.instance
    # Lock the row (PostgreSQL) so two saves at the same moment are merged one after the other.
    current = Article.objects.select_for_update().get(pk=article.pk)
    base = base_snapshot(form.data, article)
    if base is None:
        form.data = form.data.copy()
        form.data["base_revision"] = str(revisions.latest_revision_id(current) or "")
        form.add_error(
            None,
            "This form does not say which revision of this story it started from, so it cannot "
            "be checked against other people's changes. Nothing was saved: check the form "
            "against the story's revisions, then save again.",
        )
        return
    theirs = revisions.snapshot(current)
    if all(revisions.same(f, base[f], theirs[f]) for f in revisions.FIELDS):
        return
    mine = submitted_snapshot(form, base)
    taken, conflicts = three_way(base, theirs, mine)
    base_id = int(form.data["base_revision"])
    form.data = form.data.copy()
    form.data["base_revision"] = str(revisions.latest_revision_id(current) or base_id)
    names = revisions.Names(base, theirs, mine)
    for field in taken:
        if field == "tags" and "tags" in form.fields:
            form.cleaned_data["tags"], form.cleaned_data["new_tags"] = list(current.tags.all()), []
            set_shown_value(form, "tags", form.cleaned_data["tags"])
            set_shown_value(form, "new_tags", "")
        elif field in form.fields and field != "authors":
            form.cleaned_data[field] = getattr(current, field)
            set_shown_value(form, field, getattr(current, field))
        who, moment = revisions.last_change(article.pk, base_id, field)
        form.merged.append((revisions.FIELDS[field], revisions.person(who), moment))
    for field in conflicts:
        who, moment = revisions.last_change(article.pk, base_id, field)
        conflict = Conflict(
            field=field,
            label=revisions.FIELDS[field],
            theirs=names.show(field, theirs[field]),
            mine=names.show(field, mine[field]),
            who=revisions.person(who),
            when=revisions.when(moment),
            diff=revisions.diff({**mine, field: theirs[field]}, mine)[0].html,
            choices=choices_for(field, form),
        )
        form.conflicts.append(conflict)
        message = (
            f"{conflict.who} changed the {conflict.label.lower()} at {conflict.when}, after you "
            "opened this story. Both versions are shown at the top; yours is still here, unsaved."
        )
        form.add_error(field if field in form.fields else None, message)
