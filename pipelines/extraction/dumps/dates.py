"""The date a text dump shows next to its headline.

A page prints many dates (today's in the masthead, the comments', related stories'), and only the
byline's is the article's: it sits between the headline and the first paragraph, or just around
them. In a dump that keeps the page's lines it is often a line of its own (the timestamp rules in
`reader` take those); in a flattened dump it is glued to the byline ("By Ann Lee April 5, 2018 |
6:00 PM"), so the region is searched inside the sentences the dump printed.

Where: from the headline on to just past the first paragraph's start, and the few sentences
above it. Which:
- a date the byline calls the publication's ("Posted by Ann Lee on 2019-02-15", "Veröffentlicht:
  26.12.2022") wins; one it calls an update ("Updated Jul 24, 2018") is taken only when the page
  shows no other date there;
- else the first date after the headline, else the nearest before it. A flattened dump may print
  the headline at the end of one long sentence of menus and teasers, each teaser with its date
  ("... 28 février 2019 à 17:44 Le journal du jour ... Screenshot : «Vape Wave»"): what that
  sentence holds before the headline is read as before it, after the byline below it;
- inside the article's paragraphs only a date at a block's start (a byline glued to the text) or
  labelled counts: "el pasado 21 de agosto de 2021" in the second paragraph is a mention.

How: English dates keep their clock time and offset (`dates.visible.parse_shown_date`); dates
written with a month's name in other languages come from `dates.written` (then htmldate's
multilingual patterns), numeric dates from `dates.numeric`, whose day-month order is read from the
page's own evidence (its other dates, language, URL, a 12-hour clock), and left unread without any.

The timestamp lines elsewhere (a date alone on its line) are read by `reader`; two places tell an
unlabelled one for another item's: inside the article's text (`inside_text`) and among dates of
other days after it (`dated_list_after`).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from pipelines.extraction.dates.labels import OTHER_EVENT_LABEL, DateLabel, label_before
from pipelines.extraction.dates.numeric import NUMERIC_DATE, NumericOrder, read_numeric
from pipelines.extraction.dates.parsing import TIME_RE, PartialDate, make_date
from pipelines.extraction.dates.visible import parse_shown_date
from pipelines.extraction.dates.written import YEAR_END, parse_written_date
from pipelines.extraction.dumps.lines import DumpLine, LineKind, n_words
from pipelines.extraction.dumps.printed_sentences import printed_groups

# A year, and how much text around it a written date with its clock time can take.
_YEAR = re.compile(rf"(?<!\d)(?:19|20)\d{{2}}{YEAR_END}")
BEFORE_YEAR = 40
AFTER_YEAR = 30
# A clock time written after a date's year, which belongs to that date.
_CLOCK_AFTER = re.compile(rf"[\s,|@–-]*(?:at\s+)?{TIME_RE}", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
# Printed sentences before the headline (a kicker, a dateline above it) and after the first paragraph's start.
BEFORE_HEADLINE = 3
AFTER_START = 2
# How far before the headline a flattened dump's date can be its byline's, in characters.
MAX_BEFORE = 2000
# A date inside the article's paragraphs is the article's only where a byline glued to them puts it: at a block's
# start, or after a byline's word for it (`Posted by Ann Lee on 2019-02-15`); elsewhere the text mentions a date.
BODY_PREFIX = 60
# The words a byline puts before its dates, read in the few characters before a date's year.
LABEL_REACH = 60
# A period's first day and the word or dash that leads to its last, right before a date ("vom 9.1. -
# 10.2.2023", "9-23 Feb 2017", "9. bis 23. Februar 2017"): the date ends an event's period (an
# exhibition, an offer, a sign-up), and a byline prints a day, not a period. So does a label that
# names another event's date ("Expires: 18 June 2015", "Deadline: 15. März 2020", `OTHER_EVENT_LABEL`).
# Read up to a numeric date's start or, for a year read with the words around it, up to the year,
# its day and month between.
_PERIOD_TO = r"(?<![\d:.])[0-3]?\d\.?(?:[01]?\d\.)?\s*(?:[-–—]|bis|to|until|au|al)\s*"
_ANOTHER_EVENT = rf"(?:{_PERIOD_TO}|{OTHER_EVENT_LABEL}\s*)"
_DAY_AND_MONTH = r"(?:[0-3]?\d\.?\s*[^\W\d_]{3,}\.?,?|[^\W\d_]{3,}\.?\s+[0-3]?\d,?|[0-3]?\d\.[01]?\d\.|[0-3]?\d,)"
_EVENT_BEFORE_NUMERIC = re.compile(rf"{_ANOTHER_EVENT}$", re.IGNORECASE)
_EVENT_BEFORE_YEAR = re.compile(rf"{_ANOTHER_EVENT}{_DAY_AND_MONTH}\s*$", re.IGNORECASE)
EVENT_REACH = 40
# A date line with this many of the article's words on both sides of it stands inside the text, far from
# the byline above it and the foot below it: a cited source's, a picture's, a teaser's among the paragraphs.
MENTION_WORDS = 150
# The lines either side of a date line after the article read for the other dates of a list, at its
# first few date lines (a page of thousands of stamps of one day would cost thousands of readings).
LIST_NEIGHBOURS = 3
LIST_STAMPS = 5


@dataclass(frozen=True)
class _Candidate:
    value: PartialDate
    distance: int
    """Characters between the headline's start and the date's year, before or after it."""
    label: DateLabel | None
    after: bool


def _read_window(window: str) -> PartialDate | None:
    found = parse_shown_date(window) or parse_written_date(window)
    if found is None:
        # Imported here: htmldate's import takes a tenth of a second, and most dumps' dates
        # are read without it.
        from htmldate.extractors import regex_parse

        parsed = regex_parse(window)
        found = make_date(parsed.year, parsed.month, parsed.day) if parsed else None
    return found


def _inside(position: int, matches: list[re.Match[str]]) -> bool:
    """Whether `position` falls in one of `matches`, found in order and apart; found by bisection,
    as a page of many numeric dates ("12.12.2022 - 12:00" repeated) has as many years in them."""
    index = bisect.bisect_right(matches, position, key=lambda match: match.start()) - 1
    return index >= 0 and position < matches[index].end()


def _dates(
    text: str, order: NumericOrder, wanted: Callable[[int, DateLabel | None], bool] = lambda position, label: True
) -> Iterator[tuple[int, PartialDate, DateLabel | None]]:
    """The dates written in `text` with where they are and their label, in reading order, of those
    that `wanted` (given a date's place and label) keeps: reading a date costs, and a flattened
    page's one sentence may print thousands that the caller would drop.

    A numeric date is read as a whole, its order settled by the page; a year outside one is read
    with the words around it.
    """
    numeric = list(NUMERIC_DATE.finditer(text))
    anchors: list[re.Match[str]] = numeric + [match for match in _YEAR.finditer(text) if not _inside(match.start(), numeric)]
    anchors.sort(key=lambda match: match.start())
    previous_end = 0
    for match in anchors:
        label = label_before(text[max(previous_end, match.start() - LABEL_REACH) : match.start()])
        if not wanted(match.start(), label) or _another_events(text, match, previous_end):
            found = None
        elif match.re is NUMERIC_DATE:
            found = read_numeric(match, order)
        else:
            found = _read_window(text[max(previous_end, match.start() - BEFORE_YEAR) : match.end() + AFTER_YEAR])
        if found is not None:
            yield match.start(), found, label
        # The previous date's clock time is not this one's (`Updated Jul 24, 2018, 2:15pm EDT | Published April 5, 2018`).
        clock = _CLOCK_AFTER.match(text, match.end())
        previous_end = clock.end() if clock else match.end()


def _another_events(text: str, match: re.Match[str], previous_end: int) -> bool:
    """Whether the date at `match` (a numeric date or a year) is the last day of a period or labelled
    another event's (see `_ANOTHER_EVENT`)."""
    before = text[max(previous_end, match.start() - EVENT_REACH) : match.start()]
    return bool((_EVENT_BEFORE_NUMERIC if match.re is NUMERIC_DATE else _EVENT_BEFORE_YEAR).search(before))


def _unit_starts(unit_texts: Sequence[str]) -> list[int]:
    """Where each unit starts in the sentence they print (joined by spaces)."""
    return [0, *itertools.accumulate(len(text) + 1 for text in unit_texts[:-1])]


def _counted_after(headline_at: int, starts: list[int]) -> Callable[[int, DateLabel | None], bool]:
    """Which dates of a sentence after the headline count: those from `headline_at` on (the headline's
    place in its own sentence), and in the article's sentences (`starts`: where their units start)
    only those at a unit's start or labelled (see `BODY_PREFIX`)."""

    def counted(position: int, label: DateLabel | None) -> bool:
        if position < headline_at:
            return False
        return not starts or label is not None or position - starts[bisect.bisect_right(starts, position) - 1] <= BODY_PREFIX

    return counted


def _choose(candidates: list[_Candidate]) -> PartialDate | None:
    """A date its byline calls the publication's, else the first after the headline, else the nearest
    before it; a date it calls an update only when the page shows no other."""
    kept = [candidate for candidate in candidates if candidate.label is not DateLabel.UPDATED]
    for pool in (
        [candidate for candidate in kept if candidate.label is DateLabel.PUBLISHED],
        [candidate for candidate in kept if candidate.after],
        kept,
        candidates,
    ):
        if pool:
            return min(pool, key=lambda candidate: candidate.distance).value
    return None


def _dated_above(stamps: set[int], first: int, region: range, sentence: Callable[[int], str], order: NumericOrder) -> bool:
    """Whether a timestamp line just above the headline is the byline's: a blog prints "21 September
    2020 · SQL" over its title, and no date follows the headline (a masthead prints today's date
    above a headline whose byline dates it)."""
    if not any(index in stamps for index in range(max(first - BEFORE_HEADLINE, 0), first)):
        return False
    after = range(first, min(first + AFTER_START + 1, region.stop))
    return all(next(_dates(sentence(index), order), None) is None for index in after)


def _sentences_above(first: int, sentence: Callable[[int], str]) -> Iterator[int]:
    """The `BEFORE_HEADLINE` printed sentences above sentence `first`, nearest first, and the lines
    without a letter among them: a view count ("158"), a bullet or a separator a terminal browser
    prints a line each between the byline and the headline are no sentence, and counted they kept
    the byline's date out of reach."""
    counted = 0
    for index in range(first - 1, -1, -1):
        if counted == BEFORE_HEADLINE:
            return
        yield index
        counted += _LETTER.search(sentence(index)) is not None


def shown_date(
    lines: Sequence[DumpLine],
    texts: Sequence[str],
    headline: int | None,
    start: int,
    order: NumericOrder,
) -> PartialDate | None:
    """The date written by the headline (unit index, when found) and the article's first unit
    `start`; see the module's notes. `texts` are the units' texts as printed (a headline cut from
    its unit keeps what preceded it there). None when a date there is a line of its own (a
    timestamp unit): the timestamp rules read it with its label and clock time, which a date
    written in a teaser or byline of the same day may lack. `order` reads numeric dates."""
    groups = printed_groups(lines)
    group_of = {unit: number for number, units in enumerate(groups) for unit in units}
    stamps = {group_of[index] for index, line in enumerate(lines) if line.kind == LineKind.TIMESTAMP}

    def sentence(index: int) -> str:
        return " ".join(texts[unit] for unit in groups[index])

    body_group = group_of[start]
    title_group = group_of[headline] if headline is not None else None
    offset = 0
    if headline is not None and title_group is not None and title_group <= body_group:
        first = title_group
        units = groups[title_group]
        offset = len(" ".join(texts[unit] for unit in units[: units.index(headline)]))
    else:
        first = max(0, body_group - 5)
    region = range(first, min(body_group + AFTER_START + 1, len(groups)))
    if any(index in stamps for index in region) or _dated_above(stamps, first, region, sentence, order):
        return None
    candidates = []
    # After the headline: its own sentence from where it starts, then the next ones.
    reach = -offset
    for index in region:
        text = sentence(index)
        in_body = index >= body_group and index != first
        starts = _unit_starts([texts[unit] for unit in groups[index]]) if in_body else []
        for position, value, label in _dates(text, order, _counted_after(offset if index == first else 0, starts)):
            candidates.append(_Candidate(value, reach + position, label, after=True))
        reach += len(text) + 1
    # Before it: what its sentence holds before it, then the sentences above, up to a timestamp line.
    above = [sentence(first)[:offset]]
    for index in _sentences_above(first, sentence):
        if index in stamps:
            break
        above.append(sentence(index))
    reach = 0
    for text in above:
        for position, value, label in _dates(text[-MAX_BEFORE:], order):
            candidates.append(_Candidate(value, reach + min(len(text), MAX_BEFORE) - position, label, after=False))
        reach += len(text) + 1
        if reach > MAX_BEFORE:
            break
    return _choose(candidates)


def inside_text(lines: Sequence[DumpLine], start: int, positions: Sequence[int]) -> set[int]:
    """Which of the timestamp lines at `positions` stand inside the article's text, which opens at unit
    `start`: past `MENTION_WORDS` of its kept words and as many before its last. A byline's date sits
    by the headline or at the article's foot; one among its paragraphs is a date the page shows for
    something else ("Ministry for the Environment. 1 July 2009. Retrieved 26 April 2011." in a flattened
    dump's references, a picture's "April 3, 2019", a teaser's date between kept paragraphs)."""
    before = [0]
    for line in lines:
        kept = line.kind == LineKind.CONTENT and line.position >= start
        before.append(before[-1] + (n_words(line.text) if kept else 0))
    total = before[-1]
    return {
        position
        for position in positions
        if position > start and before[position] >= MENTION_WORDS and total - before[position + 1] >= MENTION_WORDS
    }


def dated_list_after(lines: Sequence[DumpLine], stamps: Sequence[tuple[int, PartialDate]], order: NumericOrder) -> set[int]:
    """Which of the timestamp lines `stamps` (positions and dates) stand after the article's last kept
    line among other dates of other days: a list of items each with its date (the readers' comments,
    the next stories, an archive), not the article's foot, which prints its one date (maybe twice).
    The other dates may be stamps too, or written in the lines next to one ("Yahoo's Sale to Verizon
    Ends an Era JULY 24, 2016", a flattened dump's items glued to their dates); `order` reads those."""
    last = max((line.position for line in lines if line.kind == LineKind.CONTENT), default=None)
    if last is None:
        return set()
    after = [(position, value) for position, value in stamps if position > last]
    days = {_day(value) for _, value in after}
    if len(days) == 1:
        days |= {_day(value) for value in _dates_beside(lines, [position for position, _ in after[:LIST_STAMPS]], order)}
    return {position for position, _ in after} if len(days) > 1 else set()


def _day(value: PartialDate) -> tuple[int, int | None, int | None]:
    return value.year, value.month, value.day


def _dates_beside(lines: Sequence[DumpLine], positions: Sequence[int], order: NumericOrder) -> Iterator[PartialDate]:
    """The dates written in the lines next to those at `positions` (`LIST_NEIGHBOURS` either side)."""
    for position in positions:
        for index in range(max(position - LIST_NEIGHBOURS, 0), min(position + LIST_NEIGHBOURS + 1, len(lines))):
            if index != position:
                yield from (value for _, value, _ in _dates(lines[index].text, order))
