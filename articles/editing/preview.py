"""Previews of unpublished stories, in the real page layout (issue #3).

- Staff open `articles:article_preview` (any story on their desk).
- An editor shares a `PreviewLink` with someone who has no account: a TimestampSigner-signed
  token (Django's signing, so a made-up or altered token is refused before any lookup) that
  expires (48 hours unless the editor says otherwise), can be revoked, shows only its story
  and records every opening. The page is the story as last saved, i.e. its latest revision.

Preview pages are never cached and never indexed: `Cache-Control: private, no-store`, a
`noindex` meta tag and an `X-Robots-Tag` header.
"""

import secrets
from datetime import timedelta

from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from ..caching import story
from ..models import Article, PreviewLink, PreviewOpening

DEFAULT_HOURS = 48
MAX_HOURS = 30 * 24


def signer():
    """The preview links' signer, made per call: it reads SECRET_KEY and SECRET_KEY_FALLBACKS
    when made, so links signed under a rotated-out key keep opening while it is a fallback."""
    return signing.TimestampSigner(salt="articles.preview-link")


def private(response):
    """Mark a response as for this viewer only: not stored by any cache, not indexed."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def create_link(article, user, hours=DEFAULT_HOURS, note="") -> PreviewLink:
    now = timezone.now()
    return PreviewLink.objects.create(
        article=article,
        token=signer().sign(secrets.token_urlsafe(16)),
        note=note,
        created_by=user,
        created_at=now,
        expires_at=now + timedelta(hours=hours),
    )


def revoke_link(link):
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])


def find_link(token) -> tuple[PreviewLink | None, str]:
    """The usable link for `token` and "", or None and why not: invalid, expired, revoked or
    gone (its story was moved to the trash)."""
    try:
        signer().unsign(token, max_age=timedelta(hours=MAX_HOURS))
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    link = PreviewLink.objects.select_related("article").filter(token=token).first()
    if link is None:
        return None, "invalid"
    if link.article.trashed_at:
        return None, "gone"
    state = link.state()
    return (link, "") if state == "active" else (None, state)


@staff_member_required
@require_safe
def article_preview(request, pk):
    stories = Article.objects.for_detail().on_desk_of(request.user)
    article = get_object_or_404(stories, pk=pk)
    context = {"article": article, "parts": story.render(request, article), "preview": True}
    return private(render(request, "articles/article_detail.html", context))


@require_safe
def preview_link(request, token):
    link, problem = find_link(token)
    if link is None:
        status = 404 if problem == "invalid" else 410
        context = {"problem": problem}
        return private(render(request, "articles/preview_link.html", context, status=status))
    PreviewOpening.objects.create(link=link, opened_at=timezone.now())
    article = Article.objects.for_detail().get(pk=link.article_id)
    parts = story.render(request, article)
    context = {"article": article, "parts": parts, "preview": True, "preview_link": link}
    return private(render(request, "articles/article_detail.html", context))
