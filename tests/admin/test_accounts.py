"""Sign-in protection (issue 7): lockouts per account and per address that an admin can clear,
password rules, sessions that expire."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

PASSWORD = "a-long-pass-phrase-9"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    """Dozens of sign-ins: a fast hasher keeps them quick (the lockout does not depend on it)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def ines(db):
    return User.objects.create_user("ines", password=PASSWORD, is_staff=True)


def sign_in(username, password=PASSWORD, ip="198.51.100.7", **headers):
    """A sign-in through the admin's login form from `ip`, as a fresh browser would make it."""
    return Client().post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        **headers,
    )


def fail_times(count, usernames, ips):
    """Wrong passwords; their answers' status codes (the form again, or the lockout)."""
    return [
        sign_in(usernames[n % len(usernames)], "wrong", ips[n % len(ips)]).status_code
        for n in range(count)
    ]


def test_login_locks_an_account_after_five_failures_from_anywhere(ines):
    assert fail_times(5, ["ines"], [f"203.0.113.{n}" for n in range(5)]) == [200] * 4 + [429]
    response = sign_in("ines", ip="192.0.2.99")  # right password, new address
    assert response.status_code == 429
    assert "_auth_user_id" not in response.wsgi_request.session


def test_login_locks_an_address_that_tries_many_accounts(ines):
    assert fail_times(5, ["anna", "tom", "zadie", "admin", "root"], ["203.0.113.5"])[-1] == 429
    assert sign_in("ines", ip="203.0.113.5").status_code == 429
    assert sign_in("ines", ip="192.0.2.99").status_code == 302  # another address gets in


def test_login_four_failures_then_success_starts_the_count_again(ines):
    assert fail_times(4, ["ines"], ["203.0.113.5"]) == [200] * 4
    assert sign_in("ines", ip="203.0.113.5").status_code == 302
    assert fail_times(4, ["ines"], ["203.0.113.5"]) == [200] * 4
    assert sign_in("ines", ip="203.0.113.5").status_code == 302


def test_locked_out_page_explains_in_the_site_layout(ines):
    fail_times(5, ["ines"], ["203.0.113.5"])
    response = sign_in("ines", ip="203.0.113.5")
    assert response.status_code == 429
    text = response.text
    assert "Too many failed sign-ins" in text
    assert "signing in as “ines” from here is paused for 15 minutes" in text
    assert "ask an admin to unlock" in text
    assert 'class="site-header"' in text  # our layout, not a bare message
    assert "Traceback" not in text


def test_lockout_ends_after_the_cool_off(ines):
    fail_times(5, ["ines"], ["203.0.113.5"])
    assert sign_in("ines", ip="203.0.113.5").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in("ines", ip="203.0.113.5").status_code == 302


def test_admin_clears_a_lockout_in_the_admin(ines, make_user):
    admin_client = Client()
    admin_client.force_login(make_user("Admin"))  # the role, not a superuser
    fail_times(5, ["ines"], ["203.0.113.5"])
    assert sign_in("ines", ip="203.0.113.5").status_code == 429
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert "ines" in admin_client.get(changelist).text
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    confirm = {"action": "delete_selected", "_selected_action": attempts, "post": "yes"}
    assert admin_client.post(changelist, confirm).status_code == 302
    assert sign_in("ines", ip="203.0.113.5").status_code == 302


def test_admin_clears_a_lockout_from_the_command_line(ines):
    fail_times(5, ["ines"], ["203.0.113.5"])
    call_command("axes_reset_username", "ines", verbosity=0)
    assert sign_in("ines", ip="192.0.2.99").status_code == 302


def test_lockout_counts_the_client_behind_our_proxy_not_the_proxy(ines, settings):
    settings.PROXY_COUNT = 1  # one reverse proxy appends the address it saw
    for n in range(5):  # one attacker, who also forges the left of the header
        forged = f"10.9.9.{n}, 203.0.113.5"
        sign_in("ines", "wrong", ip="10.0.0.1", HTTP_X_FORWARDED_FOR=forged)
    # The attacker's address and the account are locked; a colleague behind the same proxy
    # signing in to another account is not.
    User.objects.create_user("tom", password=PASSWORD, is_staff=True)
    attacker = sign_in("tom", ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    colleague = sign_in("tom", ip="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert (attacker.status_code, colleague.status_code) == (429, 302)


def test_password_rules_refuse_a_weak_password(admin_client):
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newbie",
            "password1": "123456",
            "password2": "123456",
            "usable_password": "true",
        },
    )
    assert response.status_code == 200
    assert "This password is too short" in response.text
    assert "This password is too common" in response.text
    assert "This password is entirely numeric" in response.text
    assert not User.objects.filter(username="newbie").exists()


def test_session_expires_after_a_working_day(ines, client):
    assert (
        client.post(reverse("admin:login"), {"username": "ines", "password": PASSWORD}).status_code
        == 302
    )
    assert client.get(reverse("admin:index")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("admin:login"))
