"""API keys in the admin: Admins make them, see each once, and revoke them (issue 16)."""

import pytest
from django.urls import reverse

from articles.models import ApiKey

from .conftest import bearer

CHANGELIST = reverse("admin:articles_apikey_changelist")
ADD = reverse("admin:articles_apikey_add")


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("Admin"))
    return client


def test_api_key_changelist_and_add_page(admin_client, make_api_key):
    make_api_key(name="iOS app")
    assert "iOS app" in admin_client.get(CHANGELIST).text
    assert admin_client.get(ADD).status_code == 200


def test_a_new_key_is_shown_once_and_stored_as_a_digest(admin_client, client):
    response = admin_client.post(ADD, {"name": "Coastal Radio", "scope": "read"})
    assert response.status_code == 200
    key = response.context["key"]
    assert key in response.text and "cannot be shown again" in response.text
    row = ApiKey.objects.get()
    assert row.digest == ApiKey.digest_of(key) and key not in row.digest
    assert row.created_by.username == "chief"
    assert key not in admin_client.get(reverse("admin:articles_apikey_change", args=[row.pk])).text
    assert client.get("/api/v1/stories/", **bearer(key)).status_code == 200


def test_a_revoked_key_is_refused(admin_client, make_api_key):
    row, key = make_api_key()
    admin_client.post(CHANGELIST, {"action": "revoke", "_selected_action": [row.pk]})
    row.refresh_from_db()
    assert row.revoked_at is not None
    response = admin_client.get("/api/v1/stories/", **bearer(key))
    assert response.status_code == 401


@pytest.mark.parametrize("role", ["Writer", "Editor"])
def test_only_admins_manage_keys(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(ADD).status_code == 403
