"""A dump of thousands of lines is split into units in time that grows with its length, not with
its square: a report wrapped at a fixed width into one paragraph, a page of links printed one a
line, a poem's or a transcript's lower-case lines, a Markdown table's row of empty cells; and a flattened page of thousands of dates or
bylines is read so.

Each shape is timed at two sizes in the same run, and the ratio is what is asserted: four times the
lines take about four times the CPU (a joined line copied or rescanned at every line took sixteen
times, 62 s for a 630 kB wrapped report). The outputs are checked too, so that a faster form that
reads less gives the units the dump holds.
"""

from __future__ import annotations

import random
import string
import textwrap
import time
from collections.abc import Callable

import pytest

from pipelines.extraction.dumps.reader import extract_text
from pipelines.extraction.dumps.units import split_units

SMALL = 2000
LARGE = 4 * SMALL
# Linear work gives about 4 between the two sizes, quadratic about 16.
MAX_RATIO = 8


def _words(seed: int) -> Callable[[int], str]:
    picker = random.Random(seed)
    vocabulary = ["".join(picker.choice(string.ascii_lowercase) for _ in range(picker.randint(2, 9))) for _ in range(3000)]
    return lambda count: " ".join(picker.choice(vocabulary) for _ in range(count))


def _wrapped_report(lines: int) -> str:
    words = _words(1)
    prose = " ".join(words(11).capitalize() + "." for _ in range(lines // 2))
    return "\n".join(textwrap.wrap(prose, 72))


def _links_page(lines: int) -> str:
    words = _words(2)
    return "\n".join(f"[{words(1)}](https://example.com/{number})" for number in range(lines))


def _lower_case_lines(lines: int) -> str:
    words = _words(3)
    return "\n".join(words(6) for _ in range(lines))


def _table_of_empty_cells(cells: int) -> str:
    """A Markdown table whose row holds a run of empty cells between two words (a flattened layout)."""
    return "# Plans\n\n## Prices\n\n| Plan | Price |\n| --- | --- |\n| Basic" + " |" * cells + " 5 |\n"


def _cpu_seconds(text: str, read: Callable[[str], object] = split_units) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        read(text)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("shape", [_wrapped_report, _links_page, _lower_case_lines, _table_of_empty_cells])
def test_four_times_the_lines_take_about_four_times_the_time(shape: Callable[[int], str]) -> None:
    small, large = shape(SMALL), shape(LARGE)
    ratio = _cpu_seconds(large) / max(_cpu_seconds(small), 1e-4)
    assert ratio < MAX_RATIO, f"{shape.__name__}: {LARGE} lines took {ratio:.1f} times the CPU of {SMALL}"


# Flattened pages whose one line repeats a date or a byline: each numeric date's year was looked for
# among all the page's dates (150 s for 66,000 stamps), and each "by" split all the line after it.
@pytest.mark.parametrize("repeated", ["12.12.2022 - 12:00 ", "Posted on 2019-02-15 by Ann "])
def test_a_flattened_page_of_dates_or_bylines_is_read_in_time_that_grows_with_its_length(repeated: str) -> None:
    def page(count: int) -> str:
        return "A headline for a flattened page\n" + repeated * count

    ratio = _cpu_seconds(page(LARGE), extract_text) / max(_cpu_seconds(page(SMALL), extract_text), 1e-4)
    assert ratio < MAX_RATIO, f"{repeated!r} {LARGE} times took {ratio:.1f} times the CPU of {SMALL}"


def test_a_wrapped_report_is_one_paragraph_with_every_word() -> None:
    text = _wrapped_report(LARGE)
    units = split_units(text)
    assert " ".join(unit.text for unit in units) == " ".join(text.split())
    assert {unit.source for unit in units} == {0}


def test_a_page_of_links_keeps_a_unit_per_link() -> None:
    text = _links_page(LARGE)
    units = split_units(text)
    assert [unit.text for unit in units] == [line[1 : line.index("]")] for line in text.splitlines()]


def test_lower_case_lines_of_running_text_are_joined_into_one() -> None:
    text = _lower_case_lines(LARGE)
    units = split_units(text)
    assert " ".join(unit.text for unit in units) == " ".join(text.split())
    assert len({unit.source for unit in units}) == 1
