"""The headline of a plain-text dump, wherever the converter left it.

A dump's first line is rarely the headline: menus, breadcrumbs and "sponsored by" lines come
first, and a converter that flattens the page onto one line glues the headline between the menu
and the byline. The headline is looked for before the article's main block (the densest run of
lines the line model takes for article text), among

- lines shaped like a heading (a few words, no full stop, not a bullet or numbered item);
- word spans the dump prints twice or more (the `<title>` and the `<h1>`, the breadcrumb and the
  heading, the share text), which is how it is found inside a flattened line;
- runs of words that spell most of the URL's slug;
- spans of running text (a flattened dump glues the headline between the menu and the byline,
  date or lede), picked by the words the article uses and by where a block visibly ends (the few
  of most value, each ending elsewhere);
- runs of one to three of the blocks a flattened dump was cut into (`block_breaks`), shortly
  before the article: the cuts find a headline whose words the article does not echo, and whether
  a candidate's edges fall on cuts is one of its features (a run cut inside a phrase the dump
  prints twice is a piece of it and is not offered);

and ranked by a learned model (`headline_model`, models/headlines.json, made by
`bench/train_headline_model.py` from HTML pages whose `<h1>`/`<title>` names the headline) on
what marks a headline on any site and in any language (`headline_candidates` computes it for
each candidate): it stands alone (blank lines around it), it is repeated but not as often as the
site's interface, the URL's slug spells it, the article uses its words (a menu's or a teaser's it
does not), it is close before the body, a byline or a date follows it, its edges fall where a unit
or a block ends, and the line model finds it more article-like than the menu around it. The
hand-weighted `_score` of these facts, which ranked the candidates before, is one of its features.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from pipelines.extraction import headline_model
from pipelines.extraction.datelines import find_dateline
from pipelines.extraction.dates import MONTH_PATTERN
from pipelines.extraction.dump_lines import LineKind
from pipelines.extraction.headline_model import Candidate, Headline
from pipelines.extraction.line_features import BULLET, SENTENCE_END

# How far before the article's first line the headline is looked for, in units.
WINDOW = 30
# Article lines, counted back from the densest point, that may be separated by this many others.
BLOCK_GAP = 4
# Lines either side of a line whose text makes its window's mass.
WINDOW_HALF = 5
# The share of the densest window's mass the article's first block must have.
FIRST_BLOCK = 0.35
MIN_WORDS = 2
MAX_WORDS = 30
MAX_SPAN_WORDS = 40
CONTENT = 0.5
# A heading-shaped line the model is this sure of is article text: a caption, a subheading.
SURE_CONTENT = 0.8
# At most this many words make a line with a year or clock time a date line, not a headline naming a year.
DATE_LINE_WORDS = 6
YEAR_OR_CLOCK = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b")
_CLOCK_OR_DATE = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
# A byline is heading-shaped too; these are the words that open one in the languages of the dev pages and beyond.
BYLINE = re.compile(r"^(?:by|par|von|por|di|door|av|af|od|от|автор)\b", re.IGNORECASE)
# Punctuation dropped from a token before comparing (str.translate: the tokenizer's hot loop).
_PUNCTUATION = str.maketrans("", "", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{}~«»‘’‚“”„–—…·•›‹¡¿")
# Words of a flattened dump; a bar glues a breadcrumb to the headline (`New York|Manhole fires`).
_TOKEN = re.compile(r"[^\s|]+")
# In a flattened dump distance is counted in words; this many make one unit's worth.
WORDS_PER_UNIT = 8
# How much a headline whose every content word the article uses gains over one sharing none.
COHESION = 2.0
COHESION_WORDS = 3
# The cohesion from which a headline's copies count in full.
REPEAT_COHESION = 0.5
# Without the language's stop list, the dump's most frequent words this short stand in for it.
SHORT_WORD = 4
FREQUENT_WORDS = 40
# Lower-case words before a span in the dump's first unit that make it the lede's prose, not a menu.
PROSE_WORDS = 3
# The article's first units whose words make its vocabulary (a long page ends in comments and teasers).
BODY_UNITS = 60
# How many words before the article's first unit a headline glued into running text is looked for.
GLUE_WORDS = 120
# Words of the article's first unit a headline glued to its start must leave to the lede.
LEDE_WORDS = 3
# What a word of running text weighs for a glued headline (see `_TokenFacts.value`).
GLUE_VALUE = 0.5
# A headline glued into a flattened dump's printed sentence is one to this many of its blocks.
RUN_BLOCKS = 3
# A span's neighbour where its unit ends (see `_neighbour_value`).
NO_NEIGHBOUR = -3.0
# How many of the block runs of most value are candidates.
BLOCK_RUN_CANDIDATES = 8
# How many of the glued spans of most value are candidates.
GLUED_CANDIDATES = 6
MISS_VALUE = 1.0
WORD_COST = 0.3
SEPARATOR_COST = 0.75
# A span that ends where a byline or a date begins is a headline's end.
MARKED_END = 1.5
STRONG_END = 1.0
# Dashes stand between a headline's parts as often as between the section name and the headline.
SEPARATORS = frozenset("-–—:")
# These only stand between a page's blocks (breadcrumbs, menus, share bars).
BREAKS = frozenset("|›»•·/>")
# Where a date line begins (`4 March`, `March 4,`, `04.03.2024`, `2024-03-04`, `18:00`, `Sunday,`).
_DATE_START = re.compile(
    rf"^(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}:\d{{2}}|\d{{1,2}}\.? (?i:{MONTH_PATTERN})\b"
    rf"|(?i:{MONTH_PATTERN}),? \d{{1,4}}\b|(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|satur|sun)(?:day)?)\b,? )"
)
# `_DATE_START` wherever a token starts in tokens joined by spaces (a lookahead, so that matches may overlap).
_DATE_AT_TOKEN = re.compile(rf"(?<![^ ])(?={_DATE_START.pattern.removeprefix('^')})")
# Initials and abbreviations end in a full stop inside a headline (`U.S.`, `N.Y.C.`).
_INITIALS = re.compile(r"^(?:\w\.)+$")


class DumpLine(Protocol):
    text: str
    position: int
    blank_before: bool
    kind: LineKind
    content: float
    glued: bool


# Where in each line's text its blocks start (a flattened dump's printed sentence holds several); None: every line is one block.
Blocks = Sequence[Sequence[int]] | None

# Punctuation and symbols, which a comparison key drops.
_NON_WORD = re.compile(r"[^\w\s]")


# `body_start` and `find_headline` key the same lines of a dump, and a candidate's text again.
@functools.lru_cache(maxsize=1 << 14)
def _key(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def _line_keys(lines: Sequence[DumpLine]) -> list[str]:
    """`_key` of every line, case-folded and cleared of punctuation in one pass over the dump (both
    go character by character; a line holding a line break is keyed on its own)."""
    texts = [line.text for line in lines]
    pieces = _NON_WORD.sub(" ", "\n".join(texts).casefold()).split("\n")
    if len(pieces) != len(texts):
        return [_key(text) for text in texts]
    return [" ".join(piece.split()) for piece in pieces]


def _n_words(text: str) -> int:
    return len(text.split())


def body_start(lines: Sequence[DumpLine], keys: Sequence[str] | None = None) -> int | None:
    """The article's first line: its first run of likely article text (a gallery, a teaser list or
    comments below it may be denser), followed back over gaps of a few units (a caption, a share bar)
    and subheadings, to its first line that is not a heading (`keys`: the lines' `_key`s, if known)."""
    mass = [line.content * _n_words(line.text) if line.kind == LineKind.CONTENT and line.content >= CONTENT else 0.0 for line in lines]
    if not any(mass):
        return None
    windows = _window_mass(mass)
    # The first run with a fair share of the densest one's text: an article opens the page's text,
    # and its first paragraphs are not always its densest (a video player or a gallery interrupts it).
    densest = max(windows)
    first = next(i for i, window in enumerate(windows) if window >= FIRST_BLOCK * densest)
    start = first if mass[first] else next(i for i in range(first, len(mass)) if mass[i])
    # A dump that prints the article twice (a preview, then the page) is read at its densest copy,
    # the one with the headline and the lede.
    if _key(lines[start].text) in set(keys[start + 1 :] if keys is not None else _line_keys(lines[start + 1 :])):
        densest_at = windows.index(densest)
        start = densest_at if mass[densest_at] else next(i for i in range(densest_at, len(mass)) if mass[i])
    while True:
        earlier = [j for j in range(max(0, start - BLOCK_GAP - 1), start) if mass[j]]
        if not earlier or _lone(mass, earlier[-1], start):
            break
        start = earlier[0]
    return next((i for i in range(start, len(lines)) if mass[i] and not is_heading(lines[i].text)), start)


def _window_mass(mass: list[float]) -> list[float]:
    """The text mass of each line's window (`WINDOW_HALF` lines either side)."""
    window = sum(mass[: WINDOW_HALF + 1])
    windows = [window]
    for i in range(1, len(mass)):
        if i + WINDOW_HALF < len(mass):
            window += mass[i + WINDOW_HALF]
        if i - WINDOW_HALF - 1 >= 0:
            window -= mass[i - WINDOW_HALF - 1]
        windows.append(window)
    return windows


def _lone(mass: list[float], line: int, start: int) -> bool:
    """Whether article-like `line`, a few units before `start`, stands alone: a cookie or
    subscription notice the model finds article-like, above the breadcrumb and the headline, is not
    the article's first paragraph, which a gap of a line or two (a caption, a dateline) at most parts from the rest."""
    return start - line > 2 and not any(mass[max(0, line - BLOCK_GAP - 1) : line])


def is_heading(text: str) -> bool:
    n = _n_words(text)
    return (
        MIN_WORDS <= n <= MAX_WORDS
        and len(text) <= 250
        # A headline may end on initials ("… Underneath N.Y.C."), not on a sentence's full stop.
        and (not text.rstrip("\"”’»'").endswith((".", ",", ";", ":")) or bool(_INITIALS.match(text.split()[-1])))
        and not text[0].islower()
        and not BULLET.match(text)
        and not find_dateline(text)
    )


def _stem(word: str) -> str:
    # A crude stem that works in any language with inflected endings (`allergy`/`allergies`).
    return word[:5]


def _content_words(text: str, stops: frozenset[str]) -> list[str]:
    return _content(_key(text).split(), stops)


def _content(words: list[str], stops: frozenset[str]) -> list[str]:
    # Two letters are a contraction's or an initial's (`I've`, `J. Smith`), not a word to share.
    return [word for word in words if word not in stops and len(word) > 2 and not word.isdigit()]


def body_vocabulary(lines: Sequence[DumpLine], start: int, stops: frozenset[str], keys: Sequence[str] | None = None) -> frozenset[str]:
    """Stems of the content words of the article's first units (those the model takes for text);
    `keys` are the lines' comparison keys when the caller has them."""
    keys = keys if keys is not None else [_key(line.text) for line in lines]
    words: set[str] = set()
    taken = 0
    # Lines printed more than once are the site's ("Continue reading the main story"), not the article's.
    counts = Counter(keys)
    # The first unit is left out: in a flattened dump it opens with the menu, headline and byline.
    first = start + 1 if start + 1 < len(lines) else start
    for line, key in zip(lines[first:], keys[first:], strict=True):
        if line.kind == LineKind.CONTENT and line.content >= CONTENT and counts[key] == 1:
            words.update(_stem(word) for word in _content(key.split(), stops))
            taken += 1
            if taken >= BODY_UNITS:
                break
    return frozenset(words)


def cohesion(text: str, body: frozenset[str], stops: frozenset[str]) -> float:
    """Share of a candidate's content words the article uses too; one or two shared words are weak
    evidence (`Not a member yet?`), so fewer than `COHESION_WORDS` count as that many."""
    words = _content_words(text, stops)
    return sum(_stem(word) in body for word in words) / max(len(words), COHESION_WORDS)


def slug_words(url: str | None) -> set[str]:
    """Words of a URL's last path segment when it reads like a headline (`...-vows-to-continue-...`)."""
    if not url:
        return set()
    segment = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    words = [word for word in re.split(r"[\W_]+", segment.casefold()) if word.isalpha()]
    return set(words) if len(words) >= 3 else set()


def _score(text: str, line: DumpLine, distance: int, repeats: int, slug: set[str], standalone: float, cohesive: float) -> float:
    words = _key(text).split()
    if not words:
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
    score += 0.5 if 4 <= len(words) <= 25 else 0.0
    score += min(len(words), 12) / 12
    score += standalone
    # A headline announces what the article is about: the article uses its words, a menu's or a
    # teaser's it does not, whatever the layout, the language or the site. So does the article's own
    # text before the line taken for its start, which the model finds article-like: it gains less.
    score += COHESION * cohesive * (1 - line.content)
    # A headline is one sentence; a line of two is a standfirst or the article's text.
    score -= 1.0 if SENTENCE_END.search(text) else 0.0
    # A date line holds a year or a clock time and a few words; a headline may name a year too ("… in 2012"), not a clock or a full date.
    dated = YEAR_OR_CLOCK.search(text) and (len(words) <= DATE_LINE_WORDS or _DATE_START.match(text) or _CLOCK_OR_DATE.search(text))
    score -= 0.5 if dated else 0.0
    score -= 1.0 if BYLINE.match(text) else 0.0
    if slug:
        # Both ways: a headline spells most of the slug, and a slug spells most of the headline.
        shared = set(words) & slug
        score += 2.0 * min(len(shared) / len(set(words)), len(shared) / len(slug))
    return score


def _tokens(lines: Sequence[DumpLine], last: int) -> tuple[list[str], list[str], list[int]]:
    """Every token of units 0..last: raw text, comparison key, unit index (see `_TokenStarts` for where it starts)."""
    raw: list[str] = []
    keys: list[str] = []
    owners: list[int] = []
    for index, line in enumerate(lines[: last + 1]):
        found = _TOKEN.findall(line.text)
        if not found:
            continue
        raw.extend(found)
        # Case folding and `translate` go character by character, so a line's tokens are keyed at
        # once, joined by the space no token holds (a token left empty keeps its raw text).
        folded = " ".join(found).casefold().translate(_PUNCTUATION).split(" ")
        keys.extend([key or token for key, token in zip(folded, found, strict=True)])
        owners.extend([index] * len(found))
    return raw, keys, owners


class _TokenStarts:
    """Where each token of `_tokens` starts in its unit's text, worked out for a unit when first asked
    (candidates lie in the few units before the article)."""

    def __init__(self, lines: Sequence[DumpLine], owners: list[int]) -> None:
        self.lines = lines
        self.owners = owners
        self.units: dict[int, tuple[int, list[int]]] = {}

    def _unit(self, owner: int) -> tuple[int, list[int]]:
        found = self.units.get(owner)
        if found is None:
            found = (bisect_left(self.owners, owner), [match.start() for match in _TOKEN.finditer(self.lines[owner].text)])
            self.units[owner] = found
        return found

    def __getitem__(self, token: int) -> int:
        first, starts = self._unit(self.owners[token])
        return starts[token - first]

    def token_at(self, owner: int, offset: int) -> int:
        """The first token of unit `owner` that starts at `offset` or after."""
        first, starts = self._unit(owner)
        return first + bisect_left(starts, offset)


def _repeated_spans(keys: list[str], owners: list[int], lo: int) -> list[tuple[int, int, set[int]]]:
    """Maximal word spans (first token, end token, first tokens of the other copies) that start in
    units from `lo` on and are printed again in the tokens given (those up to the article's first
    unit: a phrase the article repeats is not its headline)."""
    grams: defaultdict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, gram in enumerate(zip(keys, keys[1:], keys[2:], strict=False)):
        grams[gram].append(i)
    spans: dict[tuple[int, int], set[int]] = {}
    for i in range(bisect_left(owners, lo), len(keys) - 2):
        others = grams[(keys[i], keys[i + 1], keys[i + 2])]
        if len(others) < 2 or len(others) > 6:
            continue
        for j in others:
            if j == i or (i > 0 and j > 0 and keys[i - 1] == keys[j - 1]):
                continue  # not a left-maximal start
            length = 3
            while (
                length < MAX_SPAN_WORDS
                and i + length < len(keys)
                and j + length < len(keys)
                and keys[i + length] == keys[j + length]
                and i + length != j
                and owners[i + length] == owners[i]
            ):
                length += 1
            spans.setdefault((i, i + length), set()).add(j)
    return [(start, end, copies) for (start, end), copies in spans.items()]


def _whole_phrase(text: str, stops: frozenset[str]) -> bool:
    """A repeated span that opens in lower case or ends on a stop word ("payments on the") is a
    fragment of a sentence the article repeats, not a headline."""
    words = _key(text).split()
    return bool(words) and not text[0].islower() and words[-1] not in stops


def _slug_spans(keys: list[str], owners: list[int], lo: int, hi: int, slug: set[str], stops: frozenset[str]) -> list[tuple[int, int]]:
    """Runs of words that spell most of the URL's slug (a slug drops case, accents and some
    small words; one other word is allowed inside the run)."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(keys):
        if not (lo <= owners[i] <= hi and keys[i] in slug):
            i += 1
            continue
        end, misses, last = i, 0, i
        while end < len(keys) and owners[end] == owners[i] and end - i < MAX_SPAN_WORDS:
            if keys[end] in slug:
                last = end
                misses = 0
            elif keys[end] not in stops:
                misses += 1
                if misses > 1:
                    break
            end += 1
        covered = {keys[t] for t in range(i, last + 1)} & slug
        if last - i >= 2 and len(covered) >= 0.6 * len(slug):
            spans.append((i, last + 1))
        i = last + 1
    return spans


def _opens_heading(token: str) -> bool:
    first = token.lstrip("\"“„«‘'([¡¿")[:1]
    return first.isupper() or first.isdigit()


@dataclass
class _RunningText:
    """What a glued headline's search knows of each token from `lo` up to `hi` (lists indexed from `lo`)."""

    lo: int
    first_body: int
    """The first token of the article's first unit."""
    hi: int
    values: list[float]
    """See `_TokenFacts.value`."""
    halts: list[bool]
    """A date line begins here, or a breadcrumb's or menu's separator stands here: another block opens."""
    capital_stops: list[bool]
    """A capitalised stop word: inside a sentence-case headline (`… 2012 Na ocasião`) only a new sentence opens with one."""
    marks: list[bool]
    """A date line or a byline begins here."""
    opens: list[bool]
    """Opens with a capital or a digit."""
    bare: list[bool]
    """A mark without letters or digits (`|`, `+`, `—`)."""
    closes: list[bool]
    """A headline may end on it: no clause punctuation after it (initials aside), not a stop word."""
    lowercase: list[bool]
    """A lower-case word that is not a stop word: the span reads as a sentence."""
    ends: list[bool]
    """Ends a sentence."""


def _running_text(raw: list[str], owners: list[int], start: int, body: frozenset[str], stops: frozenset[str]) -> _RunningText | None:
    first_body = bisect_left(owners, start)
    lo = max(0, first_body - GLUE_WORDS)
    # The article's first unit may open with the headline too (a flattened dump cut into sentences
    # glues it to the lede): up to the lede's first sentence end, leaving the lede a few words.
    stop = min(len(raw), first_body + GLUE_WORDS)
    hi = max(first_body, next((t + 1 for t in range(first_body, stop) if _ends_sentence(raw[t])), stop) - LEDE_WORDS)
    if hi <= lo:
        return None
    tokens = raw[lo : min(hi + 1, len(raw))]
    # What a token is worth is worked out once per distinct token (stop words, names and
    # separators recur in the window).
    said = [_token_facts(token, stops) for token in tokens]
    values: dict[str, float] = {}
    for token, fact in zip(tokens, said, strict=True):
        if token not in values:
            values[token] = fact.value(body)
    dated = _date_starts(raw, lo, len(tokens))
    return _RunningText(
        lo=lo,
        first_body=first_body,
        hi=hi,
        values=[values[token] for token in tokens],
        ends=[fact.ends for fact in said],
        halts=[date or fact.breaks for date, fact in zip(dated, said, strict=True)],
        capital_stops=[fact.capital_stop for fact in said],
        marks=[dated[t - lo] or _opens_byline(raw, t) for t in range(lo, lo + len(tokens))],
        opens=[fact.opens for fact in said],
        bare=[fact.bare for fact in said],
        closes=[fact.closes for fact in said],
        lowercase=[fact.lowercase for fact in said],
    )


def _date_starts(raw: list[str], lo: int, count: int) -> list[bool]:
    """Whether a date line begins at each of the `count` tokens from `lo` on: one scan of the tokens
    joined by spaces, for every token that opens a match (`_DATE_START` at any token's start)."""
    joined = " ".join(raw[lo : lo + count + 2])
    starts = list(itertools.accumulate((len(token) + 1 for token in raw[lo : lo + count - 1]), initial=0))
    where = {match.start(): True for match in _DATE_AT_TOKEN.finditer(joined)}
    return [where.get(start, False) for start in starts]


@dataclass(frozen=True)
class _TokenFacts:
    """What `_RunningText` knows of a token from the token and the language alone (see its fields)."""

    words: tuple[str, ...]
    ends: bool
    opens: bool
    bare: bool
    closes: bool
    lowercase: bool
    breaks: bool
    """A breadcrumb's or menu's separator (`BREAKS`)."""
    capital_stop: bool
    fixed_value: float | None
    """A separator's, a stop word's or a number's value; None for a word whose value the article sets."""
    stems: tuple[str, ...]

    def value(self, body: frozenset[str]) -> float:
        """How much the word speaks for a headline (`body`: the article's stems): a word the article
        uses for, a word it never uses (a menu's, a teaser's) against; stop words are neutral glue.
        Every word costs a little, so that a standfirst or byline the article also echoes is not taken along."""
        if self.fixed_value is not None:
            return self.fixed_value
        return (1.0 if any(stem in body for stem in self.stems) else -MISS_VALUE) - WORD_COST


# Tokens recur across the dumps of one site and language: what they say of themselves is kept.
@functools.lru_cache(maxsize=1 << 16)
def _token_facts(token: str, stops: frozenset[str]) -> _TokenFacts:
    words = tuple(_key(token).split())
    fixed: float | None = None
    if token in SEPARATORS:
        fixed = -SEPARATOR_COST
    elif not _content(list(words), stops) and not any(word.isdigit() for word in words):
        fixed = GLUE_VALUE - WORD_COST
    elif all(word.isdigit() for word in words):
        fixed = -WORD_COST
    return _TokenFacts(
        words=words,
        ends=_ends_sentence(token),
        opens=_opens_heading(token),
        bare=not any(char.isalnum() for char in token),
        closes=bool(words)
        and words[-1] not in stops
        and (not token.rstrip("\"”’»')]").endswith((".", ",", ";", ":")) or bool(_INITIALS.match(token))),
        lowercase=token[:1].islower() and any(word not in stops for word in words),
        breaks=token in BREAKS,
        capital_stop=token[:1].isupper() and len(words) == 1 and words[0] in stops,
        fixed_value=fixed,
        stems=tuple(_stem(word) for word in words),
    )


def _glued_spans(
    raw: list[str], owners: list[int], lines: Sequence[DumpLine], start: int, body: frozenset[str], stops: frozenset[str]
) -> list[tuple[int, int, float]]:
    """The spans of running text before the article's first unit that read best like its headline
    (a flattened dump glues the headline between the menu and the byline, date or standfirst):
    runs of words the article uses, opening with a capital, ending where a new block begins, not
    crossing a sentence end; (first token, end token, value), the `GLUED_CANDIDATES` of most value,
    the best one for each place a span may end. The block cuts are guesses that may glue a menu's
    item to the headline: a span may open inside a block."""
    text = _running_text(raw, owners, start, body, stops)
    if text is None:
        return []
    lo = text.lo
    # Running text before the article that the model takes for article text is the article's own (a
    # long paragraph cut into sentences), not a header the headline is glued into.
    running = {
        owner: lines[owner].kind == LineKind.CONTENT
        and not is_heading(lines[owner].text)
        and (owner >= start or lines[owner].content < CONTENT)
        for owner in set(owners[lo : text.hi])
    }
    found: list[tuple[int, int, float]] = []
    for i in range(lo, text.hi):
        if not running[owners[i]] or not text.opens[i - lo] or raw[i] in SEPARATORS or text.marks[i - lo]:
            continue
        if i >= text.first_body and _after_prose(raw, owners, i, start):
            continue
        end, value = _best_end(raw, owners, text, i, start)
        if value > 0:
            found.append((i, end, value))
    # Spans that end at one place differ in how much of the menu before them they take: the words'
    # value settles that, and the candidates differ in where they end (and so in what they are).
    by_end: dict[int, tuple[int, int, float]] = {}
    for span in found:
        if span[1] not in by_end or span[2] > by_end[span[1]][2]:
            by_end[span[1]] = span
    return sorted(by_end.values(), key=lambda span: -span[2])[:GLUED_CANDIDATES]


def _best_end(raw: list[str], owners: list[int], text: _RunningText, i: int, start: int) -> tuple[int, float]:
    """Where a span opening at token `i` best ends, and its value: the words' values, more where a
    byline, a date or a bare mark follows, less the farther it is from the article."""
    lo, first_body = text.lo, text.first_body
    values, closes, marks, opens, bare, ends, halts, lowercase, capital_stops = (
        text.values,
        text.closes,
        text.marks,
        text.opens,
        text.bare,
        text.ends,
        text.halts,
        text.lowercase,
        text.capital_stops,
    )
    # Inside the article's first unit a capital may open a name or, in German, any noun: there a
    # span ends only at a mark, unless the unit opens the dump (the page's header glued to the
    # lede), the span does not start after a word the article uses and, once it reads as a
    # sentence, the capital opens no word the article uses.
    after_word = i > lo and owners[i - 1] == owners[i]
    inside = i >= first_body and (start > 0 or (after_word and values[i - 1 - lo] > 0))
    unit_end = bisect_right(owners, owners[i])
    total = 0.0
    sentence_case = False
    best_end, best_value = i, 0.0
    for j in range(i, min(i + MAX_WORDS, text.hi, unit_end)):
        k = j - lo
        token = raw[j]
        if j > i and (halts[k] or (sentence_case and capital_stops[k])):
            break
        total += values[k]
        sentence_case = sentence_case or lowercase[k]
        last_of_unit = j + 1 == unit_end
        marked = not last_of_unit and marks[k + 1]
        # Where a unit, a sentence or a run of words ends, or a byline, a date or a bare mark
        # follows, a block ends; before a capital it may only be the next word of a title-case headline.
        strong = last_of_unit or marked or bare[k + 1] or token.endswith(("!", "?"))
        # A capital after a sentence-case span opens another block unless it is a word the article uses (a name, a German noun).
        weak = not last_of_unit and opens[k + 1] and (j < first_body or not (inside or (sentence_case and values[k + 1] > GLUE_VALUE)))
        if (strong or weak) and closes[k]:
            value = total + (MARKED_END if marked else STRONG_END if strong else 0.0) - max(0, first_body - j) / GLUE_WORDS
            if value > best_value:
                best_end, best_value = j + 1, value
        if ends[k] or marked:
            break
    return best_end, best_value


def _after_prose(raw: list[str], owners: list[int], first: int, start: int) -> bool:
    """Whether lower-case words of more than three letters come before the token at `first` in its
    unit, the article's first: a span starting there is a piece of the lede, not a headline glued
    before it. Where the unit opens the dump, the page's header is glued to the lede and a menu has a
    lower-case word or two ("Local news"); a few make the lede's prose."""
    allowed = 0 if start > 0 else PROSE_WORDS - 1
    found = 0
    index = first - 1
    while index >= 0 and owners[index] == owners[first]:
        if raw[index][:1].islower() and sum(char.isalpha() for char in raw[index]) > 3:
            found += 1
            if found > allowed:
                return True
        index -= 1
    return False


def _opens_byline(raw: list[str], index: int) -> bool:
    """Whether the token at `index` opens a byline (`By Anna Berg`, `par: …`), not a `by` inside a headline."""
    token = raw[index]
    if not BYLINE.match(token):
        return False
    following = raw[index + 1] if index + 1 < len(raw) else ""
    return token[:1].isupper() or token.endswith(":") or following[:1].isupper()


def _ends_sentence(token: str) -> bool:
    # Chinese and Japanese end sentences without a space after them: a full stop anywhere in the token counts.
    return (token.endswith((".", "!", "?", "…")) and not _INITIALS.match(token)) or any(mark in token for mark in "。！？")


def _frequent_short_words(keys: Sequence[str]) -> frozenset[str]:
    """The dump's own most frequent short words (`keys`: its lines' keys): its stop words when its language is not known."""
    counts = Counter(word for key in keys for word in key.split() if len(word) <= SHORT_WORD and not word.isdigit())
    return frozenset(word for word, _ in counts.most_common(FREQUENT_WORDS))


def find_headline(
    lines: Sequence[DumpLine],
    start: int,
    url: str | None,
    stops: frozenset[str] = frozenset(),
    blocks: Blocks = None,
    keys: Sequence[str] | None = None,
) -> Headline | None:
    """The headline before (or glued to the start of) unit `start`, the article's first line;
    `stops` are the stop words of the dump's language, `blocks` where each line's blocks start (see
    `headline_candidates`), `keys` the lines' `_key`s if known. The candidates are ranked by the
    learned headline model (`headline_model`), which reads `_score` among their other features."""
    return headline_model.choose(headline_candidates(lines, start, url, stops, blocks, keys))


def headline_candidates(
    lines: Sequence[DumpLine],
    start: int,
    url: str | None,
    stops: frozenset[str] = frozenset(),
    blocks: Blocks = None,
    keys: Sequence[str] | None = None,
) -> list[Candidate]:
    """Every headline candidate before (or glued to the start of) unit `start`, with its features
    (`headline_model.FEATURE_NAMES`): heading-shaped lines, repeated spans, slug spans, glued spans
    and runs of a few blocks. `blocks` holds, for each line, where in its text each of its blocks
    starts (the printed sentences of a flattened dump hold several); None: every line is one block."""
    slug = slug_words(url)
    keys = keys if keys is not None else _line_keys(lines)
    # Every copy of a candidate, wherever the dump prints it (the `<title>`, a share text, a footer's link).
    printed_keys = f" {' '.join(keys)} "
    stops = stops or _frequent_short_words(keys)
    lo = max(0, start - WINDOW)
    # Copies a few lines apart count (the <title>, the heading, the share text); a line doubled in
    # place ("is sponsored by" twice) is the layout's, not the page's emphasis.
    where: defaultdict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        if not where[key] or index - where[key][-1] > 2:
            where[key].append(index)
    counts = Counter({key: len(found) for key, found in where.items()})
    raw, token_keys, owners = _tokens(lines, start)
    token_starts = _TokenStarts(lines, owners)
    opens_block = _block_starts(owners, token_starts, lo, blocks)
    spans = _repeated_spans(token_keys, owners, lo)
    body = body_vocabulary(lines, start, stops, keys)
    # A heading line also printed inside a longer line (`Africa | <headline>`) is repeated too.
    printed = {
        owners[first]: len({j for j in copies if abs(owners[j] - owners[first]) > 2}) + 1
        for first, end, copies in spans
        if end - first == len(lines[owners[first]].text.split()) and token_starts[first] == 0
    }
    found: list[Candidate] = []
    headings: set[int] = set()
    for index in range(lo, min(start, len(lines))):
        line = lines[index]
        if line.kind != LineKind.CONTENT or not is_heading(line.text):
            continue
        after = index + 1 < len(lines) and lines[index + 1].blank_before
        standalone = 0.3 * line.blank_before + 0.3 * after
        repeats = max(counts[keys[index]], printed.get(index, 1))
        cohesive = cohesion(line.text, body, stops)
        score = _score(line.text, line, start - index, repeats, slug, standalone, cohesive)
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        edges = _Edges(index, start - index, True, True, 1.0, False, _marks_end(following.split()[:3]), index - 1 in headings, True, True)
        headings.add(index)
        features = _features(line.text, line, 0, score, edges, repeats, slug, standalone, cohesive)
        covered = _blocks_covered(opens_block, bisect_left(owners, index), bisect_right(owners, index))
        found.append(
            Candidate(
                Headline(line.text, index, True),
                [*features, covered, NO_NEIGHBOUR, NO_NEIGHBOUR, printed_keys.count(f" {keys[index]} "), 0.0],
            )
        )
    sources = [(spans, 1), (_slug_candidates(token_keys, owners, lo, start, slug, stops), 2)]
    glued = _glued_spans(raw, owners, lines, start, body, stops)
    values = {(first, end): value for first, end, value in glued}
    sources.append(([(first, end, set()) for first, end, _ in glued], 3))
    # Without blocks inside lines (a dump that is not flattened) every run of blocks is a line or more.
    runs = _block_runs(raw, opens_block, owners, lo, start, body, stops) if blocks is not None else []
    # A run of blocks inside a phrase the dump prints again is a piece of that phrase: the cut inside it is a wrong guess.
    repeated = [(first, end) for first, end, _ in spans]
    runs = [(first, end) for first, end in runs if not any(a <= first and end <= b and (a, b) != (first, end) for a, b in repeated)]
    sources.append(([(first, end, set()) for first, end in runs], 4))
    offered: set[tuple[int, int]] = set()
    for source_spans, source in sources:
        for first, end, copies in source_spans:
            # A run of blocks that another source found already is that candidate, with its block edges.
            if (first, end) in offered:
                continue
            offered.add((first, end))
            text = " ".join(raw[first:end]).strip(" -|–—:·•»")
            owner = lines[owners[first]]
            # A span whose copy lies inside a longer heading line is a piece of that heading.
            if any(is_heading(lines[owners[j]].text) and len(lines[owners[j]].text) > len(text) for j in copies):
                continue
            if (
                owner.kind != LineKind.CONTENT
                or not is_heading(text)
                or not _whole_phrase(text, stops)
                or _key(text) == keys[owners[first]]
            ):
                continue
            if owners[first] >= start and _after_prose(raw, owners, first, start):
                continue
            # The place and wire of a dateline ("MOSCOW (Sputnik) -") open the lede; they are not its headline.
            dateline = find_dateline(" ".join(raw[first : end + 3]))
            if dateline is not None and dateline.end >= len(" ".join(raw[first:end])):
                continue
            start_token = next((t for t in range(end, len(owners)) if owners[t] >= start), len(owners))
            distance = (start_token - end) // WORDS_PER_UNIT
            repeats = len(copies) + 1
            cohesive = cohesion(text, body, stops)
            score = _score(text, owner, distance, repeats, slug, 0.0, cohesive)
            last = end - 1
            span_end = token_starts[last] + len(raw[last])
            same_unit = end < len(owners) and owners[end] == owners[first]
            edges = _Edges(
                owners[first],
                distance,
                first == 0 or owners[first - 1] != owners[first],
                not same_unit,
                len(text) / max(len(owner.text), 1),
                first > 0 and owners[first - 1] == owners[first] and (raw[first - 1] in BREAKS or raw[first - 1] in SEPARATORS),
                same_unit and (_opens_byline(raw, end) or bool(_DATE_START.match(" ".join(raw[end : end + 3])))),
                False,
                opens_block[first],
                end >= len(owners) or opens_block[end],
            )
            features = [
                *_features(text, owner, source, score, edges, repeats, slug, 0.0, cohesive),
                _blocks_covered(opens_block, first, end),
                _neighbour_value(raw, owners, first - 1, owners[first], body, stops),
                _neighbour_value(raw, owners, end, owners[first], body, stops),
                printed_keys.count(f" {_key(text)} "),
                values.get((first, end), 0.0),
            ]
            found.append(Candidate(Headline(text, owners[first], False, span_end), features))
    return found


def _block_starts(owners: list[int], token_starts: _TokenStarts, lo: int, blocks: Blocks) -> list[bool]:
    """Whether a block of the dump opens at each token of `_tokens` (every line's first token does;
    `blocks` says where in a line's text its other blocks start, read from line `lo` on, where the
    candidates are, and from a glued span's first word)."""
    opens = [True, *map(operator.ne, owners, owners[1:])] if owners else []
    if blocks is None or not owners:
        return opens
    first = min(bisect_left(owners, lo), max(0, bisect_left(owners, owners[-1]) - GLUE_WORDS))
    for owner in range(owners[first] if first < len(owners) else len(blocks), owners[-1] + 1):
        for offset in blocks[owner][1:]:
            token = token_starts.token_at(owner, offset)
            # A block of bare marks (`|`) holds no token: the next one opens the next block.
            if token < len(opens) and owners[token] == owner:
                opens[token] = True
    return opens


def _neighbour_value(raw: list[str], owners: list[int], token: int, owner: int, body: frozenset[str], stops: frozenset[str]) -> float:
    """What the word just before or after a span, in its unit, is worth to a headline (see
    `_TokenFacts.value`): a span cut out of a longer headline has a word the article uses beside it,
    one cut out of a menu a word it does not; `NO_NEIGHBOUR` where the unit ends there."""
    if token < 0 or token >= len(owners) or owners[token] != owner:
        return NO_NEIGHBOUR
    return _token_facts(raw[token], stops).value(body)


def _blocks_covered(opens_block: list[bool], first: int, end: int) -> int:
    """How many blocks the tokens `first`..`end` cover, in part or whole."""
    return 1 + sum(opens_block[first + 1 : end])


def _block_runs(
    raw: list[str], opens_block: list[bool], owners: list[int], lo: int, start: int, body: frozenset[str], stops: frozenset[str]
) -> list[tuple[int, int]]:
    """Runs of one to `RUN_BLOCKS` adjacent blocks inside a line from `lo` to `start` (a flattened
    dump's printed sentence: the block cuts tell where the headline glued into it ends), shorter
    than the line and than a headline's most words, opening at most `GLUE_WORDS` words before the
    article's first unit (a flattened page's menu holds hundreds of blocks), opening with a capital
    or a digit and ending where a headline may end: the `BLOCK_RUN_CANDIDATES` whose words the
    article uses most (see `_TokenFacts.value`)."""
    first_body = bisect_left(owners, start)
    first_token, last_token = max(bisect_left(owners, lo), first_body - GLUE_WORDS), bisect_right(owners, start)
    if first_token >= last_token:
        return []
    facts = [_token_facts(token, stops) for token in raw[first_token:last_token]]
    values = list(itertools.accumulate((fact.value(body) for fact in facts), initial=0.0))
    runs: list[tuple[float, int, int]] = []
    owner_start = bisect_left(owners, owners[first_token])
    while owner_start < last_token:
        owner_end = bisect_right(owners, owners[owner_start])
        bounds = [t for t in range(max(owner_start, first_token), owner_end) if opens_block[t]] + [owner_end]
        for i, first in enumerate(bounds[:-1] if len(bounds) > 2 else []):
            if not facts[first - first_token].opens:
                continue
            for end in bounds[i + 1 : i + 1 + RUN_BLOCKS]:
                if end - first > MAX_WORDS:
                    break
                if end - first < owner_end - owner_start and facts[end - 1 - first_token].closes:
                    runs.append((values[end - first_token] - values[first - first_token], first, end))
        owner_start = owner_end
    return [(first, end) for _, first, end in sorted(runs, reverse=True)[:BLOCK_RUN_CANDIDATES]]


def _slug_candidates(
    keys: list[str], owners: list[int], lo: int, hi: int, slug: set[str], stops: frozenset[str]
) -> list[tuple[int, int, set[int]]]:
    return [(first, end, set()) for first, end in _slug_spans(keys, owners, lo, hi, slug, stops)] if slug else []


def _marks_end(words: list[str]) -> bool:
    """Whether these words (those after a candidate) open a byline or a date line."""
    return bool(words) and (bool(BYLINE.match(words[0])) or bool(_DATE_START.match(" ".join(words))))


@dataclass(frozen=True)
class _Edges:
    """Where a candidate sits (see `_features`)."""

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


def _features(
    text: str, line: DumpLine, source: int, score: float, edges: _Edges, repeats: int, slug: set[str], standalone: float, cohesive: float
) -> list[float]:
    tokens = text.split()
    words = _key(text).split()
    shared = set(words) & slug
    slugged = min(len(shared) / len(set(words)), len(shared) / len(slug)) if slug and words else -1.0
    dated = bool(YEAR_OR_CLOCK.search(text)) and (
        len(words) <= DATE_LINE_WORDS or bool(_DATE_START.match(text) or _CLOCK_OR_DATE.search(text))
    )
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
        float(bool(SENTENCE_END.search(text))),
        float(dated),
        float(bool(BYLINE.match(text))),
        sum(token[:1].isupper() for token in tokens) / max(len(tokens), 1),
        sum(any(char.isdigit() for char in token) for token in tokens) / max(len(tokens), 1),
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


@dataclass(slots=True)
class _Printed:
    """Units joined back into the sentence a flattened dump printed (see `printed_sentences`)."""

    text: str
    position: int
    blank_before: bool
    kind: LineKind
    content: float
    units: list[int]
    offsets: list[int]
    """Where each unit starts in `text`."""
    glued: bool = False
    """A printed sentence follows the one before it across a sentence end, never glued to it."""


def printed_groups(lines: Sequence[DumpLine]) -> list[list[int]]:
    """The lines' indices grouped into the sentences the dump printed: the blocks of a flattened
    dump that no sentence end parts are one sentence; every other line is one of its own."""
    groups: list[list[int]] = []
    for index, line in enumerate(lines):
        if line.glued and groups:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def printed_sentences(lines: Sequence[DumpLine]) -> list[_Printed]:
    """The lines with the blocks of a flattened dump joined back into its sentences. The block cuts
    that split a menu from a headline are guesses, and a wrong one splits the headline itself; the
    headline is found in the text as the converter printed it, where its own shape tells its edges."""
    printed: list[_Printed] = []
    for units in printed_groups(lines):
        if len(units) == 1:
            line = lines[units[0]]
            size = len(line.text)
            printed.append(_Printed(line.text, line.position, line.blank_before, line.kind, line.content * size / max(size, 1), units, [0]))
            continue
        members = [lines[index] for index in units]
        texts = [member.text for member in members]
        # The model's guess for the sentence is its blocks' guesses weighed by their length.
        content = sum(member.content * len(member.text) for member in members) / max(sum(map(len, texts)), 1)
        kind = LineKind.CONTENT if any(member.kind == LineKind.CONTENT for member in members) else members[0].kind
        offsets = list(itertools.accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        printed.append(_Printed(" ".join(texts), members[0].position, members[0].blank_before, kind, content, units, offsets))
    return printed


def locate_headline(lines: Sequence[DumpLine], url: str | None, stops: frozenset[str] = frozenset()) -> tuple[int | None, Headline | None]:
    """The article's first unit (`body_start`) and its headline (`find_headline`), both read on the
    dump's sentences as printed and given back as units of `lines`."""
    if not any(line.glued for line in lines):
        keys = _line_keys(lines)
        start = body_start(lines, keys)
        return (start, find_headline(lines, start, url, stops, keys=keys)) if start is not None else (None, None)
    printed = printed_sentences(lines)
    keys = _line_keys(printed)
    start = body_start(printed, keys)
    if start is None:
        return None, None
    found = find_headline(printed, start, url, stops, [sentence.offsets for sentence in printed], keys)
    first_unit = printed[start].units[0]
    if found is None:
        return first_unit, None
    host = printed[found.line]
    if len(host.units) == 1:
        return first_unit, Headline(found.text, host.units[0], found.whole_line, found.end)
    end = len(host.text) if found.whole_line else found.end
    piece = bisect_right(host.offsets, max(end - 1, 0)) - 1
    return first_unit, Headline(found.text, host.units[piece], False, end - host.offsets[piece], host.units[0])
