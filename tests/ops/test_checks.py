"""`manage.py check --deploy` warns about settings a production deploy must not forget (issue 17);
tests/ops/test_security_headers.py runs it the way a deploy does."""

import pytest
from django.core.checks import Warning, run_checks

pytestmark = pytest.mark.django_db  # some of Django's own checks look at the database

SITE_URL_UNSET = "newsroom.W001"


def deploy_warnings():
    found = run_checks(include_deployment_checks=True)
    return [message for message in found if message.id == SITE_URL_UNSET]


def test_deploy_check_warns_without_a_site_url_in_production(settings):
    settings.DEBUG, settings.SITE_URL = False, ""

    [warning] = deploy_warnings()

    assert isinstance(warning, Warning)
    assert "NEWSROOM_SITE_URL is not set" in warning.msg
    assert "https://news.example.com" in warning.hint
    assert not [m for m in run_checks() if m.id == SITE_URL_UNSET]  # a deploy check only


@pytest.mark.parametrize(("debug", "site_url"), [(False, "https://news.example.com"), (True, "")])
def test_deploy_check_is_quiet_with_a_site_url_or_while_debugging(settings, debug, site_url):
    settings.DEBUG, settings.SITE_URL = debug, site_url

    assert deploy_warnings() == []
