"""The reader templates' Jinja2 environment (articles/templating.py)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import dateformat, timezone

from articles.reader.templating import FORMATS, date

MOMENTS = [
    datetime(2026, month, day, hour, minute, second, tzinfo=UTC)
    for month, day, hour, minute, second in [
        (1, 1, 0, 0, 0),
        (3, 29, 0, 59, 59),  # the night the clocks go forward in London
        (5, 9, 7, 5, 3),
        (9, 30, 12, 30, 0),
        (10, 25, 1, 15, 0),  # and back
        (12, 31, 23, 59, 59),
    ]
] + [
    datetime(2026, 6, 1, 9, 4, 5, 123456, tzinfo=UTC) + timedelta(days=n) for n in range(0, 200, 17)
]


@pytest.mark.parametrize("format_string", sorted(FORMATS))
@pytest.mark.parametrize("zone", ["Europe/London", "UTC", "Asia/Kolkata"])
def test_spelled_out_date_formats_match_djangos(settings, format_string, zone):
    settings.TIME_ZONE = zone
    for moment in MOMENTS:
        local = timezone.localtime(moment)
        assert date(moment, format_string) == dateformat.format(local, format_string)


def test_other_formats_and_empty_dates(settings):
    settings.TIME_ZONE = "Europe/London"
    moment = datetime(2026, 7, 4, 15, 0, tzinfo=UTC)
    assert date(moment, "l jS F") == "Saturday 4th July"
    assert date(None, "j M Y") == ""
