"""Line and hash normalisation: every step holds on the fast paths (ASCII, printable) and off them."""

from __future__ import annotations

import unicodedata

import pytest

from pipelines.extraction import normalize
from pipelines.extraction.normalize import clean_line, for_hashing


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Plain   ASCII line  ", "Plain ASCII line"),
        ("tab\tseparated\t\tcells", "tab separated cells"),
        ("bell\x07 and\x00 null\x7f", "bell and null"),
        ("e\u0301t\u00e9 d\u00e9compos\u00e9", "\u00e9t\u00e9 d\u00e9compos\u00e9"),
        ("no\u00a0break\u2009thin\u3000ideographic", "no break thin ideographic"),
        ("zero\u200bwidth \u200b space", "zero width space"),
        ("\ufeffbyte-order mark", "byte-order mark"),
        ("\ufeff \u00a0 \t ", ""),
        ("\u201cquotes\u201d \u2019kept\u2019", "\u201cquotes\u201d \u2019kept\u2019"),
        ("Stra\u00dfe\x1f", "Stra\u00dfe"),
    ],
)
def test_clean_line(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


@pytest.mark.parametrize(
    ("text", "hashed"),
    [
        ("  The Body\n\nSecond\tparagraph ", "the body second paragraph"),
        ("Caf\u00e9 STRASSE", "caf\u00e9 strasse"),
        ("Cafe\u0301 Stra\u00dfe", "caf\u00e9 strasse"),
        ("zero\u200bwidth\ufeffmark", "zero widthmark"),
        ("con\x00trol\x0bchars", "controlchars"),
        ("\u3000wide\u00a0spaces\u2028line", "wide spaces line"),
    ],
)
def test_for_hashing_is_case_and_space_insensitive(text: str, hashed: str) -> None:
    assert for_hashing(text) == hashed


def _plain_clean_line(text: str) -> str:
    """`clean_line` with every step taken on every line."""
    text = normalize._CONTROL.sub("", unicodedata.normalize("NFC", text))
    text = normalize._OTHER_SPACES.sub(" ", text.replace("\ufeff", ""))
    return normalize._SPACE_RUN.sub(" ", text).strip()


def test_a_printable_line_is_spared_the_spaces_it_cannot_hold() -> None:
    for code in range(0x3100):
        for text in (f"é x{chr(code)}y", f"x{chr(code)}y ſİı", f"{chr(code)}\ufeff€ {chr(code)}"):
            assert clean_line(text) == _plain_clean_line(text), hex(code)
    assert clean_line("é\u2003x\ufeffy") == "é xy"
