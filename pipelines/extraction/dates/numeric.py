"""Dates written in numbers only (`9/11/13 10:00AM`, `10.15.15`, `21/09/2020`, `2013/09/11`): which number is the day.

Year first (`2013/09/11`) is year-month-day. Otherwise the order is certain when one of the two
numbers is above 12 (`10.15.15`, `13/6/2018`) or both are the same. When both could be a month
(`3/4/13`), the page must say which convention it writes; the evidence is read in this order:

1. The page's other numeric dates. When those with a number above 12 all have it in the same place,
   the page writes that order: a site keeps one convention (a list of `09.28.15`, `09.22.15` teasers
   dates its `10.03.15` byline month first).
2. The page's language. Every language but English writes the day first; month first is the US usage.
   A page whose template comes from a US system (an Austrian site printing `05/08/2019` for May 8)
   is read the wrong way round; on the pages measured, non-English slashed dates were day first
   (WordPress's `d/m/Y`) far more often.
3. For an English page, the URL's country domain: `.uk`, `.ie`, `.au`, `.nz`, `.in`, `.za` and the
   other day-first English-speaking countries write the day first, `.us` the month.
4. For an English page (or one of unknown language), a 12-hour clock printed with the date (`9/11/13 10:00AM`): month first, the
   US convention. This is the weakest sign: Australian, Irish or Indian pages print 12-hour clocks
   with day-first dates too, and a dump rarely tells where it came from; such a page with both
   numbers at most 12, no other numeric date and no country domain is read month first.

Without any of these the date is left unread (`None`): no day is better than a wrong one. Two-digit
years are 20xx unless that lies more than a year ahead (then 19xx); dashes with a two-digit year
(`11-09-13`) are too often scores, ranges or codes to be read as dates.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from pipelines.extraction.dates.parsing import PartialDate, make_date


class Order(enum.Enum):
    MONTH_FIRST = "month-first"
    DAY_FIRST = "day-first"


NUMERIC_DATE = re.compile(
    r"(?<![\w.,/:-])(?:(?P<y4>(?:19|20)\d{2})(?P<ysep>[./])(?P<ymonth>\d{1,2})(?P=ysep)(?P<yday>\d{1,2})"
    r"|(?P<first>\d{1,2})(?P<sep>[./-])(?P<second>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d{2}|\d{2}))"
    r"(?![\w/-]|[.,:]\d)"
    r"(?:\s*(?:,|at|@|-|–|\|)?\s*(?P<hour>[0-2]?\d):(?P<minute>[0-5]\d)(?!\d)\s*(?P<ampm>[ap]\.?m\b\.?)?)?",
    re.IGNORECASE,
)
DAY_FIRST_DOMAINS = frozenset({"uk", "ie", "au", "nz", "in", "za", "ng", "ke", "gh", "pk", "sg", "my", "lk", "jm", "tt"})
MONTH_FIRST_DOMAINS = frozenset({"us"})


def _full_year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 4:
        return year
    return 2000 + year if 2000 + year <= datetime.now(UTC).year + 1 else 1900 + year


def _is_date(match: re.Match[str]) -> bool:
    """A day-month pair with a year, not a two-digit year behind dashes (a score, a range, a code)."""
    return bool(match["y4"]) or not (match["sep"] == "-" and len(match["year"]) == 2)


def _certain(first: int, second: int) -> Order | None:
    if first > 12 >= second:
        return Order.DAY_FIRST
    if second > 12 >= first:
        return Order.MONTH_FIRST
    return None


class NumericOrder:
    """The evidence a page gives for its numeric dates' order (see the module's notes)."""

    def __init__(self, texts: Iterable[str], language: str | None, url: str | None) -> None:
        self._texts = texts
        self._language = language
        self._url = url

    @functools.cached_property
    def page_order(self) -> Order | None:
        """The order the page's numeric dates with a number above 12 agree on, if they do."""
        seen = set()
        for text in self._texts:
            for match in NUMERIC_DATE.finditer(text):
                if match["first"] and _is_date(match) and int(match["first"]) <= 31 and int(match["second"]) <= 31:
                    order = _certain(int(match["first"]), int(match["second"]))
                    if order is not None:
                        seen.add(order)
        return seen.pop() if len(seen) == 1 else None

    def _domain_order(self) -> Order | None:
        domain = (urlsplit(self._url).hostname or "").rsplit(".", 1)[-1] if self._url else ""
        if domain in DAY_FIRST_DOMAINS:
            return Order.DAY_FIRST
        if domain in MONTH_FIRST_DOMAINS:
            return Order.MONTH_FIRST
        return None

    def order_of(self, match: re.Match[str]) -> Order | None:
        """The order of one numeric date: its own numbers, else the evidence in the module's order."""
        first, second = int(match["first"]), int(match["second"])
        order = _certain(first, second)
        if order is not None or first == second:
            return order or Order.DAY_FIRST
        if self.page_order is not None:
            return self.page_order
        if self._language and self._language != "en":
            return Order.DAY_FIRST
        if self._domain_order() is not None:
            return self._domain_order()
        return Order.MONTH_FIRST if match["ampm"] else None


def read_numeric(match: re.Match[str], evidence: NumericOrder) -> PartialDate | None:
    """The date a `NUMERIC_DATE` match writes, with its clock time; None when its order is unknown or it is no date."""
    if not _is_date(match):
        return None
    if match["y4"]:
        year, month, day = int(match["y4"]), int(match["ymonth"]), int(match["yday"])
    else:
        order = evidence.order_of(match)
        if order is None:
            return None
        first, second = int(match["first"]), int(match["second"])
        year = _full_year(match["year"])
        month, day = (first, second) if order is Order.MONTH_FIRST else (second, first)
    hour = minute = None
    if match["hour"]:
        hour, minute = int(match["hour"]), int(match["minute"])
        ampm = (match["ampm"] or "").replace(".", "").lower()
        if ampm and not 1 <= hour <= 12:
            hour = None
        elif ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    if hour is None:
        return make_date(year, month, day)
    return make_date(year, month, day, hour, minute) or make_date(year, month, day)
