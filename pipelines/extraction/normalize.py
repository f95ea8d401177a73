"""Text normalisation shared by both extraction paths and by hashing."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def clean_line(text: str) -> str:
    """NFC, no control characters, single spaces; typographic quotes are kept as written."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text).replace("\ufeff", "")
    return _SPACES.sub(" ", text).strip()


def join_paragraphs(paragraphs: list[str]) -> str:
    return "\n\n".join(p for p in paragraphs if p)


def for_hashing(text: str) -> str:
    """Case- and whitespace-insensitive form, so cosmetic re-renderings hash the same."""
    return " ".join(clean_line(text).casefold().split())


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def words(text: str) -> list[str]:
    return _WORD.findall(text)
