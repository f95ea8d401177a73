"""Patterns of the text-dump path rewritten to cost less (opening on a literal mark, one run of
blanks instead of two side by side) find exactly what the patterns as first written found."""

from __future__ import annotations

import random
import re

import pytest

from pipelines.extraction.dumps import link_numbers, markdown

# The patterns as first written: the reference the rewrites are held to.
FIRST_WRITTEN = {
    "MARKER": (link_numbers.MARKER, re.compile(r"(?<![\w.,;:!?)\]])\[(\d{1,5})\]")),
    "TABLE_RULE": (
        markdown.TABLE_RULE,
        re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.MULTILINE),
    ),
    "EMPHASIS": (
        markdown.EMPHASIS,
        re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])"),
    ),
}
# Pieces the patterns react to, and plain words and blanks between them.
PIECES = ["[", "]", "[12]", "[3]", "a", "word", "7", ".", ",", ")", "*", "**", "_", "|", "-", "---", ":", " ", "  ", "\t", "\n", "é"]


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(match.span(), match.groups()) for match in pattern.finditer(text)]


@pytest.mark.parametrize("name", sorted(FIRST_WRITTEN))
def test_rewritten_pattern_finds_what_the_first_one_found(name: str) -> None:
    rewritten, first = FIRST_WRITTEN[name]
    texts = _texts(20000, seed=14)
    assert any(_found(first, text) for text in texts)
    for text in texts:
        assert _found(rewritten, text) == _found(first, text), text


def test_link_markers_and_emphasis_in_dumps() -> None:
    assert [match[1] for match in link_numbers.MARKER.finditer("[1]Home [2]News deaths.[36] x[4] ([5]")] == ["1", "2", "5"]
    assert markdown.EMPHASIS.sub(lambda m: m.group(1) or m.group(2), "an *urgent* call, snake_case_name, _quiet_") == (
        "an urgent call, snake_case_name, quiet"
    )
    assert markdown.TABLE_RULE.sub("", "| a | b |\n|---|:---:|\n" + " " * 50 + "x") == "| a | b |\n\n" + " " * 50 + "x"
