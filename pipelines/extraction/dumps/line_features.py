"""The text-only features the line model reads of each unit of a dump (see `units`).

`features` describes each unit by its shape (length, punctuation, case, digits, links), its
words (density of the language's stop words from jusText's lists, picked with py3langid; density
of the dump's own most frequent short words, which works for any language), repetition in the
dump, position, the same for its neighbours, and the block around it (runs of long lines, the
dump's densest region). Nothing depends on one outlet's or one language's wording.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable, Sequence
from operator import attrgetter, methodcaller

import numpy as np

from pipelines.extraction.dumps import char_classes
from pipelines.extraction.dumps.arrays import distinct_ids, piece_sums, segment_sums
from pipelines.extraction.dumps.lines import ELLIPSIS, without_citations
from pipelines.extraction.dumps.stop_words import stoplist
from pipelines.extraction.dumps.units import LIST_ITEM, SENTENCE_MARK, URLISH, Unit
from pipelines.extraction.scripts import CJK_CHARACTER, CJK_RANGES
from pipelines.extraction.text_keys import comparison_keys

# Chinese and Japanese write no spaces: a run of their characters is read two at a time, about a
# word each, so that word counts, lengths and repeats mean the same as in spaced scripts.
_WORD = re.compile(rf"[{CJK_RANGES}]{{1,2}}|[^\W{CJK_RANGES}]+")
SEPARATORS = re.compile(r"[|»›·/→>•]")
# A year `\b(?:19|20)\d{2}\b` and a clock time `\b\d{1,2}:\d{2}\b`, written to start on a literal
# so the regex engine can skip ahead to it (three to six times faster over a dump); only whether a
# unit holds one is read, and that is the same. A pattern that opens on a set of characters has
# the engine test the set at every character (ten times a literal's cost): the year is two
# patterns, each opening on its century (see `_holds_any`).
YEARS = (re.compile(r"19(?<=\b\d\d)\d\d\b"), re.compile(r"20(?<=\b\d\d)\d\d\b"))
CLOCK = re.compile(r":(?:(?<=\b\d:)|(?<=\b\d\d:))\d\d\b")
# `©|\(c\)|\bcopyright\b` case-insensitively, each pattern opening on a literal ("c" folds to
# nothing but "C", so the matches are the same).
COPYRIGHTS = (
    re.compile("©"),
    re.compile(r"\([cC]\)"),
    re.compile(r"c(?<=\bc)(?i:opyright)\b"),
    re.compile(r"C(?<=\bC)(?i:opyright)\b"),
)

CONTEXT_OFFSETS = (-3, -2, -1, 1, 2, 3)
WINDOWS = (5, 15)


BASE_NAMES = (
    "log_chars",
    "log_words",
    "mean_word_len",
    "alpha_ratio",
    "digit_ratio",
    "upper_ratio",
    "capword_ratio",
    "punct_ratio",
    "comma_per_word",
    "terminal",
    "ends_colon",
    "starts_lower",
    "bullet",
    "urlish",
    "at_sign",
    "separators_per_word",
    "stop_density",
    "common_density",
    "log_repeats",
    "seen_before",
    "rel_pos",
    "rel_word_pos",
    "log_source_chars",
    "log_source_units",
    "blank_before",
    "blank_after",
    "has_year",
    "has_clock",
    "log_sentences",
    "copyright",
    "log_prefix_repeats",
    "log_suffix_repeats",
    "log_distance_to_repeat",
    "ends_ellipsis",
    "starts_digit",
)
CONTEXT_NAMES = (
    "log_words",
    "terminal",
    "stop_density",
    "capword_ratio",
    "urlish",
    "digit_ratio",
    "log_repeats",
    "has_year",
    "has_clock",
    "bullet",
    "log_prefix_repeats",
    "log_suffix_repeats",
)
_CONTEXT_COLUMNS = [BASE_NAMES.index(name) for name in CONTEXT_NAMES]
WINDOW_NAMES = ("log_words", "terminal", "stop_density", "long")
FEATURE_NAMES = (
    BASE_NAMES
    + tuple(f"{name}@{offset:+d}" for offset in CONTEXT_OFFSETS for name in CONTEXT_NAMES)
    + tuple(f"mean_{name}@{window}" for window in WINDOWS for name in WINDOW_NAMES)
    + (
        "log_long_run",
        "log_distance_to_long",
        "dense_offset",
        "log_dense_distance",
        "dump_log_units",
        "dump_long_share",
        "dump_mean_log_words",
        "dump_has_stoplist",
    )
)


def features(units: list[Unit], lang: str | None, keys: Sequence[str] | None = None) -> np.ndarray:
    """One row of `FEATURE_NAMES` per unit; `lang` (see `stop_words.dump_language`) picks the stop-word list,
    `keys` are the units' `comparison_key`s if known (the headline search reads them too).

    Computed for all units at once (character classes over the dump's code points, regular
    expressions over the joined text, word counts over the flat word list): a loop per unit was
    a third of a dump's extraction time. Every figure is the same as a unit-by-unit count.
    """
    n = len(units)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    texts = list(map(attrgetter("text"), units))
    joined = _joined(texts)
    keys = comparison_keys(texts) if keys is None else keys
    # Where the dump holds no Chinese or Japanese, a unit's words (`_WORD`) are its `\w+` runs, which
    # are the words of its key (the key reads every other character as a space), and its words joined
    # are its key: splitting the keys, which the headline search reads too, costs a quarter of the
    # pattern's scan.
    if CJK_CHARACTER.search(joined) is None:
        words, phrases = [key.split() for key in keys], keys
    else:
        words = _unit_words(joined)
        phrases = [" ".join(unit_words) for unit_words in words]
    stops = stoplist(lang)
    flat = list(itertools.chain.from_iterable(words))
    # Each distinct word (in first-seen order, as Counter keeps them) is looked at once.
    distinct, word_ids = distinct_ids(flat)
    lengths = np.fromiter(map(len, distinct), dtype=np.int64, count=len(distinct))
    common = _common_words(distinct, np.bincount(word_ids, minlength=len(distinct)), lengths)
    n_words = np.fromiter(map(len, words), dtype=np.int64, count=n)
    repeat_counts, seen_before = _uses(phrases)
    # Teaser lists and comment threads repeat a frame around changing text ("Click to view
    # comments ...", "... 12 Comments", "... More…"): units sharing their first two or last word.
    prefix_counts, _ = _uses([" ".join(ws[:2]) for ws in words])
    suffix_counts, _ = _uses([ws[-1] if ws else "" for ws in words])
    prefix_repeats = np.where(n_words >= 2, prefix_counts, 1)
    suffix_repeats = np.where(n_words >= 1, suffix_counts, 1)

    word_ends = np.cumsum(n_words)
    word_starts = word_ends - n_words
    wn = np.maximum(n_words, 1)
    word_chars = segment_sums(lengths[word_ids], word_starts, word_ends)
    stop_words = segment_sums(
        np.fromiter(map(stops.__contains__, distinct), dtype=bool, count=len(distinct))[word_ids], word_starts, word_ends
    )
    common_words = segment_sums(common[word_ids], word_starts, word_ends)
    total_words = int(word_ends[-1]) or 1

    chars = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    starts = np.concatenate([[0], np.cumsum(chars[:-1] + 1)])
    ends = starts + chars
    classes = char_classes.char_classes(joined)
    # Each unit's sums run on over the NUL after it (see `_joined`), which is of none of the classes
    # counted here and opens no token.
    letters = piece_sums(classes & char_classes.ALPHA > 0, starts)
    upper = piece_sums(classes & char_classes.UPPER > 0, starts)
    digits = piece_sums(classes & char_classes.DIGIT > 0, starts)
    spaces = piece_sums(classes & char_classes.BLANK > 0, starts)
    commas = piece_sums(classes & char_classes.COMMA > 0, starts)
    separators = piece_sums(classes & char_classes.SEPARATOR > 0, starts)
    at_sign = piece_sums(classes & char_classes.AT > 0, starts) > 0
    # `str.split()` tokens: a non-space character after a space or at the unit's start.
    space = classes & (char_classes.SPACE | char_classes.JOINT) > 0
    token_start = ~space
    token_start[1:] &= space[:-1]
    tokens = piece_sums(token_start, starts)
    capwords = piece_sums(token_start & (classes & char_classes.UPPER > 0), starts)
    # A sentence closed by reference marks ("… in 1642.[31]") ends where its text does.
    cited = np.zeros(n, dtype=np.int64)
    for index in _owners(_CLOSING_BRACKET, joined, starts).tolist():
        cited[index] = len(texts[index]) - len(without_citations(texts[index]))
    last = classes[np.maximum(ends - 1 - cited, starts)]
    punct = chars - letters - digits - spaces

    source = np.fromiter(map(attrgetter("source"), units), dtype=np.int64, count=n)
    # Units come in order of their source: each source's number among them is the count of changes before it.
    owner = np.concatenate([[0], np.cumsum(source[1:] != source[:-1])])
    source_chars = np.bincount(owner, weights=chars + 1).astype(np.int64)[owner]
    source_units = np.bincount(owner)[owner]
    blank_before = np.fromiter(map(attrgetter("blank_before"), units), dtype=bool, count=n)
    blank_after = np.append(blank_before[1:], False)

    base = np.column_stack(
        [
            _exact(math.log1p, chars),
            _exact(math.log1p, n_words),
            word_chars / wn,
            letters / chars,
            digits / chars,
            upper / np.maximum(letters, 1),
            capwords / np.maximum(tokens, 1),
            punct / chars,
            commas / wn,
            last & char_classes.TERMINAL > 0,
            last & char_classes.COLON > 0,
            classes[starts] & char_classes.LOWER > 0,
            np.fromiter(map(bool, map(LIST_ITEM.match, texts)), dtype=bool, count=n),
            _urlish_counts(texts, joined, starts) / wn,
            at_sign,
            separators / wn,
            stop_words / wn,
            common_words / wn,
            _exact(math.log, repeat_counts),
            seen_before,
            np.arange(n) / n,
            (word_starts) / total_words,
            _exact(math.log1p, source_chars),
            _exact(math.log, source_units),
            blank_before,
            blank_after,
            _holds_any(YEARS, joined, starts),
            _match_counts(CLOCK, joined, starts) > 0,
            _exact(math.log1p, _match_counts(SENTENCE_MARK, joined, starts)),
            _holds_any(COPYRIGHTS, joined, starts),
            _exact(math.log, prefix_repeats),
            _exact(math.log, suffix_repeats),
            _exact(math.log1p, _distance_to(repeat_counts >= 3)),
            np.fromiter(map(methodcaller("endswith", ELLIPSIS), texts), dtype=bool, count=n),
            classes[starts] & char_classes.DIGIT > 0,
        ]
    ).astype(float)
    return np.hstack([base, _context(base), _blocks(base, stops)])


# A unit closed by a bracket, the only one reference marks may close (see `lines.without_citations`).
_CLOSING_BRACKET = re.compile(r"\](?=\x00|\Z)")
# Every match of URLISH holds one of these (a cheap test that spares most units the full pattern).
# `://|www\.|\.(?:com|org|net|htm|php|asp)` (case-insensitive), each opening on a literal, as COPYRIGHTS.
_URLISH_HINTS = (
    re.compile("://"),
    re.compile(r"w(?i:ww\.)"),
    re.compile(r"W(?i:ww\.)"),
    re.compile(r"\.(?i:com|org|net|htm|php|asp)"),
)


def _joined(texts: list[str]) -> str:
    """The units joined by NUL, which no pattern here matches and which is neither a word
    character nor a space, so no match spans two units; a NUL inside a unit becomes another
    such control character for the same reason."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:
        joined = "\x00".join(text.replace("\x00", "\x01") for text in texts)
    return joined


