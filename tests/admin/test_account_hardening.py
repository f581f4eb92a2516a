"""Sign-in and account hardening, round two (issue 14): one account's success lifts no other
account's lockout, an unsafe `next` lands on the desk, and the Admin role cannot make anyone
(itself included) more than an Admin."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import reverse

from tests.helpers.html import form_data

PASSWORD = "a-long-pass-phrase-9"
HERE = "198.51.100.7"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def accounts(db):
    editor = User.objects.create_user("edith", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    writer = User.objects.create_user("walt", password=PASSWORD, is_staff=True)
    writer.groups.add(Group.objects.get(name="Writer"))
    return editor, writer


def sign_in(username, password=PASSWORD, ip=HERE, **data):
    return Client().post(
        reverse("admin:login") + data.pop("query", ""),
        {"username": username, "password": password, **data},
        REMOTE_ADDR=ip,
    )


def test_lockout_is_not_lifted_by_another_accounts_success_from_the_same_address(accounts):
    answers = []
    for _ in range(10):  # 30 guesses at the editor's password, a writer's sign-in between
        answers += [sign_in("edith", "wrong").status_code for _ in range(3)]
        sign_in("walt")
    assert 429 in answers[:6]  # locked by the fifth failure, as without the writer
    assert sign_in("edith").status_code == 429  # the right password is not let through


def test_lockout_of_an_account_stays_when_a_colleague_signs_in_where_it_was_tried(accounts):
    for n in range(5):  # the editor's account locked from five addresses
        sign_in("edith", "wrong", ip=f"203.0.113.{n}")
    assert sign_in("edith", ip="203.0.113.4").status_code == 429
    assert sign_in("walt", ip="203.0.113.4").status_code == 302  # that address is not locked
    assert sign_in("edith", ip="192.0.2.1").status_code == 429  # the account still is


def test_success_first_then_failures_against_another_account_still_count(accounts):
    assert sign_in("walt").status_code == 302
    answers = [sign_in("edith", "wrong").status_code for _ in range(5)]
    assert answers == [200] * 4 + [429]
    assert sign_in("walt").status_code == 429  # the address is locked too


def test_own_success_clears_only_own_failures(accounts):
    for _ in range(2):
        sign_in("walt", "wrong")
    for _ in range(2):
        sign_in("edith", "wrong")
    assert sign_in("walt").status_code == 302  # walt's two failures go, edith's two stay
    answers = [sign_in("edith", "wrong").status_code for _ in range(3)]
    assert answers == [200, 200, 429]


def test_sign_in_with_an_unsafe_next_lands_on_the_desk(accounts):
    response = sign_in("edith", next="https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_sign_in_with_a_safe_next_goes_there(accounts):
    response = sign_in("edith", next="/admin/articles/article/")
    assert response["Location"] == "/admin/articles/article/"


# Roles: only a superuser makes superusers or grants more than it holds ----------------------


@pytest.fixture
def chief(make_user):
    user = make_user("Admin")
    client = Client()
    client.force_login(user)
    return user, client


def change_page(client, user):
    return reverse("admin:auth_user_change", args=[user.pk])


def post_change(client, user, **changes):
    url = change_page(client, user)
    data = form_data(client.get(url).text, form_id="user_form") | changes
    return client.post(url, data)


def test_admin_cannot_make_itself_superuser(chief):
    user, client = chief
    response = post_change(client, user, is_superuser="on")
    assert response.status_code in (200, 302)
    user.refresh_from_db()
    assert not user.is_superuser


def test_admin_change_page_shows_superuser_status_read_only(chief):
    user, client = chief
    html = client.get(change_page(client, user)).text
    assert 'name="is_superuser"' not in html
    assert "Superuser status" in html


def test_admin_cannot_make_a_colleague_superuser(chief, accounts):
    _, client = chief
    editor, _ = accounts
    post_change(client, editor, is_superuser="on")
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_admin_cannot_grant_a_permission_it_does_not_hold(chief, accounts):
    _, client = chief
    _, writer = accounts
    beyond = Permission.objects.get(codename="delete_group")
    response = post_change(client, writer, user_permissions=[str(beyond.pk)])
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not writer.user_permissions.exists()


def test_admin_cannot_grant_a_group_beyond_its_own_role(chief, accounts):
    _, client = chief
    _, writer = accounts
    owners = Group.objects.create(name="Owners")
    owners.permissions.add(Permission.objects.get(codename="delete_group"))
    response = post_change(client, writer, groups=[str(owners.pk)])
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not writer.groups.filter(name="Owners").exists()


def test_admin_still_gives_roles_up_to_admin(chief, accounts):
    _, client = chief
    _, writer = accounts
    roles = [str(Group.objects.get(name=name).pk) for name in ("Writer", "Admin")]
    assert post_change(client, writer, groups=roles).status_code == 302
    assert set(writer.groups.values_list("name", flat=True)) == {"Writer", "Admin"}


def test_admin_cannot_change_or_reset_the_password_of_a_superuser(chief):
    _, client = chief
    owner = User.objects.create_superuser("owner", password=PASSWORD)
    post_change(client, owner, username="owned", is_active="")
    owner.refresh_from_db()
    assert (owner.username, owner.is_active) == ("owner", True)
    password_url = reverse("admin:auth_user_password_change", args=[owner.pk])
    answer = client.post(
        password_url, {"password1": "x-new-pass-phrase-1", "password2": "x-new-pass-phrase-1"}
    )
    assert answer.status_code == 403
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_superuser_can_make_a_superuser(admin_client, accounts):
    editor, _ = accounts
    post_change(admin_client, editor, is_superuser="on")
    editor.refresh_from_db()
    assert editor.is_superuser
