"""Date parsing that keeps only the precision a source had.

Every extractor funnels its date strings through `parse_date`, which returns a `PartialDate`;
`PartialDate.iso()` renders `2022-01-22`, `2024-06-22T05:07` or `2023-10-31T08:34+01:00`
(seconds only when non-zero, offsets as ±HH:MM). Nothing here fills in a missing year, time or
offset: a value that cannot be pinned down is not a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_tz
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MIN_YEAR = 1990
# Clock skew between publishers and us is real; anything further ahead is a parsing accident.
MAX_FUTURE = timedelta(days=2)

WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag", "mittwoch"}
    | {"donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
)
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
MONTH_PATTERN = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# An English weekday's name or abbreviation ("Friday", "Thu"), lower-case: callers say how it is cased.
WEEKDAY_PATTERN = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|satur|sun)(?:day)?"

# Zone abbreviations news sites print after a clock time (`10:28 PM EST`). Only unambiguous-enough
# ones: `IST` (India, Ireland, Israel) is left out. The bare US zones change offset with daylight
# saving, so they are resolved through the tz database at the stated local time.
FIXED_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "AKST": -540,
    "AKDT": -480,
    "HST": -600,
    "BST": 60,
    "WET": 0,
    "WEST": 60,
    "CET": 60,
    "CEST": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "JST": 540,
    "KST": 540,
    "HKT": 480,
    "SGT": 480,
    "AEST": 600,
    "AEDT": 660,
    "ACST": 570,
    "AWST": 480,
    "NZST": 720,
    "NZDT": 780,
}
NAMED_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}
_ZONE_NAMES = "|".join(sorted([*FIXED_ZONES, *NAMED_ZONES], key=len, reverse=True))
# Abbreviations are matched in capitals only: `et` is a word in French and Latin.
ZONE_PATTERN = rf"(?:(?:UTC|GMT)\s*[+-]\d{{1,2}}(?::?\d{{2}})?|(?-i:{_ZONE_NAMES})\b|[+-]\d{{2}}:?\d{{2}})"


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int
    day: int
    hour: int | None = None
    minute: int | None = None
    second: int = 0
    offset_minutes: int | None = None

    def iso(self) -> str:
        text = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.hour is None:
            return text
        text += f"T{self.hour:02d}:{self.minute or 0:02d}"
        if self.second:
            text += f":{self.second:02d}"
        if self.offset_minutes is not None:
            sign = "+" if self.offset_minutes >= 0 else "-"
            hours, minutes = divmod(abs(self.offset_minutes), 60)
            text += f"{sign}{hours:02d}:{minutes:02d}"
        return text

    def as_utc(self) -> datetime:
        """A comparable instant; a naive or date-only value is read as UTC, which is close enough for sanity checks."""
        moment = datetime(self.year, self.month, self.day, self.hour or 0, self.minute or 0, self.second, tzinfo=UTC)
        return moment - timedelta(minutes=self.offset_minutes or 0)

    @property
    def calendar_day(self) -> date:
        """The calendar day as the source wrote it (its own offset, not UTC's)."""
        return date(self.year, self.month, self.day)

    @property
    def is_instant(self) -> bool:
        return self.hour is not None and self.offset_minutes is not None

    def at_offset(self, offset_minutes: int) -> PartialDate:
        """The same instant written at another UTC offset (`22:28-05:00` for `03:28Z`)."""
        local = self.as_utc() + timedelta(minutes=offset_minutes)
        return PartialDate(local.year, local.month, local.day, local.hour, local.minute, local.second, offset_minutes)


def make_date(
    year: int, month: int, day: int, hour: int | None = None, minute: int | None = None, second: int = 0, offset_minutes: int | None = None
) -> PartialDate | None:
    try:
        date(year, month, day)
    except ValueError:
        return None
    if hour is not None and not (0 <= hour <= 23 and 0 <= (minute or 0) <= 59 and 0 <= second <= 60):
        return None
    if offset_minutes is not None and abs(offset_minutes) > 14 * 60:
        return None
    return PartialDate(year, month, day, hour, minute, min(second, 59), offset_minutes)


def _offset(text: str | None) -> int | None:
    """Minutes east of UTC for `Z`, `+05:30`, `-0400`, `GMT+2` or a fixed-offset abbreviation (`EST`)."""
    if not text:
        return None
    text = text.strip()
    if text.upper() in ("Z", "UTC", "GMT"):
        return 0
    if text in FIXED_ZONES:
        return FIXED_ZONES[text]
    match = re.fullmatch(r"(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?", text, re.IGNORECASE)
    if not match:
        return None
    minutes = int(match[2]) * 60 + int(match[3] or 0)
    return -minutes if match[1] == "-" else minutes


def _zone_offset(name: str | None, local: datetime) -> int | None:
    """The offset of a named zone (`ET`) at a local wall-clock time; None when the tz database lacks it."""
    if not name or name not in NAMED_ZONES:
        return _offset(name)
    try:
        zone = ZoneInfo(NAMED_ZONES[name])
    except ZoneInfoNotFoundError:
        return None
    delta = local.replace(tzinfo=zone).utcoffset()
    return int(delta.total_seconds() // 60) if delta is not None else None


ISO_RE = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2}(?!\d))?)?",
    re.IGNORECASE,
)
COMPACT_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<mo>[01]\d)(?P<d>[0-3]\d)(?!\d)")
DOTTED_RE = re.compile(r"(?<!\d)(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4})(?:,?\s+(?P<h>\d{1,2}):(?P<mi>\d{2}))?(?!\d)")
TIME_RE = rf"(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})(?::(?P<s>\d{{2}}))?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<tz>{ZONE_PATTERN})?"
DAY_MONTH_YEAR_RE = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{MONTH_PATTERN})\s*,?\s+(?P<y>\d{{4}})(?!\d)", re.IGNORECASE
)
MONTH_DAY_YEAR_RE = re.compile(rf"\b(?P<mon>{MONTH_PATTERN})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y>\d{{4}})(?!\d)", re.IGNORECASE)
TIME_ANYWHERE_RE = re.compile(rf"(?<![\d:]){TIME_RE}(?![\d:])", re.IGNORECASE)


