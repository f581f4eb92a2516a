"""Import shim: migration 0005 names `articles.clock.now` as a default. Code calls
`django.utils.timezone.now()` and tests move time with time-machine."""

from django.utils.timezone import now  # noqa: F401
