import pytest

from articles.models import ApiKey


@pytest.fixture
def make_api_key(db):
    """An API key row and the key itself (which the database never holds)."""

    def make(scope=ApiKey.Scope.READ, name="Test app"):
        row = ApiKey(name=name, scope=scope)
        key = row.set_new_key()
        row.save()
        return row, key

    return make


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
