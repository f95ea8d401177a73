"""What the headline model reads of a candidate: its shape, where its edges fall (`Edges`), how
often the dump prints it, how much of the slug it spells, how many of its words the article uses,
and the hand-weighted score of these facts (`hand_score`) that ranked the candidates before the
model did (`candidate_features`, in the order of `dumps.headlines.model.FEATURE_NAMES`)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipelines.extraction.dates.written import WRITTEN_DATE
from pipelines.extraction.dumps.headlines.article_body import CONTENT, spelled_slug_words
from pipelines.extraction.dumps.headlines.text import BYLINE, DATE_START
from pipelines.extraction.dumps.lines import DumpLine
from pipelines.extraction.dumps.units import SENTENCE_MARK
from pipelines.extraction.text_keys import comparison_key

# A heading-shaped line the model is this sure of is article text: a caption, a subheading.
SURE_CONTENT = 0.8
# At most this many words make a line with a year or clock time a date line, not a headline naming a year.
DATE_LINE_WORDS = 6
YEAR_OR_CLOCK = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b")
_CLOCK_OR_DATE = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
# How much a headline whose every content word the article uses gains over one sharing none.
COHESION = 2.0
# The cohesion from which a headline's copies count in full.
REPEAT_COHESION = 0.5


@dataclass(frozen=True)
class TextShape:
    """What `hand_score` and `candidate_features` read of a candidate's text alone."""

    words: int
    """Its words (of its `comparison_key`)."""
    sentences: bool
    """It holds a sentence's end followed by another sentence (`units.SENTENCE_END`)."""
    dated: bool
    """It reads as a date line: a year or a clock time, and a few words or a date's shape."""
    byline: bool


# Both readers ask it of every candidate in turn: the second finds it worked out. A sentence end is
# looked for by the pattern that opens on the mark (`units.SENTENCE_MARK`, found wherever
# `SENTENCE_END` is, one character earlier), which the regex engine skips ahead to instead of
# trying `SENTENCE_END`'s look-behinds at every character.
@functools.lru_cache(maxsize=256)
def text_shape(text: str) -> TextShape:
    """The facts of `text` that `hand_score` and `candidate_features` read."""
    words = len(comparison_key(text).split())
    dated = bool(YEAR_OR_CLOCK.search(text)) and (
        words <= DATE_LINE_WORDS or bool(DATE_START.match(text) or _CLOCK_OR_DATE.search(text) or WRITTEN_DATE.search(text))
    )
    return TextShape(words, SENTENCE_MARK.search(text) is not None, dated, BYLINE.match(text) is not None)


def hand_score(text: str, line: DumpLine, distance: int, repeats: int, slugged: float, standalone: float, cohesive: float) -> float:
    """The candidate's score by hand; `slugged`: its `slug_share`, which the ranker reads too."""
    shape = text_shape(text)
    if not shape.words:
        return -1.0
    score = 0.5 / (1 + 0.25 * distance)
    # Above the threshold a line is article text (a subheading, a caption); below, the more
    # article-like the line, the less it is menu.
    score += 0.5 * min(line.content, CONTENT) - (1.0 if line.content >= SURE_CONTENT else 0.0)
    # A headline is printed twice or three times (title, heading, share text); more often, it is
    # the site's interface ("Continue reading"). So is a line printed twice that the article does not
    # speak of ("Login using your social network", "Not a member yet?"): the copies count as much as it does.
    score += min(1.0, cohesive / REPEAT_COHESION) if 2 <= repeats <= 4 else 0.0
    # Bylines, section names and captions are heading-shaped too, but shorter.
    score += 0.5 if 4 <= shape.words <= 25 else 0.0
    score += min(shape.words, 12) / 12
    score += standalone
    # A headline announces what the article is about: the article uses its words, a menu's or a
    # teaser's it does not, whatever the layout, the language or the site. So does the article's own
    # text before the line taken for its start, which the model finds article-like: it gains less.
    score += COHESION * cohesive * (1 - line.content)
    # A headline is one sentence; a line of two is a standfirst or the article's text, unless the
    # URL's slug spells both ("Ile jest warta godzina pracy? W tych krajach praca popłaca").
    score -= 1.0 if shape.sentences and slugged < SLUG_SPELLED else 0.0
    # A date line holds a year or a clock time and a few words; a headline may name a year too ("… in 2012"), not a clock or a full date.
    score -= 0.5 if shape.dated else 0.0
    score -= 1.0 if shape.byline else 0.0
    # Without a slug there is no share (-1) to add.
    if slugged >= 0:
        score += 2.0 * slugged
    return score


# From this share (of its words in the slug, and of the slug's in it: `slug_share`) a candidate
# spells the URL's slug: the ranker's pick whatever its chance, a headline however many sentences.
SLUG_SPELLED = 0.6


def slug_share(words: list[str], slug: set[str]) -> float:
    """How much of the URL's `slug` these words (comparison keys) spell, both ways: a headline spells
    most of the slug, and a slug spells most of the headline; -1 without a slug or words."""
    if not slug or not words:
        return -1.0
    shared = spelled_slug_words(words, slug)
    return min(len(shared) / len(set(words)), len(shared) / len(slug))


@dataclass(frozen=True)
class Edges:
    """Where a candidate sits (see `candidate_features`)."""

    unit: int
    distance: int
    opens_unit: bool
    closes_unit: bool
    unit_share: float
    after_separator: bool
    marked_end: bool
    under_heading: bool
    opens_block: bool
    closes_block: bool


def candidate_features(
    text: str, line: DumpLine, source: int, score: float, edges: Edges, repeats: int, slugged: float, standalone: float, cohesive: float
) -> list[float]:
    tokens = text.split()
    shape = text_shape(text)
    return [
        score,
        source,
        len(tokens),
        len(text),
        edges.distance,
        line.content,
        repeats,
        slugged,
        standalone,
        cohesive,
        float(shape.sentences),
        float(shape.dated),
        float(shape.byline),
        sum(token[:1].isupper() for token in tokens) / max(len(tokens), 1),
        sum(any(map(str.isdigit, token)) for token in tokens) / max(len(tokens), 1),
        float(text.endswith(("?", "!"))),
        float(any(mark in text for mark in ":–—|")),
        float(edges.marked_end),
        float(edges.opens_unit),
        float(edges.closes_unit),
        edges.unit_share,
        float(edges.after_separator),
        float(edges.under_heading),
        float(line.blank_before),
        edges.unit,
        float(edges.opens_block),
        float(edges.closes_block),
    ]
