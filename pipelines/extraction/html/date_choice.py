"""Which published date is the publisher's own, when a page states several.

The candidates arrive best first (JSON-LD, `<meta>`, `<time datetime>`, the URL's date, htmldate)
and the first usually wins. Two things on real pages make the first one wrong, and both are
checked against what else the page says (the dates it shows readers, its URL's date, its other
structured dates), never against a guess:

- The publisher's day. A structured date given in UTC (`2023-11-09T03:28Z`) may fall on another day
  than the one the publisher printed (`Nov. 8, 2023, 10:28 PM EST`). The instant is kept and written
  at the publisher's offset when the page states one anywhere: the same instant elsewhere with an
  offset, a shown clock time, or the offset of the page's other dates (see `publisher_time`). When the page gives only the
  day (its URL, a shown date without a time), that day is kept without a time: an offset we cannot
  read is not made up.
- Re-publication. A structured `datePublished` later than a day both the URL and the shown dates
  (or two other sources, one of them URL or shown) agree on is a re-publication; the original date
  is kept and a warning names the date that was passed over.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from foundation.vocabulary import DateSource
from pipelines.extraction.dates.parsing import PartialDate
from pipelines.extraction.fields import DatedValue

# Offsets in use on Earth; what lies outside is not a time zone, so not an explanation for a gap.
MIN_OFFSET = -12 * 60
MAX_OFFSET = 14 * 60
WESTMOST_NEWSROOM = -10 * 60
SAME_INSTANT = timedelta(minutes=2)
SAME_WEEK = timedelta(days=7)
_INFERRED = (DateSource.URL, DateSource.HTMLDATE)


def _precision(value: PartialDate) -> int:
    return 2 if value.is_instant else 1 if value.hour is not None else 0


def _days_reachable(value: PartialDate) -> set[date]:
    """Local days on which a UTC instant can fall at a news publisher's offset.

    West of Hawaii (-10:00) lie only a few islands; stopping there keeps a URL dated the day
    before (a draft's slug) from being read as a publisher's day for most morning instants.
    """
    utc = value.as_utc()
    return {(utc + timedelta(minutes=offset)).date() for offset in (WESTMOST_NEWSROOM, 0, MAX_OFFSET)}


def _shown_offset(value: PartialDate, shown: PartialDate | None) -> int | None:
    """The offset a shown local clock time without a zone implies for the same instant (0: it is UTC)."""
    if shown is None or shown.hour is None or shown.offset_minutes is not None:
        return None
    local = datetime(shown.year, shown.month, shown.day, shown.hour, shown.minute or 0, tzinfo=UTC)
    minutes = round((local - value.as_utc().replace(second=0)).total_seconds() / 60)
    if minutes % 15 == 0 and MIN_OFFSET <= minutes <= MAX_OFFSET:
        return minutes
    return None


def _same_wall_clock(a: PartialDate, b: PartialDate) -> bool:
    return (a.year, a.month, a.day, a.hour, a.minute) == (b.year, b.month, b.day, b.hour, b.minute)


def publisher_time(value: PartialDate, others: list[PartialDate], shown: PartialDate | None) -> PartialDate | None:
    """A UTC-stated instant as the publisher wrote it, when the page states their offset; else None.

    In order: the same instant stated elsewhere with an offset; the same wall-clock time stated with
    an offset (the `Z` was pasted onto local time, a common CMS slip); the offset a shown clock
    time implies; the offset of the page's other dates from the same week (a week keeps clear of
    most daylight-saving changes).
    """
    zoned = [(other, other.offset_minutes) for other in others if other.is_instant and other.offset_minutes]
    for other, offset in zoned:
        if abs(other.as_utc() - value.as_utc()) <= SAME_INSTANT:
            return value.at_offset(offset)
    for other, _ in zoned:
        if _same_wall_clock(other, value):
            return other
    implied = _shown_offset(value, shown)
    if implied is not None:
        return value.at_offset(implied)
    for other, offset in zoned:
        if abs(other.as_utc() - value.as_utc()) <= SAME_WEEK:
            return value.at_offset(offset)
    return None


def _in_publisher_day(first: DatedValue, others: list[PartialDate], url_day: PartialDate | None, shown: PartialDate | None) -> DatedValue:
    value = first.value
    if not value.is_instant or value.offset_minutes != 0:
        return first
    restated = publisher_time(value, others, shown)
    if restated is not None:
        return DatedValue(restated, first.source)
    for day, source in ((url_day, DateSource.URL), (shown, DateSource.VISIBLE)):
        if day is not None and day.calendar_day != value.calendar_day and day.calendar_day in _days_reachable(value):
            return DatedValue(PartialDate(day.year, day.month, day.day), source)
    return first


def _best_on(day: date, candidates: list[DatedValue]) -> DatedValue:
    """The most precise of the candidates on `day` (one of the candidates' days)."""
    on_day = [c for c in candidates if c.value.calendar_day == day]
    return max(on_day, key=lambda c: _precision(c.value))


def _original(
    first: DatedValue, others: list[DatedValue], url_day: PartialDate | None, shown: list[PartialDate], warnings: list[str]
) -> DatedValue:
    if first.source in _INFERRED:
        return first
    evidence = [c for c in others if c.source not in _INFERRED]
    evidence += [DatedValue(value, DateSource.VISIBLE) for value in shown]
    if url_day is not None:
        evidence.append(DatedValue(url_day, DateSource.URL))
    if any(c.value.calendar_day == first.value.calendar_day for c in evidence if c.source in (DateSource.URL, DateSource.VISIBLE)):
        return first
    for day in sorted({c.value.calendar_day for c in evidence if c.value.calendar_day < first.value.calendar_day}):
        kinds = {c.source for c in evidence if c.value.calendar_day == day}
        if len(kinds) >= 2 and kinds & {DateSource.URL, DateSource.VISIBLE}:
            original = _best_on(day, evidence)
            warnings.append(
                f"published date {first.value.iso()} ({first.source}) looks like a re-publication; "
                f"the page's original date {original.value.iso()} kept"
            )
            return original
    return first


def choose(
    published: list[DatedValue], modified: list[DatedValue], url_day: PartialDate | None, shown: list[PartialDate], warnings: list[str]
) -> tuple[list[DatedValue], list[DatedValue]]:
    """The candidates reordered and rewritten so that the first is the publisher's own date."""
    if not published:
        return published, modified
    others = [c.value for c in published[1:] + modified] + shown
    first = _in_publisher_day(published[0], others, url_day, shown[0] if shown else None)
    first = _original(first, published[1:], url_day, shown, warnings)
    if modified and modified[0].value.is_instant and modified[0].value.offset_minutes == 0:
        latest = modified[0]
        restated = publisher_time(latest.value, [first.value, *others], None)
        if restated is not None:
            modified = [DatedValue(restated, latest.source), *modified[1:]]
    return [first, *published[1:]], modified
