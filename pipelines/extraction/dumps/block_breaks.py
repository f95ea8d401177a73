"""Where a page's blocks ended, in a dump that flattened the whole page onto one line.

`trafilatura.html2txt` and converters like it print a page as one line: the menu, the headline,
the byline and the paragraphs run into each other ("… Energie Wärme Wärmepumpenmarkt wächst um 42
Prozent gegenüber dem Vorjahr Wärmepumpen boomen - auch weil …"). Sentence ends split the
paragraphs apart but leave the menu glued to the headline and the headline to the lede, so the
line model would have to keep or drop them together. A small model (models/breaks.json, made by
`bench/train_block_breaks.py` from HTML pages, whose tags say where each block ends) reads each
gap between two words by text-only shapes: case, punctuation and digits of the words around it,
the dump's own frequent words (so any language), the run of capitalised words and the sentence it
sits in. Where it finds a boundary likely, the line is cut.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from pathlib import Path

import numpy as np

from pipelines.extraction.dates.parsing import MONTHS, WEEKDAY_PATTERN, ZONE_PATTERN
from pipelines.extraction.dates.written import LONG_MONTH_NAMES, MONTH_NUMBERS
from pipelines.extraction.dumps import char_classes
from pipelines.extraction.dumps.arrays import distinct_ids, piece_sums
from pipelines.extraction.dumps.trees import TreeModel

MODEL_PATH = Path(__file__).resolve().parent / "models" / "breaks.json"
# A cut is made where a boundary is likelier than not.
THRESHOLD = 0.5
# Words either side of a gap whose shapes are averaged.
SPAN = 4
# The dump's most frequent words that start in lower case stand in for its language's stop words.
COMMON_WORDS = 40
_CAP = 60
DASHES = frozenset("-–—")
# A date's parts ("Friday 25 December 2015", "Nov. 25", "Dec. 7, 2024", "23 July"), and a clock
# time and the words after it that belong to it ("6:00 PM", "05:00 Uhr", "11:57 AM UTC"): the
# model, which reads a digit after a word or before a capital as a likely boundary, cut 213 months
# from their years and 47 of 48 clocks from their units in the dev set's flattened dumps, and the
# dates went undated or lost their hour. `_date_part` says which of these a token may be.
_MONTH, _DAY, _WEEKDAY, _DAY_COMMA, _YEAR, _CLOCK, _CLOCK_UNIT = (1 << bit for bit in range(7))
# (the word before the gap, the word after it)
_PAIRS = ((_MONTH, _DAY | _YEAR), (_DAY, _MONTH), (_WEEKDAY, _DAY), (_DAY_COMMA, _YEAR), (_CLOCK, _CLOCK_UNIT))
# Month names as a date prints them after a day or before one: English ones and their
# abbreviations, the other languages' long ones; a shorter one only with its dot.
_MONTH_NAMES = frozenset(MONTHS) | LONG_MONTH_NAMES
_SHORT_MONTH_NAMES = frozenset(MONTH_NUMBERS)
_WEEKDAYS = re.compile(WEEKDAY_PATTERN)
_NUMBER = re.compile(r"(\d{1,4})([,.;:]?)")
_CLOCK_TIME = re.compile(r"[0-2]?\d:[0-5]\d")
_ZONE = re.compile(ZONE_PATTERN)
_AM_PM = frozenset(("am", "pm", "a.m.", "p.m.", "am.", "pm."))
# Every token that case-folds to one of `_AM_PM`: its letters in either case (no other character
# folds to "a", "m" or "p"), so that a set lookup in C stands for `casefold` on each distinct token.
_AM_PM_PRINTED = frozenset("".join(chars) for word in _AM_PM for chars in itertools.product(*({char, char.upper()} for char in word)))

TOKEN_NAMES = (
    "upper",
    "lower",
    "digit",
    "symbol",
    "terminal",
    "colon",
    "comma",
    "separator",
    "caps",
    "log_len",
    "common",
    "has_digit",
    "opens_quote",
    "log_frequency",
)
_NEAR_NAMES = ("upper", "lower", "terminal", "common", "separator")
BREAK_FEATURE_NAMES = (
    tuple(f"left_{name}" for name in TOKEN_NAMES)
    + tuple(f"right_{name}" for name in TOKEN_NAMES)
    + tuple(f"left2_{name}" for name in _NEAR_NAMES)
    + tuple(f"right2_{name}" for name in _NEAR_NAMES)
    + (
        "upper_before",
        "upper_after",
        "common_before",
        "common_after",
        "terminal_before",
        "terminal_after",
        "log_upper_run_left",
        "log_upper_run_right",
        "log_since_terminal",
        "log_until_terminal",
        "log_pair_frequency",
        "rel_pos",
        "log_tokens",
    )
)
_NEAR_COLUMNS = [TOKEN_NAMES.index(name) for name in _NEAR_NAMES]
_LOWER, _DIGIT, _TERMINAL, _COMMON = (TOKEN_NAMES.index(name) for name in ("lower", "digit", "terminal", "common"))


def _common(lowered: list[str], starts_lower: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Whether each distinct token, lower-cased (`lowered`), is one of the COMMON_WORDS words the dump
    uses most often in lower case: `Counter(...).most_common`'s choice, whose ties go to the word used
    first (distinct tokens come in order of first use, so their lower-case forms do too)."""
    words, word_ids = distinct_ids(list(itertools.compress(lowered, starts_lower.tolist())))
    uses = np.bincount(word_ids, weights=counts[starts_lower], minlength=len(words))
    common = {words[i] for i in np.argsort(-uses, kind="stable")[:COMMON_WORDS].tolist()}
    return np.fromiter(map(common.__contains__, lowered), dtype=bool, count=len(lowered))


