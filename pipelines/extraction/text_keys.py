"""The keys a dump's lines, phrases and words are compared by: case-folded, without punctuation.

Two keys, because two kinds of comparison read punctuation differently:
- `text_key` deletes it ("s'abonner" → "sabonner", "E-Mail" → "email"): a line or a phrase is
  compared as a whole, with the furniture phrase lists or with the dump's other lines;
- `comparison_key` reads it as a space between words ("Fact-Checker:" → "fact checker"): headline
  candidates and the tokens they are made of are compared word by word, so a word stays a word
  whatever the punctuation glued to it. `comparison_keys` keys a whole dump's lines in one pass.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

_NOT_WORD = re.compile(r"[^\w\s]")
_ASCII_NOT_WORD = bytes(code for code in range(128) if _NOT_WORD.match(chr(code)))
# The same characters each read as a space.
_ASCII_SPACED = bytes.maketrans(_ASCII_NOT_WORD, b" " * len(_ASCII_NOT_WORD))


def text_key(text: str) -> str:
    """What two lines or phrases are compared by: the text casefolded, without punctuation."""
    if text.isascii():
        # Deleting bytes is several times faster than the pattern's scan; ASCII casefolds as it lowers.
        return text.lower().encode("ascii").translate(None, _ASCII_NOT_WORD).decode("ascii").strip()
    return _NOT_WORD.sub("", text.casefold()).strip()


# `body_start` and `find_headline` key the same lines of a dump, and a candidate's text again.
@functools.lru_cache(maxsize=1 << 14)
def comparison_key(text: str) -> str:
    """The text's words, casefolded, punctuation read as a space."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def comparison_keys(texts: Sequence[str]) -> list[str]:
    """`comparison_key` of every text, case-folded and cleared of punctuation in one pass over them
    all (both go character by character; a text holding a line break is keyed on its own)."""
    pieces = _NOT_WORD.sub(" ", "\n".join(texts).casefold()).split("\n")
    if len(pieces) != len(texts):
        return [comparison_key(text) for text in texts]
    return [" ".join(piece.split()) for piece in pieces]


def text_and_comparison_keys(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """`text_key` and `comparison_key` of every text, from one case folding and one scan for
    punctuation over them all: the two keys read the same characters as punctuation, one deleting
    them and the other reading each as a space (a text holding a line break is keyed on its own).
    The reader needs both of every line: a scan each, and a pattern's scan per line of a text
    beyond ASCII, cost half as much again."""
    folded = "\n".join(texts).casefold()
    if folded.isascii():
        # Bytes translated from a table, as `text_key` does, several times faster than the pattern's scan.
        data = folded.encode("ascii")
        spaced = data.translate(_ASCII_SPACED).decode("ascii").split("\n")
        deleted = data.translate(None, _ASCII_NOT_WORD).decode("ascii").split("\n")
    else:
        pieces = _NOT_WORD.split(folded)
        spaced = " ".join(pieces).split("\n")
        deleted = "".join(pieces).split("\n")
    if len(spaced) != len(texts):
        return [text_key(text) for text in texts], [comparison_key(text) for text in texts]
    return [key.strip() for key in deleted], [" ".join(piece.split()) for piece in spaced]
