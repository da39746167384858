"""``format: date-time`` as sites write it (RFC 3339 and YAML timestamps), calendar-checked."""

from __future__ import annotations

import pytest

from yeplint.config.page_schemas import is_site_date_time


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("2024-02-01T09:00:00Z", True),
        ("2019-01-01T00:00:00+01:00", True),
        ("2018-08-17 12:56:24 -0400", True),  # Jekyll and Hugo: space, offset without colon
        ("2024-02-01 9:05", True),
        ("2024-02-01T09:00:00.123456Z", True),
        ("2024-02-01", True),  # a date alone: the generators read it as midnight
        ("2024-02-30 09:00:00 +0000", False),  # no such day
        ("2023-02-29T00:00:00Z", False),
        ("2024-02-01T24:00:00Z", False),
        ("2024-02-01T09:60:00Z", False),
        ("2024-02-01T09:00:00+25:00", False),
        ("2024-2-1 09:00", False),
        ("yesterday", False),
        ("", False),
    ],
)
def test_site_date_time(text: str, valid: bool) -> None:
    assert is_site_date_time(text) is valid
