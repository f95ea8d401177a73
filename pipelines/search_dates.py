"""The date forms search filters accept, checked before a query is sent (no Elasticsearch import).

Elasticsearch would answer `--since yesterday` with its parser's complaint about the format
`strict_date_optional_time||epoch_millis`, which names neither what was wrong nor what works.
The rules are written here, not taken from `datetime.fromisoformat`, because the two disagree:
Python accepts `20240601` and `2024-06-01 12:00`, which Elasticsearch refuses, and refuses
`2024` and `2024-06`, which Elasticsearch reads as a year and a month.
"""

from __future__ import annotations

import re
from datetime import datetime

ACCEPTED_FORMS = (
    "a date or time (2024-06-01, 2024-06, 2024-06-01T12:00, 2024-06-01T12:00:00+02:00) "
    "or date math on now or on a date (now-7d, now-1d/d for the start of yesterday, now/d for today, 2024-06-01||+1M); "
    "units y M w d h m s"
)

_DATE = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d{1,9})?)?)?"
    r"(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?"
)
_MATH = re.compile(r"(?:[+-]\d+[yMwdhHms]|/[yMwdhHms])*")


class DateFormError(ValueError):
    """A date filter in a form Elasticsearch does not read; the message lists the forms it does."""


def check_date(value: str) -> str:
    """`value` unchanged when Elasticsearch reads it as a date or date math; `DateFormError` otherwise."""
    text = value.strip()
    if text.startswith("now"):
        anchor, math = "", text[3:]
    else:
        anchor, _, math = text.partition("||")
    if (anchor and not _is_date(anchor)) or not _MATH.fullmatch(math) or not text:
        raise DateFormError(f"{value!r} is not a date: use {ACCEPTED_FORMS}")
    return text


def _is_date(text: str) -> bool:
    match = _DATE.fullmatch(text)
    if not match:
        return False
    parts = {name: int(number) for name, number in match.groupdict().items() if number and name != "zone"}
    try:
        datetime(
            parts["year"], parts.get("month", 1), parts.get("day", 1), parts.get("hour", 0), parts.get("minute", 0), parts.get("second", 0)
        )
    except ValueError:
        return False
    return True