def _token_shapes(distinct: list[str], ids: np.ndarray) -> np.ndarray:
    """One row of `TOKEN_NAMES` per distinct token (`ids`: each token's). A token's shape depends on
    its text alone, so it is read once per distinct token, from the class bits of the distinct
    tokens joined by single spaces."""
    lengths = np.fromiter(map(len, distinct), dtype=np.int64, count=len(distinct))
    starts = np.concatenate([[0], np.cumsum(lengths[:-1] + 1)])
    ends = starts + lengths
    text = " ".join(distinct)
    classes = char_classes.char_classes(text)
    first, last = classes[starts], classes[ends - 1]
    # A token's sums run on over the space after it, which is neither a letter nor a digit.
    letters = piece_sums(classes & char_classes.ALPHA > 0, starts)
    upper = piece_sums(classes & char_classes.UPPER > 0, starts)
    digits = piece_sums(classes & char_classes.DIGIT > 0, starts)
    starts_lower = first & char_classes.LOWER > 0
    counts = np.bincount(ids)
    return np.column_stack(
        [
            first & char_classes.UPPER > 0,
            starts_lower,
            first & char_classes.DIGIT > 0,
            first & (char_classes.ALPHA | char_classes.DIGIT) == 0,
            last & char_classes.TERMINAL > 0,
            last & char_classes.COLON > 0,
            last & char_classes.COMMA > 0,
            (letters == 0) & (digits == 0),
            (letters > 1) & (upper == letters),
            np.log(lengths),
            # Lower-cased at once: a space stops the final sigma's look at its neighbours, so each token
            # lowers as on its own, and no token holds a space.
            _common(text.lower().split(" "), starts_lower, counts),
            digits > 0,
            first & char_classes.OPENING > 0,
            np.log(counts),
        ]
    ).astype(float)


def _window_shares(columns: np.ndarray, gaps: np.ndarray) -> np.ndarray:
    """For each gap and column, the mean of the column over the SPAN tokens before the gap, then over
    the SPAN tokens from its right word on; only at the gaps, all columns at once."""
    n = len(columns)
    totals = np.vstack([np.zeros((1, columns.shape[1])), np.cumsum(columns, axis=0)])
    lo, hi = np.maximum(gaps + 1 - SPAN, 0), gaps + 1
    before = (totals[hi] - totals[lo]) / (hi - lo)[:, None]
    lo, hi = gaps + 1, np.minimum(gaps + 1 + SPAN, n)
    after = (totals[hi] - totals[lo]) / (hi - lo)[:, None]
    return np.stack([before, after], axis=2).reshape(len(gaps), 2 * columns.shape[1])


def _run_left(flags: np.ndarray) -> np.ndarray:
    """Length of the run of set flags ending at each position."""
    index = np.arange(len(flags))
    last_unset = np.maximum.accumulate(np.where(flags, -1, index))
    return index - last_unset


def _distance_since(flags: np.ndarray) -> np.ndarray:
    """Tokens since the last set flag before each position, at most _CAP."""
    index = np.arange(len(flags))
    last_set = np.concatenate([[-1], np.maximum.accumulate(np.where(flags, index, -1))[:-1]])
    return np.minimum(index - last_set, _CAP)