def _unit_words(joined: str) -> list[list[str]]:
    """Each unit's case-folded words (`\\w+`): the joined units are case folded at once (it goes
    character by character), then each unit's words are found on its own (a NUL parts two units,
    see `_joined`), which is cheaper than one scan that finds the NULs among the words."""
    return [_WORD.findall(text) for text in joined.casefold().split("\x00")]


def _uses(items: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """How often each item occurs among `items`, and whether an equal item comes before it."""
    _, ids = distinct_ids(items)
    # Distinct items are numbered in order of first use: a first use is numbered above every item before it.
    before = np.maximum.accumulate(np.concatenate([[-1], ids[:-1]]))
    return np.bincount(ids)[ids], ids <= before


def _common_words(distinct: list[str], counts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Whether each distinct word is one of the dump's 30 most frequent short words (five characters
    at most, not a number): `Counter.most_common`'s choice, whose ties go to the word seen first."""
    # `str.isdigit` of every distinct word in one C-level map: cheaper than a Python loop over the short ones.
    numbers = np.fromiter(map(str.isdigit, distinct), dtype=bool, count=len(distinct))
    short = np.flatnonzero((lengths <= 5) & ~numbers)
    common = np.zeros(len(distinct), dtype=bool)
    common[short[np.lexsort((short, -counts[short]))[:30]]] = True
    return common


def _match_counts(pattern: re.Pattern[str], joined: str, starts: np.ndarray) -> np.ndarray:
    """Non-overlapping matches of `pattern` in each unit of `joined` (see `_joined`)."""
    return np.bincount(_owners(pattern, joined, starts), minlength=len(starts))


def _owners(pattern: re.Pattern[str], joined: str, starts: np.ndarray) -> np.ndarray:
    found = np.fromiter(map(re.Match.start, pattern.finditer(joined)), dtype=np.int64)
    return np.searchsorted(starts, found, side="right") - 1


def _owners_of_any(patterns: tuple[re.Pattern[str], ...], joined: str, starts: np.ndarray) -> np.ndarray:
    """The units each match of any of `patterns` stands in, pattern after pattern: a unit holds a
    match of their alternation where it holds one of any (no match spans two units)."""
    return np.concatenate([_owners(pattern, joined, starts) for pattern in patterns])


def _holds_any(patterns: tuple[re.Pattern[str], ...], joined: str, starts: np.ndarray) -> np.ndarray:
    """Whether each unit of `joined` holds a match of any of `patterns`."""
    return np.bincount(_owners_of_any(patterns, joined, starts), minlength=len(starts)) > 0


def _urlish_counts(texts: list[str], joined: str, starts: np.ndarray) -> np.ndarray:
    """URLISH matches per unit, the full pattern run only over the units that hold its cheap hint."""
    counts = np.zeros(len(texts), dtype=np.int64)
    for index in np.unique(_owners_of_any(_URLISH_HINTS, joined, starts)).tolist():
        counts[index] = len(URLISH.findall(texts[index]))
    return counts


# Counts below this are looked up in a table of `_exact`'s function instead of sorted out.
_TABLE_SIZE = 4096


def _exact(function: Callable[[float], float], values: np.ndarray) -> np.ndarray:
    """`function` (math's, as the model was trained with) of each value, computed once per distinct value."""
    table = _table(function)
    if len(values) and values.dtype.kind in "iu" and values.min() >= 0 and values.max() < _TABLE_SIZE:
        found = table[values]
        if not np.isnan(found).any():
            return found
    distinct, inverse = np.unique(values, return_inverse=True)
    return np.array([function(value) for value in distinct.tolist()])[inverse]


@functools.cache
def _table(function: Callable[[float], float]) -> np.ndarray:
    """`function` of 0 .. `_TABLE_SIZE` - 1, NaN where it is undefined (log 0)."""
    return np.array([_defined(function, value) for value in range(_TABLE_SIZE)])


def _defined(function: Callable[[float], float], value: int) -> float:
    try:
        return function(value)
    except ValueError:
        return math.nan


def _shift(column: np.ndarray, offset: int, fill: float) -> np.ndarray:
    out = np.full_like(column, fill)
    if offset > 0:
        out[:-offset] = column[offset:]
    else:
        out[-offset:] = column[:offset]
    return out


def _context(base: np.ndarray) -> np.ndarray:
    """The context columns of the units at each offset (-1 past the dump's ends), offset by offset:
    slices of one padded copy rather than a shifted copy per column and offset."""
    n = len(base)
    reach = max(map(abs, CONTEXT_OFFSETS))
    padded = np.full((n + 2 * reach, len(_CONTEXT_COLUMNS)), -1.0)
    padded[reach : reach + n] = base[:, _CONTEXT_COLUMNS]
    return np.hstack([padded[reach + offset : reach + offset + n] for offset in CONTEXT_OFFSETS])


def _window_bounds(n: int, half: int) -> tuple[np.ndarray, np.ndarray]:
    """Where the window of `half` units either side of each unit starts and ends (clipped to the dump).
    `np.maximum` and `np.minimum` rather than `np.clip`, whose overhead is several times theirs: these
    run a dozen times a dump, most dumps are short."""
    positions = np.arange(n)
    return np.maximum(positions - half, 0), np.minimum(positions + half + 1, n)


def _window_mean(column: np.ndarray, half: int) -> np.ndarray:
    padded = np.concatenate([[0.0], np.cumsum(column)])
    lo, hi = _window_bounds(len(column), half)
    return (padded[hi] - padded[lo]) / (hi - lo)


def _window_means(columns: np.ndarray, halves: tuple[int, ...]) -> np.ndarray:
    """`_window_mean` of each column for each half-width, side by side: one cumulative sum down all
    the columns serves every width."""
    padded = np.vstack([np.zeros((1, columns.shape[1])), np.cumsum(columns, axis=0)])
    n = len(columns)
    means = []
    for half in halves:
        lo, hi = _window_bounds(n, half)
        means.append((padded[hi] - padded[lo]) / (hi - lo)[:, None])
    return np.hstack(means)


def _blocks(base: np.ndarray, stops: frozenset[str]) -> np.ndarray:
    n = len(base)
    log_words = base[:, BASE_NAMES.index("log_words")]
    terminal = base[:, BASE_NAMES.index("terminal")]
    stop_density = base[:, BASE_NAMES.index("stop_density")]
    # A "long" unit is a sentence-like one: ten words or more.
    long = (log_words >= math.log1p(10)).astype(float)
    window = _window_means(np.column_stack([log_words, terminal, stop_density, long]), WINDOWS)
    run = _run_lengths(long)
    distance = _distance_to(long > 0)
    mass = _window_mean(np.expm1(log_words), 10)
    dense = int(np.argmax(mass))
    offsets = np.arange(n) - dense
    dump = np.broadcast_to([math.log(n), long.mean(), log_words.mean(), float(bool(stops))], (n, 4))
    return np.column_stack(
        [
            window,
            np.log1p(run),
            np.log1p(distance),
            offsets / n,
            np.log1p(np.abs(offsets)),
            dump,
        ]
    )


PROBABILITY_OFFSETS = (-3, -2, -1, 1, 2, 3)
PROBABILITY_WINDOWS = (2, 5, 15)
SECOND_STAGE_NAMES = (
    *FEATURE_NAMES,
    "p",
    *tuple(f"p@{offset:+d}" for offset in PROBABILITY_OFFSETS),
    *tuple(f"mean_p@{window}" for window in PROBABILITY_WINDOWS),
    "log_p_run",
    "log_distance_to_p",
    "p_dense_offset",
    "p_mass_before",
    "p_mass_after",
    "gaps_from_dense",
)
# A gap is a run of this many units the first stage thinks are not article text (a share bar, a
# "related" list, the header of a comment thread): the article rarely has one inside it.
GAP_UNITS = 4


def second_stage(first: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The first stage's features plus what it thought of the neighbourhood: a line amid article
    text is article text, a lone "sentence" amid menus is likely a teaser."""
    n = len(p)
    if n == 0:
        return np.zeros((0, len(SECOND_STAGE_NAMES)))
    hit = p >= 0.5
    run = _run_lengths(hit)
    positions = np.arange(n)
    distance = _distance_to(hit)
    words = np.expm1(first[:, BASE_NAMES.index("log_words")])
    mass = p * words
    dense = int(np.argmax(_window_mean(mass, 10)))
    total = mass.sum() or 1.0
    cumulative = np.cumsum(mass)
    # A gap ends where a run of low units reaches GAP_UNITS (a longer run is one gap).
    gaps = np.cumsum(_streaks(p < 0.3) == GAP_UNITS, dtype=float)
    return np.column_stack(
        [
            first,
            p,
            *(_shift(p, offset, -1.0) for offset in PROBABILITY_OFFSETS),
            *(_window_mean(p, half) for half in PROBABILITY_WINDOWS),
            np.log1p(run),
            np.log1p(distance),
            (positions - dense) / n,
            (cumulative - mass) / total,
            (total - cumulative) / total,
            gaps - gaps[dense],
        ]
    )


def _streaks(mask: np.ndarray) -> np.ndarray:
    """For each unit, how many true units run up to it and include it (0 where false)."""
    positions = np.arange(len(mask))
    return positions - np.maximum.accumulate(np.where(mask, -1, positions))


def _distance_to(mask: np.ndarray) -> np.ndarray:
    """For each unit, how many units away the nearest true unit is (0 on one; the dump's length when there is none)."""
    n = len(mask)
    indices = np.flatnonzero(mask)
    if not len(indices):
        return np.full(n, n)
    positions = np.arange(n)
    nearest = np.searchsorted(indices, positions).clip(0, len(indices) - 1)
    before = (nearest - 1).clip(0)
    return np.minimum(np.abs(indices[nearest] - positions), np.abs(indices[before] - positions))


def _run_lengths(mask: np.ndarray) -> np.ndarray:
    """For each unit, the length of the run of true units it belongs to (0 where false)."""
    true = np.asarray(mask) != 0
    bounded = np.concatenate([[0], true.astype(np.int8), [0]])
    edges = bounded[1:] - bounded[:-1]
    lengths = np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)
    run = np.zeros(len(true))
    run[true] = np.repeat(lengths, lengths)
    return run
