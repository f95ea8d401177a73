"""The lines of a plain-text dump as the reader's rules see them, and the measures every rule takes.

`Line` is one unit of the dump with what the reader has decided about it (its kind, the line
model's probability) and its `text_keys.text_key`; `DumpLine` is what the searches for the
headline, byline and date read of it; `n_words` and `ends_sentence` measure a line's
text. The reading flow (`reader`) and the rules split out of it into modules of their own share them
from here: those modules cannot import the reader that calls them.
"""

from __future__ import annotations

import re
from dataclasses import InitVar, dataclass, field
from enum import StrEnum
from typing import Protocol

from pipelines.extraction.dumps.char_classes import TERMINAL_CHARS
from pipelines.extraction.scripts import CJK_CHARACTER
from pipelines.extraction.text_keys import text_key

TERMINAL = tuple(TERMINAL_CHARS)
# A teaser cut short ends like a sentence but with an ellipsis.
ELLIPSIS = ("…", "...")
BULLET = re.compile(r"^[-–•*·▪►]\s+")
# Reference marks closing a sentence, a wiki's ("... in 1642.[31]", "... islands.[n 4][12]") or a
# writer's sources ("... horrors. [MP3 SP]"): the sentence ends before them.
CITATIONS = re.compile(r"(?:\s*\[[^\[\]]{1,30}\])+$")
# What opens a list's item as converters print it: a bullet symbol, or a number ("1.", "2)").
LIST_MARKER = r"(?:[-–•*·▪►+>]|\d{1,2}[.)])"
# The words that open a byline in the languages of the dev pages and beyond ("By Anna Berg", "Von ...", "Par ...").
BYLINE_WORDS = ("by", "par", "von", "por", "di", "door", "av", "af", "od", "от", "автор")


class LineKind(StrEnum):
    """What the reader took a line of a dump for. Only `CONTENT` lines make the article's body."""

    CONTENT = "content"
    BOILERPLATE = "boilerplate"
    TITLE = "title"
    TITLE_COPY = "title-copy"
    """The headline printed again (the `<title>` and the `<h1>`)."""
    TIMESTAMP = "timestamp"
    TAGS = "tags"
    TEASER_MARKER = "teaser-marker"
    """"Read also", "Next article": the lines after it are other stories' headlines."""
    IMAGE = "image"
    URL = "url"
    END = "end"
    """The sentinel closing a run of lines."""


@dataclass(slots=True)
class Line:
    text: str
    position: int
    blank_before: bool
    kind: LineKind = LineKind.CONTENT
    source: int = -1
    """The dump line this one was cut from (a long line is cut into sentences)."""
    content: float = 1.0
    """The line model's probability that this is article text."""
    glued: bool = False
    """A block of a flattened dump that continues the sentence of the line before (see `units.Unit`)."""
    key: str = field(init=False)
    known_key: InitVar[str | None] = None
    """The text's `text_key` where the caller has it (a dump's lines are keyed at once, see
    `text_keys.text_and_comparison_keys`); worked out from the text otherwise."""

    def __post_init__(self, known_key: str | None) -> None:
        self.key = text_key(self.text) if known_key is None else known_key


class DumpLine(Protocol):
    """A line as the headline, byline and date searches read it: a `Line`, or a sentence a
    flattened dump printed (`printed_sentences`)."""

    text: str
    position: int
    blank_before: bool
    kind: LineKind
    content: float
    glued: bool


def n_words(text: str) -> int:
    words = len(text.split())
    if text.isascii():
        return words
    # Chinese and Japanese put no spaces between words: about two characters make one.
    return words + len(CJK_CHARACTER.findall(text)) // 2


def ends_sentence(text: str) -> bool:
    return text.endswith(TERMINAL) or text.endswith(":") or (text.endswith("]") and without_citations(text).endswith(TERMINAL))


def without_citations(text: str) -> str:
    """The text before the reference marks that close it, if any."""
    marks = CITATIONS.search(text) if text.endswith("]") else None
    return text if marks is None else text[: marks.start()]
