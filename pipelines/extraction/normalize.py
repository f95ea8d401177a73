"""Text normalisation shared by both extraction paths and by hashing."""

from __future__ import annotations

import re
import unicodedata

# Spaces other than the plain one, then runs of plain ones: searching for these two is several times
# faster than for runs of one class of all spaces, whose class is tested at every character.
_OTHER_SPACES = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r"  +")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def clean_line(text: str) -> str:
    """NFC, no control characters, single spaces; typographic quotes are kept as written."""
    # Each step is skipped where a cheap test shows it has nothing to do: this runs on every line.
    if text.isascii():
        if not text.isprintable():
            text = _CONTROL.sub("", text).replace("\t", " ")
    else:
        text = unicodedata.normalize("NFC", text)
        # The byte-order mark and the other spaces are unprintable too: a printable line has none.
        if not text.isprintable():
            text = _OTHER_SPACES.sub(" ", _CONTROL.sub("", text).replace("\ufeff", ""))
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    return text.strip()


def join_paragraphs(paragraphs: list[str]) -> str:
    return "\n\n".join(p for p in paragraphs if p)


def for_hashing(text: str) -> str:
    """Case- and whitespace-insensitive form, so cosmetic re-renderings hash the same."""
    # `clean_line`'s steps, less those that `split` makes moot: the spaces it does not split at are
    # the zero-width one (a space for `clean_line`) and the byte-order mark (nothing).
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).replace("\ufeff", "").replace("\u200b", " ")
    if not text.isprintable():
        text = _CONTROL.sub("", text)
    return " ".join(text.casefold().split())


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def words(text: str) -> list[str]:
    return _WORD.findall(text)