def gap_features(tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The gaps between consecutive tokens where a boundary is possible at all (gap i lies after
    token i), and one row of `BREAK_FEATURE_NAMES` for each. A word in lower case that does not
    follow a sentence's end continues its sentence (a boundary there once in 200 in the training
    pages), a dash leads into what follows it (a dateline's `MOSCOW (Reuters) -`), and a month's
    day or year and a clock's unit or zone belong to them (`December 2015`, `6:00 PM`): no gap there."""
    n = len(tokens)
    if n < 2:
        return np.zeros(0, dtype=np.intp), np.zeros((0, len(BREAK_FEATURE_NAMES)))
    distinct, ids = distinct_ids(tokens)
    # A token's row is its distinct token's, looked up only where it is read: all tokens' rows are
    # never laid out.
    shapes = _token_shapes(distinct, ids)
    upper, lower, terminal = (shapes[:, column].take(ids) for column in (0, _LOWER, _TERMINAL))
    after_dash = np.fromiter(map(DASHES.__contains__, distinct), dtype=bool, count=len(distinct))[ids[:-1]]
    # Every pair has a figure on one side, but AM/PM before its zone: only the tokens beside such
    # a token are read further.
    # (`shapes`' digit column is whether a token's first character `isdigit`.)
    near_figure = (shapes[:, _DIGIT] > 0) | np.fromiter(map(_AM_PM_PRINTED.__contains__, distinct), dtype=bool, count=len(distinct))
    beside = near_figure[ids[:-1]] | near_figure[ids[1:]]
    parts = np.zeros(len(distinct), dtype=np.uint8)
    for index in np.unique(np.concatenate([ids[:-1][beside], ids[1:][beside]])).tolist():
        parts[index] = _date_part(distinct[index])
    before, after = parts[ids[:-1]], parts[ids[1:]]
    joined = np.zeros(len(ids) - 1, dtype=bool)
    for left, right in _PAIRS:
        joined |= ((before & left) > 0) & ((after & right) > 0)
    gaps = np.flatnonzero(((lower[1:] == 0) | (terminal[:-1] > 0)) & ~after_dash & ~joined)
    # The near columns of the tokens two before and two after each gap; past the line's ends, zeros
    # (the row after the last distinct token's).
    near = np.vstack([shapes[:, _NEAR_COLUMNS], np.zeros(len(_NEAR_COLUMNS))])
    padded_ids = np.concatenate([[len(distinct)], ids, [len(distinct)]])
    upper_runs = _run_left(upper > 0)
    since_terminal = _distance_since(terminal > 0)
    until_terminal = _distance_since(terminal[::-1] > 0)[::-1]
    pairs = ids[:-1] * (int(ids.max()) + 1) + ids[1:]
    distinct_pairs, pair_counts = np.unique(pairs, return_counts=True)
    x = np.column_stack(
        [
            shapes[ids[gaps]],
            shapes[ids[gaps + 1]],
            near[padded_ids[gaps]],
            near[padded_ids[gaps + 3]],
            _window_shares(shapes[:, [0, _COMMON, _TERMINAL]][ids], gaps),
            np.log1p(upper_runs[gaps]),
            np.log1p(_run_left(upper[::-1] > 0)[::-1][gaps + 1]),
            np.log(since_terminal[gaps + 1]),
            np.log(until_terminal[gaps]),
            np.log(pair_counts[np.searchsorted(distinct_pairs, pairs[gaps])]),
            gaps / n,
            np.full(len(gaps), math.log(n)),
        ]
    )
    return gaps, x


def _date_part(token: str) -> int:
    """Which parts of a date or a clock `token` may be (`_MONTH` … `_CLOCK_UNIT`, or-ed). Read for
    each distinct token beside a figure in every flattened dump: characters and set lookups first,
    a pattern only where they leave it open."""
    if len(token) > 10:
        return 0
    if token[0].isdigit():
        number = _NUMBER.fullmatch(token)
        if number is None:
            return _CLOCK if _CLOCK_TIME.fullmatch(token) else 0
        digits, mark = number.groups()
        if len(digits) == 4:
            return _YEAR if digits[:2] in ("19", "20") else 0
        if len(digits) > 2 or int(digits) > 31:
            return 0
        return (_DAY if mark in ("", ".", ",") else 0) | (_DAY_COMMA if mark == "," else 0)
    word = token.rstrip(",").casefold()
    parts = 0
    if word.rstrip(".") in _MONTH_NAMES or (word.endswith(".") and word[:-1] in _SHORT_MONTH_NAMES):
        parts |= _MONTH
    if _WEEKDAYS.fullmatch(word):
        parts |= _WEEKDAY
    if word in _AM_PM:
        parts |= _CLOCK | _CLOCK_UNIT
    bare = token.rstrip(",.;:|")
    if bare in ("Uhr", "h") or ((bare.isupper() or bare[:1] in "+-") and _ZONE.fullmatch(bare)):
        parts |= _CLOCK_UNIT
    return parts


@functools.cache
def load(path: Path = MODEL_PATH) -> TreeModel:
    return TreeModel.from_json(json.loads(path.read_text()), BREAK_FEATURE_NAMES)


def split_blocks(line: str, tokens: list[str] | None = None) -> list[str]:
    """The line cut where a block boundary is likely; a line with none comes back whole. `tokens`:
    the line's `str.split()`, if the caller has it (a flattened page's line is the whole page)."""
    tokens = line.split() if tokens is None else tokens
    if len(tokens) < 2:
        return [line]
    gaps, x = gap_features(tokens)
    cuts = gaps[load().probabilities(x) > THRESHOLD] + 1
    bounds = [0, *cuts.tolist(), len(tokens)]
    return [" ".join(tokens[start:end]) for start, end in itertools.pairwise(bounds)]