def _from_match(match: re.Match[str], month: int | None = None) -> PartialDate | None:
    parts = match.groupdict()
    hour = int(parts["h"]) if parts.get("h") else None
    return make_date(
        int(parts["y"]),
        month if month is not None else int(parts["mo"]),
        int(parts["d"]),
        hour,
        int(parts["mi"]) if parts.get("mi") else None,
        int(parts["s"]) if parts.get("s") else 0,
        _offset(parts.get("tz")),
    )


def _with_time(found: PartialDate, text: str) -> PartialDate:
    """Attach a clock time written next to a human-readable date (`05:07 | 22 June 2024`)."""
    match = TIME_ANYWHERE_RE.search(text)
    if not match:
        return found
    hour, minute = int(match["h"]), int(match["mi"])
    ampm = (match["ampm"] or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    second = int(match["s"]) if match["s"] else 0
    try:
        local = datetime(found.year, found.month, found.day, hour, minute)
    except ValueError:
        return found
    return make_date(found.year, found.month, found.day, hour, minute, second, _zone_offset(match["tz"], local)) or found


def parse_date(text: str | None) -> PartialDate | None:
    """Parse one date as written in markup, a feed or a text dump; None when it is not a complete date."""
    if not text:
        return None
    text = text.strip()
    if not text or len(text) > 200:
        return None
    match = ISO_RE.search(text)
    if match:
        return _from_match(match)
    for pattern in (DAY_MONTH_YEAR_RE, MONTH_DAY_YEAR_RE):
        match = pattern.search(text)
        if match:
            found = make_date(int(match["y"]), MONTHS[match["mon"].lower().rstrip(".")], int(match["d"]))
            return _with_time(found, text) if found else None
    match = DOTTED_RE.search(text)
    if match:
        return _from_match(match)
    match = COMPACT_RE.search(text)
    if match:
        return _from_match(match)
    parsed = parsedate_tz(text)
    if parsed:
        year, month, day, hour, minute, second = parsed[:6]
        offset = parsed[9] // 60 if parsed[9] is not None else None
        return make_date(year, month, day, hour, minute, second, offset)
    return None


def plausible(value: PartialDate, now: datetime | None = None) -> bool:
    """Dates before 1990 or more than two days ahead are parsing accidents (epoch zero, typos), not news."""
    now = now or datetime.now(UTC)
    return value.year >= MIN_YEAR and value.as_utc() <= now + MAX_FUTURE
