"""The authors of a plain-text dump, read from the byline by its headline, in both layouts a
converter may produce: one block a line, and the whole page on one line."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.bylines import _names, find_authors
from pipelines.extraction.dumps.lines import Line
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU

LAYOUTS = {"one block a line": "\n".join, "one line": " ".join}


def _authors(byline: str, join) -> list[str]:
    blocks = [*MENU, HEADLINE, byline, *ARTICLE, *FOOTER]
    return extract(RawDocument(source="test", content=join(blocks).encode())).authors


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Anna Berg", ["Anna Berg"]),
        ("By Anna Berg and Jonas Lind | March 4, 2024", ["Anna Berg", "Jonas Lind"]),
        ("Von Anna Berg, 4. März 2024", ["Anna Berg"]),
        ("By Anna Berg@annaberg Updated March 4, 2024", ["Anna Berg"]),
    ],
)
def test_the_byline_by_the_headline_names_the_authors(byline: str, expected: list[str], join) -> None:
    assert _authors(byline, join) == expected


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_a_dump_without_a_byline_has_no_authors(join) -> None:
    assert _authors("4 March 2024 18:00", join) == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # After a comma alone come a job title or a place, not a second author.
        ("Anna Berg, Senior Reporter", ["Anna Berg"]),
        ("Anna Berg SEOUL, South Korea", ["Anna Berg"]),
        ("Anna Berg, Jonas Lind and Eva Holm", ["Anna Berg", "Jonas Lind", "Eva Holm"]),
        ("Ludwig van Beethoven and Clara Schumann", ["Ludwig van Beethoven", "Clara Schumann"]),
        # A lower-case word, a single word, a weekday or a month is no one's name.
        ("clicking Accept you agree", []),
        ("Reuters", []),
        ("Tuesday, the council will vote", []),
        ("Mat\xadthi\xadas Lauerer", ["Matthias Lauerer"]),
    ],
)
def test_names_are_runs_of_capitalised_words(words: str, expected: list[str]) -> None:
    assert _names(words.split()) == expected


@pytest.mark.parametrize(("glued", "expected"), [(True, ["Joshua Sokol"]), (False, [])], ids=["glued", "a line of its own"])
def test_a_name_a_flattened_dumps_block_cut_split_reads_on_into_the_next_block(glued: bool, expected: list[str]) -> None:
    # The block model cut "By Joshua Sokol May 20, 2019" after the first name; only a block glued
    # to the line before it (the same printed sentence) continues the name.
    texts = [HEADLINE, "By Joshua", "Sokol May 20, 2019", *ARTICLE]
    lines = [Line(text, index, False, glued=index == 2 and glued) for index, text in enumerate(texts)]
    assert find_authors(lines, 0, 3) == expected
