"""A successful sign-in clears that account's own failed attempts, and nobody else's (issue 14).

django-axes can reset on success by itself (AXES_RESET_ON_SUCCESS), but it deletes every attempt
matching any of the lockout parameters: with lockouts by username *or* address, one colleague's
sign-in from an address wiped every failure from it, other accounts' included, so three guesses
at an editor's password between two of one's own sign-ins were never locked out, and a locked
account was unlocked by anyone signing in where it had been tried. Failures against other
accounts from the same address keep counting, towards both their account's and the address's
lockout.
"""

from axes.models import AccessAttempt
from django.contrib.auth.signals import user_logged_in


def clear_own_failures(sender, request, user, **kwargs):
    AccessAttempt.objects.filter(username=user.get_username()).delete()


def connect_signals() -> None:
    user_logged_in.connect(clear_own_failures, dispatch_uid="signins-clear-own-failures")
