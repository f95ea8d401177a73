"""Terminal browsers' wraps (w3m, lynx, links, elinks, pandoc): a paragraph comes out whole where its
lines fill the wrap's last column, where they were full only with the link numbers the browser printed
in them, and where they hold Chinese text, two columns a character."""

from __future__ import annotations

import textwrap

from pipelines.extraction.dumps.units import split_units
from pipelines.extraction.dumps.wrap_reach import columns, first_piece, reach

WORDS = [
    "the",
    "harbour",
    "council",
    "met",
    "on",
    "monday",
    "to",
    "weigh",
    "the",
    "permit",
    "for",
    "a",
    "new",
    "ferry",
    "pier",
    "and",
    "heard",
    "from",
    "fishermen",
    "who",
    "said",
    "the",
    "works",
    "would",
    "close",
    "the",
    "inner",
    "basin",
    "for",
    "a",
    "season",
    "while",
    "the",
    "builders",
    "drove",
    "piles",
    "into",
    "the",
    "old",
    "quay",
    "wall",
    "and",
    "dredged",
    "the",
    "channel",
    "to",
    "take",
    "the",
    "larger",
    "boats",
    "that",
    "the",
    "operator",
    "means",
    "to",
    "bring",
    "in",
]


def _paragraph(seed: int, words: int = 60) -> str:
    return " ".join(WORDS[(seed * 7 + index) % len(WORDS)] for index in range(words)).capitalize() + "."


def _units(dump: str) -> list[str]:
    return [unit.text for unit in split_units(dump)]


def test_reach_is_the_last_column_the_wrap_fills() -> None:
    # Most lines end a column or two short of the width, as words fall; the full ones are its reach.
    lengths = [70] * 30 + [71] * 30 + [72] * 30 + [73] * 30 + [74] * 30 + [75] * 16 + [80, 84]
    assert reach(lengths, 74) == 75
    # Two lines past the percentile's length are overlong ones (a target, a table's row), not the wrap's.
    assert reach([72] * 40 + [73] * 40 + [74] * 40 + [77, 77], 74) == 74


def test_a_line_that_fills_the_last_column_is_joined_to_the_next() -> None:
    # A page's menus and captions print many short lines: the lines that fill the width are then
    # fewer than the twentieth of the dump's that a percentile leaves out.
    menu = "\n".join(f"   {word} {section}" for section in ("news", "sport", "culture") for word in WORDS)
    paragraphs = [textwrap.fill(_paragraph(seed), 74, initial_indent="   ", subsequent_indent="   ") for seed in range(12)]
    heading = "Harbour Council Weighs The Ferry Pier Permit As Fishermen Warn Of Closures"
    dump = "\n\n".join([menu, f"{heading}\nOf The Inner Basin For A Season", *paragraphs])
    assert f"{heading} Of The Inner Basin For A Season" in _units(dump)


def test_a_line_full_with_its_link_numbers_is_joined_to_the_next() -> None:
    # lynx wraps the line with the numbers in it: without them it ends far short of the width.
    paragraphs = [textwrap.fill(_paragraph(seed), 76, initial_indent="   ", subsequent_indent="   ") for seed in range(12)]
    linked = (
        "   The [11]harbour [12]council [13]met [14]to [15]weigh [16]the permit for\n   Nordhavn Harbour Services to build a ferry pier."
    )
    references = "\n".join(f"   {number}. https://example.org/{number}" for number in range(11, 17))
    dump = "\n\n".join([linked, *paragraphs, "References", references])
    assert "The harbour council met to weigh the permit for Nordhavn Harbour Services to build a ferry pier." in _units(dump)


def test_wrapped_chinese_text_is_joined_at_its_columns() -> None:
    sentence = "港口委員會週一開會審議新渡輪碼頭的許可證，漁民表示工程將使內港關閉一季。"
    paragraphs = [textwrap.fill(sentence * 4, 39) for _ in range(8)]
    units = _units("\n\n".join(paragraphs))
    assert units[0] == sentence * 4
    assert columns(sentence) == 2 * len(sentence)
    assert first_piece(sentence) == 2 and first_piece("ferry pier") == 5


def test_a_short_dump_reaches_the_column_after_which_its_lines_stop() -> None:
    # Too few lines fill each column for their counts to tell the wrap's last one from an overlong line's.
    lengths = [70] * 4 + [71] * 5 + [72] * 6 + [73] * 8 + [74] * 9 + [75] * 2
    assert reach(lengths, 74) == 75
    # Lines that stop short of a column none ends on, or stop at one alone, are overlong ones.
    assert reach([*lengths[:-2], 76, 76], 74) == 74
    assert reach([*lengths[:-2], 75], 74) == 74


def test_a_markdown_dump_whose_menus_link_to_long_addresses_is_unwrapped() -> None:
    # html2text leaves a link's target whole: a teaser's picture and headline, one link, opens with
    # the picture's address and runs far over the width, on more lines than the percentile leaves out.
    menu = "\n".join(
        f"[![{word}](https://example.org/images/2019/{word}-report-for-the-{section}-desk.jpg)The {word} report for the {section} desk](/{section}/{word})"
        for section in ("news", "sport")
        for word in WORDS[:10]
    )
    # Each word capitalised, so that only the unwrapping, not a join of lines that go on in lower case, makes it whole.
    paragraphs = [_paragraph(seed).title() for seed in range(6)]
    units = _units("\n\n".join([menu, *(textwrap.fill(paragraph, 78) for paragraph in paragraphs)]))
    assert paragraphs[0] in units
