"""The text-dump code's faster forms give exactly what the plain forms they replace give.

Each rewrite (one pass over a whole dump instead of one per line, a regex opening on a literal, a
lookup table instead of a sort) is checked against the straightforward form on text made to trip it:
case folding that changes length (ß, İ), a final sigma, NULs and line breaks inside a unit,
punctuation-only tokens, and the words the case-insensitive patterns fold (ſ, K, ı).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pytest

from pipelines.extraction import appeals, consent, furniture_phrases, text_keys, urls, wording
from pipelines.extraction.dates import datelines
from pipelines.extraction.dates.written import WRITTEN_DATE
from pipelines.extraction.dumps import (
    arrays,
    block_breaks,
    char_classes,
    code_runs,
    leaked_markup,
    line_features,
    line_model,
    page_code,
    photo_credits,
    reader,
    reading_times,
    stamp_breaks,
    units,
    widgets,
)
from pipelines.extraction.dumps import comments as dump_comments
from pipelines.extraction.dumps import duplicates as dump_duplicates
from pipelines.extraction.dumps.duplicates import deduplicate
from pipelines.extraction.dumps.headlines import article_body
from pipelines.extraction.dumps.headlines import features as headline_features
from pipelines.extraction.dumps.headlines import model as headline_model
from pipelines.extraction.dumps.headlines import spans as headline_spans
from pipelines.extraction.dumps.headlines import text as headline_text
from pipelines.extraction.dumps.headlines import tokens as headline_tokens
from pipelines.extraction.dumps.lines import Line
from pipelines.extraction.scripts import CJK_CHARACTER
from pipelines.extraction.teaser_labels import TEASER_LABEL, opens_with_teaser_label

TRICKY = [
    "Straße İstanbul ΟΔΟΣ ΣΟΦΟΣ | News",
    "© 2024 Example. All rights reserved (C) COPYRIGHT copyrights ſopyright",
    "Visit WWW.Example.COM or https://x.org/a.html, ww.w. .Net .ASP .ſhtml",
    "He said: “Yes.” Then (he) left! «Quoi?» Non. 3 p.m. ok… Next one。次の文",
    "",
    "nul\x00inside and \x01 controls",
    "— … ·",
    "ΚΑΛΗΜΈΡΑ Σ. Kelvin K and dotless ı",
]


@dataclass
class _Line:
    text: str
    position: int = 0
    blank_before: bool = False
    kind: str = "content"
    content: float = 0.0


def test_line_keys_are_each_lines_key() -> None:
    lines = [_Line(text) for text in [*TRICKY, "two\nlines"]]
    assert headline_text.line_keys(lines) == [text_keys.comparison_key(line.text) for line in lines]
    assert headline_text.line_keys(lines[:-1]) == [text_keys.comparison_key(line.text) for line in lines[:-1]]


def test_tokens_are_keyed_as_one_token_at_a_time() -> None:
    lines = [_Line(text) for text in TRICKY]
    raw, keys, owners = headline_tokens.dump_tokens(lines, len(lines) - 1)
    expected = [
        (match.group(), match.group().casefold().translate(headline_tokens._PUNCTUATION) or match.group(), index, match.start())
        for index, line in enumerate(lines)
        for match in headline_tokens._TOKEN.finditer(line.text)
    ]
    assert [
        (token, key, owner, headline_tokens.TokenStarts(lines, owners)[t])
        for t, (token, key, owner) in enumerate(zip(raw, keys, owners, strict=True))
    ] == expected


def test_literal_first_patterns_match_where_the_plain_ones_do() -> None:
    plain = {
        line_features.COPYRIGHTS: re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE),
        line_features._URLISH_HINTS: re.compile(r"://|www\.|\.(?:com|org|net|htm|php|asp)", re.IGNORECASE),
        line_features.YEARS: re.compile(r"\b(?:19|20)\d{2}\b"),
    }
    texts = [*TRICKY, "In 1999, 2000 and 20201 or 1920s; ©2024 (C) (c)opyright Copyrights x1999 2019", "WwW.x.COM w.w. .Html ..org"]
    texts += ["copyright COPYRİGHT copyrıght ſ(C)", "", "1920\x002019", "c\x00opyright"]
    text = "\x00".join(texts) * 2
    starts = np.array([0, *itertools.accumulate(len(unit) + 1 for unit in texts * 2)][:-1])
    for fast, slow in plain.items():
        # Patterns that each open on a literal find, together, what their alternation finds.
        assert sorted(m.span() for pattern in fast for m in pattern.finditer(text)) == [m.span() for m in slow.finditer(text)]
        assert [m.span() for m in slow.finditer(text)]
        holders = np.zeros(len(starts), dtype=bool)
        holders[line_features._owners(slow, text, starts)] = True
        assert line_features._holds_any(fast, text, starts).tolist() == holders.tolist()
    ends = [m.start() for m in units.SENTENCE_END.finditer(text)]
    assert ends and [m.start() + 1 for m in units.SENTENCE_MARK.finditer(text)] == ends


def test_unit_words_are_each_units_words() -> None:
    texts = [text.replace("\x00", "\x01") for text in TRICKY]
    joined = line_features._joined(TRICKY)
    assert line_features._unit_words(joined) == [line_features._WORD.findall(text.casefold()) for text in texts]
    # Without Chinese or Japanese, they are the words of the units' keys, and the keys their joins.
    units = [text for text in TRICKY if not CJK_CHARACTER.search(text)]
    keys = text_keys.comparison_keys(units)
    assert [key.split() for key in keys] == line_features._unit_words(line_features._joined(units))
    assert keys == [" ".join(key.split()) for key in keys]


def test_exact_logs_are_maths_own_past_the_table_too() -> None:
    values = np.array([0, 1, 2, 7, 4095, 4096, 10**6, 3, 0])
    assert line_features._exact(math.log1p, values).tolist() == [math.log1p(v) for v in values.tolist()]
    assert line_features._exact(math.log, values[1:-1]).tolist() == [math.log(v) for v in values[1:-1].tolist()]


def test_character_classes_beyond_latin_1_are_looked_up_as_before() -> None:
    text = "\x00".join(TRICKY)
    expected = [char_classes.class_of(char) for char in text]
    assert char_classes.char_classes(text).tolist() == expected
    # The second time, every class comes from the table the first call filled.
    assert char_classes.char_classes(text).tolist() == expected


# A stump on feature 1 (the second): left leaf 1.0 below 0.5, right leaf 2.0.
_STUMP = {
    "leaf": [False, True, True],
    "left": [1, -1, -1],
    "right": [2, -1, -1],
    "feature": [1, 0, 0],
    "threshold": [0.5, 0, 0],
    "value": [0, 1.0, 2.0],
}


def test_tree_walk_reaches_the_leaf_the_tree_says() -> None:
    # Two trees: a stump on feature 1, and a tree of depth 2 whose left branch is a leaf.
    data = {
        "baseline": 0.25,
        "features": ["a", "b"],
        "trees": [
            _STUMP,
            {
                "leaf": [False, True, False, True, True],
                "left": [1, -1, 3, -1, -1],
                "right": [2, -1, 4, -1, -1],
                "feature": [0, 0, 1, 0, 0],
                "threshold": [0.0, 0, 2.0, 0, 0],
                "value": [0, 10.0, 0, 20.0, 40.0],
            },
        ],
    }
    model = line_model.TreeModel.from_json(data, ("a", "b"))
    x = np.array([[-1.0, 0.0], [1.0, 1.0], [1.0, 3.0], [np.nan, np.nan]])
    expected = np.array([1.0 + 10.0, 2.0 + 20.0, 2.0 + 40.0, 1.0 + 10.0]) + 0.25
    assert model.probabilities(x).tolist() == (1.0 / (1.0 + np.exp(-expected))).tolist()


def test_run_lengths_count_each_run_of_true_units() -> None:
    mask = np.array([1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    assert line_features._run_lengths(mask).tolist() == [2, 2, 0, 1, 0, 0, 3, 3, 3]
    assert line_features._run_lengths(np.array([False, False])).tolist() == [0, 0]
    assert line_features._run_lengths(np.array([], dtype=bool)).tolist() == []


def _plain_token_rows(tokens: list[str]) -> np.ndarray:
    """`block_breaks._token_shapes` token by token, as it was first written."""
    rows = []
    lowered = [token.lower() for token in tokens]
    counted = Counter(word for word, token in zip(lowered, tokens, strict=True) if token[0].islower())
    common = {word for word, _ in counted.most_common(block_breaks.COMMON_WORDS)}
    counts = Counter(tokens)
    for token, low in zip(tokens, lowered, strict=True):
        letters = sum(c.isalpha() for c in token)
        upper = sum(c.isupper() for c in token)
        digits = sum(c.isdigit() for c in token)
        first, last = char_classes.class_of(token[0]), char_classes.class_of(token[-1])
        rows.append(
            [
                token[0].isupper(),
                token[0].islower(),
                token[0].isdigit(),
                not (token[0].isalpha() or token[0].isdigit()),
                last & char_classes.TERMINAL > 0,
                last & char_classes.COLON > 0,
                last & char_classes.COMMA > 0,
                letters == 0 and digits == 0,
                letters > 1 and upper == letters,
                math.log(len(token)),
                low in common,
                digits > 0,
                first & char_classes.OPENING > 0,
                math.log(counts[token]),
            ]
        )
    return np.array(rows, dtype=float)


def test_token_rows_read_once_per_distinct_token_are_each_tokens_row() -> None:
    # Over forty lower-case words with tied counts (the choice of common words falls on ties), case
    # variants of one word ("The", "the"), and the tricky texts' tokens.
    words = [f"w{n}" for n in range(60)]
    tokens = [*itertools.chain.from_iterable(zip(words, words[::-1], strict=True)), "The", "the", "ſ", "İs", "x²"]
    tokens += "\x00".join(TRICKY).split() * 2
    distinct, ids = arrays.distinct_ids(tokens)
    assert distinct == list(dict.fromkeys(tokens))
    assert [distinct[i] for i in ids.tolist()] == tokens
    assert block_breaks._token_shapes(distinct, ids)[ids].tolist() == _plain_token_rows(tokens).tolist()


def test_common_words_are_counters_most_common() -> None:
    flat = [*(f"k{n % 37}" for n in range(200)), "12", "12", "12", "longword", "longword", "ß", "ſ", *(f"t{n}" for n in range(40))]
    distinct, ids = arrays.distinct_ids(flat)
    lengths = np.fromiter(map(len, distinct), dtype=np.int64)
    common = line_features._common_words(distinct, np.bincount(ids), lengths)
    vocabulary = Counter({w: c for w, c in Counter(flat).items() if len(w) <= 5 and not w.isdigit()})
    assert {w for w, flag in zip(distinct, common.tolist(), strict=True) if flag} == {w for w, _ in vocabulary.most_common(30)}


def test_a_paragraph_with_one_long_sentence_found_elsewhere_is_no_copy() -> None:
    # Its sentences are read one at a time: one holder is not enough to drop it, and it holds the other.
    first = "The council voted on Tuesday to close the bridge."
    assert deduplicate([f"{first} Yes.", first]) == [f"{first} Yes."]


def test_streaks_count_the_true_units_running_up_to_each() -> None:
    mask = np.array([True, True, False, True, True, True, True, True, False, False, True])
    streak, expected = 0, []
    for flag in mask.tolist():
        streak = streak + 1 if flag else 0
        expected.append(streak)
    assert line_features._streaks(mask).tolist() == expected == [1, 2, 0, 1, 2, 3, 4, 5, 0, 0, 1]
    assert line_features._streaks(np.array([], dtype=bool)).tolist() == []


def test_window_shares_at_the_gaps_are_each_columns_window_means() -> None:
    columns = np.array([[1, 0, 1], [0, 0, 0], [1, 1, 0], [1, 1, 1], [0, 1, 0], [1, 0, 1], [0, 0, 1]], dtype=float)
    gaps = np.array([0, 2, 3, 5])
    n, span = len(columns), block_breaks.SPAN
    expected = [
        [
            share
            for column in columns.T.tolist()
            for share in (
                sum(column[max(0, g + 1 - span) : g + 1]) / (g + 1 - max(0, g + 1 - span)),
                sum(column[g + 1 : g + 1 + span]) / (min(n, g + 1 + span) - g - 1),
            )
        ]
        for g in gaps.tolist()
    ]
    assert block_breaks._window_shares(columns, gaps).tolist() == expected
    assert block_breaks._window_shares(columns, gaps[:0]).shape == (0, 6)


def test_a_line_without_a_possible_cut_has_no_gap_rows() -> None:
    gaps, x = block_breaks.gap_features(["hello", "world", "again"])
    assert gaps.tolist() == [] and x.shape == (0, len(block_breaks.BREAK_FEATURE_NAMES))


def test_comment_times_opening_on_a_digit_match_where_the_plain_pattern_does() -> None:
    plain = re.compile(
        r"\d{1,2}:\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\b\d+\s*(?:min|minutes?|hours?|hrs?|h|days?|d|weeks?|months?|years?)\s+ago\b",
        re.IGNORECASE,
    )
    texts = [
        *TRICKY,
        "marina_k 3 hours ago",
        "Anna — 17.07.2011 @ 17:50",
        "x12 days ago, 123:45 and 5min ago or 7 MONTHS AGO",
        "Ferry 07:30 from the north quay, 1.2.3 or 12/1/99 and a2 d ago",
        "٣ hours ago ١٢:٣٠",
    ]
    for text in texts:
        for start in range(len(text)):
            fast, slow = dump_comments._COMMENT_TIME.search(text, start, 120), plain.search(text, start, 120)
            assert (fast and fast.span()) == (slow and slow.span())


def test_addresses_looked_for_from_the_at_sign_are_found_where_the_plain_pattern_finds_them() -> None:
    plain = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
    texts = [
        *TRICKY,
        "Write to anna.berg+news@coastal-herald.example.org today",
        "@annaberg on X, or @ herald.example, or a@b, or a@b.c, or .@x.y and -@x-y.z",
        "Straße@müller.de ünd ΟΔΟΣ@σοφος.gr",
        "no address: name @ domain.com, name@domain, @domain.com",
    ]
    for text in texts:
        for start in range(len(text)):
            assert (reader.EMAIL.search(text[start:]) is None) == (plain.search(text[start:]) is None)


def test_best_runs_are_kadanes() -> None:
    weights = [3, -5, 4, -1, 2, -5, -5, 7, 0, -1, 1]
    best, ending, top = [], 0, 0
    for weight in weights:
        ending = max(0, ending + weight)
        top = max(top, ending)
        best.append(top)
    assert dump_comments._best_runs(np.array(weights)).tolist() == best == [3, 3, 4, 4, 5, 5, 5, 7, 7, 7, 7]
    assert dump_comments._best_runs(np.array([-2, -1])).tolist() == [0, 0]
    assert dump_comments._best_runs(np.array([], dtype=np.int64)).tolist() == []


def test_every_call_to_comment_holds_a_hint_whatever_its_case() -> None:
    calls = [
        "Leave a reply",
        "leave a Comment",
        "POST A COMMENT",
        "Add a comment",
        "write a comment",
        "Join the discussion",
        "Kommentar schreiben",
        "Schreibe einen Kommentar",
        "Deja un comentario",
        "escribe tu comentario",
        "Laissez un commentaire",
        "Lascia un commento",
        "Napisz komentarz",
        "Deixe seu comentário",
        "Plaats een reactie",
    ]
    # Letters the case-insensitive pattern folds beyond upper and lower case: ſ for s, K (Kelvin) for k, ı for i.
    variants = [text.replace("s", "ſ").replace("k", "\u212a").replace("i", "ı") for text in calls] + [text.swapcase() for text in calls]
    for text in [*calls, *variants, *TRICKY]:
        found = dump_comments.COMMENT_CALL.search(f"— {text} —") is not None
        assert found <= any(hint in f"— {text} —".lower() for hint in dump_comments._COMMENT_CALL_HINTS)
        assert found or text in TRICKY


def test_unit_counts_summed_over_each_unit_and_the_nul_after_it_are_each_units_counts() -> None:
    texts = [text for text in TRICKY if text]
    joined = line_features._joined(texts)
    chars = np.array([len(text) for text in texts])
    starts = np.concatenate([[0], np.cumsum(chars[:-1] + 1)])
    classes = char_classes.char_classes(joined)
    space = classes & (char_classes.SPACE | char_classes.JOINT) > 0
    token_start = ~space
    token_start[1:] &= space[:-1]
    flags = [classes & bit > 0 for bit in (char_classes.ALPHA, char_classes.UPPER, char_classes.DIGIT, char_classes.BLANK)]
    for values in [*flags, token_start]:
        assert arrays.piece_sums(values, starts).tolist() == arrays.segment_sums(values, starts, starts + chars).tolist()
    assert arrays.piece_sums(token_start, starts).tolist() == [len(text.replace("\x00", "\x01").split()) for text in texts]


def test_teaser_labels_are_tried_only_where_their_mark_stands() -> None:
    texts = [
        "Read more: Storm hits",
        "READ MORE » Storm",
        "Lesen Sie auch › Sturm",
        "ReaD more:x",
        "Read more Storm",
        "Read more:",
        *TRICKY,
    ]
    texts += [text.replace("s", "ſ").replace("k", "\u212a").replace("i", "ı") for text in texts]
    for text in texts:
        assert opens_with_teaser_label(text) == (TEASER_LABEL.match(text) is not None)
    assert opens_with_teaser_label("Read more: Storm hits")


def test_a_printed_sentences_key_is_its_units_keys_joined() -> None:
    keys = text_keys.comparison_keys(TRICKY)
    for first, end in itertools.combinations(range(len(TRICKY) + 1), 2):
        joined = " ".join(key for key in keys[first:end] if key)
        assert joined == text_keys.comparison_key(" ".join(TRICKY[first:end]))


def test_tokens_lowered_at_once_are_each_tokens_lowered() -> None:
    tokens = [*"\x00".join(TRICKY).split(), "Σ", "ΑΣ", "'Σ'", "ΑΣ'", "Σ.", "ΑΣΑ", "İ", "ΑΣ\u0301"]
    assert " ".join(tokens).lower().split(" ") == [token.lower() for token in tokens]


def test_site_notices_found_in_the_joined_keys_are_each_lines_own() -> None:
    keys = [
        "© 2024 example all rights reserved",
        "all rights",
        "reserved all rights reserved all rights reserved",
        "",
        "two\nlines all rights reserved",
        "la rédaction nest pas responsable des propos",
        "alle rechte vorbehalten",
        "nothing here",
    ]
    for some in (keys, keys[:4], keys[5:], [], [""]):
        expected = {index for index, key in enumerate(some) if any(phrase in key for phrase in reader.SITE_NOTICES)}
        assert wording.holding(some, "\n".join(some), reader.SITE_NOTICES) == expected


def test_clock_words_looked_up_in_their_printed_forms_are_those_that_fold_to_them() -> None:
    tokens = ["am", "AM", "p.M.", "Pm.", "a.m", "ам", "ＡＭ", "amp", "AM,", "pM", "a.m.", "P.m.", "ſm", "", "12:30"]
    for token in tokens:
        assert (token in block_breaks._AM_PM_PRINTED) == (token.casefold() in block_breaks._AM_PM)


def _plain_body_vocabulary(lines: list[_Line], start: int, stops: frozenset[str], lede_from: int | None) -> frozenset[str]:
    keys = [text_keys.comparison_key(line.text) for line in lines]
    taken = [text_keys.comparison_key(lines[start].text[lede_from:])] if lede_from and article_body.is_article_text(lines[start]) else []
    first = start if lede_from == 0 or start + 1 >= len(lines) else start + 1
    for line, key in zip(lines[first:], keys[first:], strict=True):
        if article_body.is_article_text(line) and Counter(keys)[key] == 1 and len(taken) < article_body.BODY_UNITS:
            taken.append(key)
    words = " ".join(taken).split()
    return frozenset(word[:5] for word in words if word not in stops and len(word) > 2 and not word.isdigit())


def test_body_vocabularies_at_once_are_each_ones_own() -> None:
    texts = ["Menu Home News", "By Anna Berg The harbour dredging starts", "Dredging the channel costs 12 million.", "Menu Home News"]
    texts += [f"Paragraph {i} about dredging works number{i}." for i in range(70)]
    lines = [_Line(text, i, content=0.1 if i == 0 else 0.9) for i, text in enumerate(texts)]
    stops = frozenset({"the", "about"})
    for start in (0, 1, len(lines) - 1):
        ledes = [12, 0, None]
        found = article_body.body_vocabularies(lines, start, stops, None, ledes)
        assert found == [_plain_body_vocabulary(lines, start, stops, lede_from) for lede_from in ledes]


def test_text_and_comparison_keys_at_once_are_each_texts_own() -> None:
    ascii_only = [f"Say{chr(code)}it{chr(code)}{chr(code)} AGAIN_1 " for code in range(128) if chr(code) != "\n"]
    for texts in (TRICKY, [*TRICKY, "two\nlines"], [], ["  Spaced — out!  "], ascii_only, [*ascii_only, "two\nlines"], ["a-b", "(c)"]):
        assert text_keys.text_and_comparison_keys(texts) == (
            [text_keys.text_key(text) for text in texts],
            [text_keys.comparison_key(text) for text in texts],
        )
        # As the pattern reads the keys, whatever the text's alphabet.
        assert text_keys.text_and_comparison_keys(texts) == (
            [text_keys._NOT_WORD.sub("", text.casefold()).strip() for text in texts],
            [" ".join(text_keys._NOT_WORD.sub(" ", text.casefold()).split()) for text in texts],
        )
    assert text_keys.text_and_comparison_keys(["Fact-Checker: OK", "E-Mail"]) == (
        ["factchecker ok", "email"],
        ["fact checker ok", "e mail"],
    )


def _plain_saying(texts: list[str], stems: tuple[str, ...], pattern: re.Pattern[str]) -> list[int]:
    return [index for index, text in enumerate(texts) if any(stem in text.lower() for stem in stems) and pattern.search(text)]


def test_texts_saying_a_phrase_are_found_where_the_stems_stand() -> None:
    stems = ("subscri", "newsletter", "folgen sie", "ss")
    pattern = re.compile(r"subscribe|newsletter|folgen sie uns|strasse", re.IGNORECASE)
    texts = [
        *TRICKY,
        "Subscribe to our NEWSLETTER",
        "İİİ subscribe",
        "no stem here",
        "Folgen Sie\nuns",
        "Folgen Sie uns auf Mastodon",
        "subscription to subscribe",
        "",
        "Strasse STRASSE",
        "newsletter",
    ]
    for chosen in (texts, texts[-1:], texts[:1], [], ["newsletter"] * 3):
        assert wording.saying(chosen, stems, pattern) == _plain_saying(chosen, stems, pattern)
    assert wording.saying(texts, stems, pattern) == [8, 9, 12, 13, 15, 16]


def _plain_slug_parts(words: list[str], slug: set[str]) -> list[tuple[str, ...]]:
    """`slug_parts` by the pattern of two or three slug words it was found with before."""
    compound = re.compile(f"(?:{'|'.join(map(re.escape, sorted(slug, key=len, reverse=True)))}){{2,3}}")
    found: list[tuple[str, ...]] = []
    for word in words:
        parts: tuple[str, ...] = ()
        for spelling in (word,) if word.isascii() else (word, *urls.address_spellings(word)):
            if spelling in slug or compound.fullmatch(spelling):
                parts = article_body._split(spelling, slug)
                break
        found.append(parts)
    return found


def test_slug_words_of_compounds_are_the_slug_patterns_parts() -> None:
    slug = {"thomanerchor", "geschaeftsfuehrer", "wird", "neu", "neuer", "a", "ab"}
    words = [
        "thomanerchorgeschäftsführer",
        "thomanerchorgeschaeftsfuehrer",
        "neuwird",
        "neuneuneu",
        "neuneuneuneu",
        "neuerwird",
        "wirdneu",
        "wirdxneu",
        "neu",
        "aab",
        "abab",
        "ababab",
        "abababab",
        "thomanerchorwirdneuer",
        "x",
        "",
        "neuer",
        "neue",
    ]
    for chosen in (slug, {"wird"}, {"a", "ab", "aba"}):
        assert article_body.slug_parts(words, chosen) == _plain_slug_parts(words, chosen)
    assert article_body.slug_parts(["neuwird", "wirdxneu", "abababab"], slug) == [("neu", "wird"), (), ()]


def test_a_candidates_shape_is_what_the_plain_patterns_find() -> None:
    texts = [
        *TRICKY,
        "Will the harbour stay open? Board decides today",
        "Pressemitteilung Nr. 48/22 vom 3. März",
        "Dec. 6, 2024 Sept. 25, 2018 01. Dez. 2022 | 14:08 Uhr",
        "Am 04. Dezember 2022. Danach",
        "Harbour board approves the new dredging plan Veröffentlicht: 24. Oktober 2022",
        "He left. (Then) she came.” „Yes”",
        "By Anna Berg 12:30",
        "Updated 2024-01-05 News",
        "1999",
    ]
    for text in texts:
        words = text_keys.comparison_key(text).split()
        dated = headline_features.YEAR_OR_CLOCK.search(text) and (
            len(words) <= headline_features.DATE_LINE_WORDS
            or headline_text.DATE_START.match(text)
            or headline_features._CLOCK_OR_DATE.search(text)
            or WRITTEN_DATE.search(text)
        )
        expected = headline_features.TextShape(
            len(words), bool(units.SENTENCE_END.search(text)), bool(dated), bool(headline_text.BYLINE.match(text))
        )
        assert headline_features.text_shape(text) == expected


def _plain_is_credit(text: str) -> bool:
    found = photo_credits.credits(text)
    return len(found) == 1 and found[0][0] == 0 and found[0][1] >= len(text.rstrip())


def test_a_credit_alone_is_found_as_by_its_credits() -> None:
    texts = [*TRICKY, "Foto: dpa", "(Foto: ABr)", "© Britta Radike / Greenpeace", "©Thinkstock", "Photo : Reuters", "dpa", "Foto dpa"]
    assert [photo_credits.is_credit(text) for text in texts] == [_plain_is_credit(text) for text in texts]
    assert photo_credits.is_credit("Foto: dpa") and photo_credits.is_credit("© Britta Radike / Greenpeace")


def test_clocks_are_found_from_their_colons_where_the_plain_pattern_finds_them() -> None:
    plain = re.compile(r"(?<![\d:])[0-2]?\d:[0-5]\d(?![\d:])")
    texts = [*TRICKY, "12:30 x 9:05, 32:30 ab1:23 12:34:56 :1:23 05:00Uhr 2:3 ٣:45 1٣:45 29:59", "10:30 Uhr - 17:00 Uhr", ":00 0:00"]
    for text in texts:
        assert stamp_breaks.clocks(text) == [clock.span() for clock in plain.finditer(text)]
    assert stamp_breaks.clocks(texts[-3])


def test_a_sentence_end_between_two_units_is_found_by_the_pattern_opening_on_its_mark() -> None:
    edges = [*TRICKY, "said. The", "Dec. 6", "Nr. 4", "04. Dezember", "end.” Next", "end.) (Next", "a? b", "x。次"]
    for text in edges + [f"{a[-4:]} {b[:2]}" for a, b in itertools.product(edges, repeat=2)]:
        assert (units.SENTENCE_MARK.search(text) is None) == (units.SENTENCE_END.search(text) is None)


def _plain_thread_heading(lines: list[Line], before: np.ndarray) -> int | None:
    text = "\n".join(line.text for line in lines)
    if not any(hint in text for hint in dump_comments._THREAD_HINTS):
        return None
    for found in dump_comments.THREAD_HEADING.finditer(text):
        index = text.count("\n", 0, found.start())
        if index and before[index - 1] >= dump_comments.THREAD_PROSE_BEFORE:
            return index
    return None


def test_a_thread_heading_is_looked_for_past_enough_prose_as_in_the_whole_page() -> None:
    prose = "The harbour bridge will close to all traffic from next month, the council said on Tuesday."
    # Headings before and after the prose, one glued across a line break to the quote it ends on
    # (the next line opens on that quote), one with blanks, and mixed-case words.
    texts = [
        "12 thoughts on “Old post”",
        "Menu comments",
        prose,
        "2 responses to",
        "“Harbour bridge” 3 replies to",
        "   \t",
        "« Le pont »",
        prose,
        "There are 13 comments",
        "5 Gedanken zu „Brücke“",
        "4 THoughts on 'x'",
    ]
    for order in itertools.permutations(range(len(texts)), 4):
        lines = [Line(texts[i], n, blank_before=False) for n, i in enumerate(order)] + [Line(prose, 4, blank_before=False)]
        weights = np.array([dump_comments._prose_weight(line) for line in lines])
        for before in (dump_comments._best_runs(weights), dump_comments._best_runs(weights * 4), np.full(len(lines), 100)):
            assert dump_comments._thread_heading(lines, before) == _plain_thread_heading(lines, before)


def test_a_dateline_is_matched_only_where_its_opening_capital_and_separator_stand() -> None:
    texts = [
        *TRICKY,
        "MOSCOW (Sputnik) - The ministry said",
        "Berlin, 3. März: Die Regierung",
        "WASHINGTON — The Senate",
        "Paris. Le gouvernement",
        "Kyiv reports repairs to power grid after strikes",
        "Harbour Bridge Will Close To Traffic",
        "ÉVORA - A cidade",
        "london - the",
        "NEW YORK/LONDON (Reuters)-Stocks",
    ]
    found = [text for text in texts if datelines.DATELINE_RE.match(text)]
    assert len(found) == 3
    for text in texts:
        match = datelines.DATELINE_RE.match(text)
        if match is None:
            assert datelines.find_dateline(text) is None
        else:
            assert "A" <= text[:1] <= "Z" and datelines._SEPARATOR_CHARACTER.search(text[: match.end()])


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of `pattern` (no `|` inside a group or a class is cut)."""
    found, depth, in_class, escaped, start = [], 0, False, False, 0
    for at, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            found.append(pattern[start:at])
            start = at + 1
    return [*found, pattern[start:]]


def test_the_appeals_boundary_tested_once_finds_what_each_alternative_would() -> None:
    bounded = _alternatives(f"{appeals._SUBSCRIBE}|{appeals._FOLLOW}|{appeals._SUPPORT}|{appeals._DISCLOSE}")
    assert len(bounded) == 72
    plain = re.compile(
        "|".join([*(rf"\b{alternative}" for alternative in bounded), appeals._NEWSLETTER_HEADING, appeals._BECOME]), re.IGNORECASE
    )
    texts = [
        *TRICKY,
        "Subscribe now for the full story",
        "xsubscribe now",
        "Follow us on Twitter",
        "Follow The Gleaner on Facebook",
        "She went on to become a member of parliament.",
        "Thanks. Become a member today",
        "PC Gamer Newsletter",
        "We may earn a commission from links on this page",
        "Sign up to get the best stories",
        "residents can sign up to receive alerts",
        "Síguenos en Telegram",
        "ſubscribe now",
    ]
    for text in texts:
        assert (appeals._APPEAL.search(text) is None) == (plain.search(text) is None), text
    assert sum(appeals._APPEAL.search(text) is not None for text in texts) == 9


def test_the_comment_marks_past_the_last_kept_line_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    is_heading = dump_comments._is_comment_heading

    def spy(text: str) -> bool:
        read.append(text)
        return is_heading(text)

    monkeypatch.setattr(dump_comments, "_is_comment_heading", spy)
    article = [f"The harbour bridge {i} will close to all traffic from next month, the council said on Tuesday." for i in range(6)]
    footer = ["Share", "Imprint", "Contact", "Privacy"]
    page = [
        Line(text, i, blank_before=False) for i, text in enumerate(["Harbour bridge to close", *article, *footer, "3 Comments", "Nice."])
    ]
    heading = 1 + len(article) + len(footer)
    assert dump_comments.thread_start(page) == heading
    read.clear()
    # Past the article's last line a thread would cut nothing: the footer and the heading after it are not read.
    assert dump_comments.thread_start(page, len(article)) is None
    assert not set(read) & {*footer, "3 Comments"}
    assert dump_comments.thread_start(page, heading) == heading


def test_candidates_never_headlines_are_asked_for_only_where_the_pick_reads_them(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    reads_as_links = headline_model.reads_as_links

    def spy(text: str) -> bool:
        asked.append(text)
        return reads_as_links(text)

    monkeypatch.setattr(headline_model, "reads_as_links", spy)
    texts = ["Read more", "Harbour bridge to close", "Home | News | Sport | Weather", "Sign up for our newsletter", "Ferry runs"]
    candidates = [headline_model.Candidate(headline_model.Headline(text, i, True), []) for i, text in enumerate(texts)]
    floor = headline_model.MIN_PROBABILITY
    rng = np.random.default_rng(3)
    draws = [rng.uniform(0.0, 2 * floor, len(texts)) for _ in range(200)]
    for chances in [*draws, np.full(len(texts), floor / 2), np.array([0.9, 0.01, 0.9, 0.9, 0.01]), np.array([0.9, 0.01, 0.9, 0.9, 0.02])]:
        plain = chances * [not reads_as_links(text) and not headline_model.reads_as_interface(text) for text in texts]
        asked.clear()
        lazy = chances * headline_model._may_be_headlines(candidates, chances)
        # What `likeliest` reads: the pick, its chance, and every chance that is likely enough.
        assert np.argmax(lazy) == np.argmax(plain) and lazy.max() == plain.max()
        assert ((lazy >= floor) == (plain >= floor)).all() and (lazy[plain >= floor] == plain[plain >= floor]).all()
    # The ranker's two likeliest are an interface label and a row of links; the third is taken and nothing below it is asked.
    asked.clear()
    headline_model._may_be_headlines(candidates, np.array([0.9, 0.04, 0.8, 0.6, 0.01]))
    assert asked == ["Read more", "Home | News | Sport | Weather", "Sign up for our newsletter", "Harbour bridge to close"]


def test_tokens_read_once_for_the_farthest_unit_are_each_prefixs_own(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [_Line(text, i) for i, text in enumerate([*TRICKY, "a|b c", "", "last line"])]
    reads: list[int] = []
    dump_tokens = headline_tokens.dump_tokens

    def spy(units: list[_Line], last: int) -> tuple[list[str], list[str], list[int]]:
        reads.append(last)
        return dump_tokens(units, last)

    monkeypatch.setattr(headline_tokens, "dump_tokens", spy)
    tokens = headline_tokens.LineTokens(lines)
    for last in (len(lines) + 5, len(lines) - 1, 3, 0, 8, 9):
        assert tokens.upto(last) == dump_tokens(lines, last)
    # The first ask read them all; the later ones were its prefixes.
    assert reads == [len(lines) + 5]
    tokens = headline_tokens.LineTokens(lines)
    assert [tokens.upto(last) for last in (2, 6, 4)] == [dump_tokens(lines, last) for last in (2, 6, 4)]
    assert reads == [len(lines) + 5, 2, 6]


def test_a_block_without_the_furnitures_marks_is_not_asked_of_each_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    cuts = (units.split_at_reading_times, units.split_at_credits, units.split_at_advertisements, units.split_after_stamps)
    segments = [
        *TRICKY,
        "Joseph Cox 14 MIN READ Featured story",
        "The bridge closed. Foto: dpa Repairs start in May.",
        "Der Hafen wird ausgebaut. ANZEIGE Die Bundesregierung plant",
        "Anna Berg 12.03.2024, 10:27 Uhr Die Stadt plant",
        "© Britta Radike / Greenpeace Activists gathered",
        "Plain running text with nothing to cut at all",
    ]
    for segment in segments:
        pieces = [segment]
        for cut in cuts:
            pieces = [part for piece in pieces for part in cut(piece)]
        assert units._furniture_cuts(segment) == pieces
    asked: list[str] = []
    monkeypatch.setattr(units, "split_at_credits", lambda text: asked.append(text) or [text])
    assert units._furniture_cuts(segments[-1]) == [segments[-1]] and not asked
    # A clock's colon: the cuts are asked.
    units._furniture_cuts(segments[-3])
    assert asked


def _plain_consent_runs(texts: list[str]) -> list[int]:
    """`consent.consent_runs` asking every unit whether it states consent, as it did before."""
    folded = [text.casefold() for text in texts]
    hints = [hint for hint in consent._AGREEMENT_HINTS if hint in "\n".join(folded)]
    found: list[int] = []
    end: int | None = None
    for index, text in enumerate(folded):
        if end is not None and index - end <= consent.GAP + 1 and consent._COOKIE.search(text):
            found.extend(range(end + 1, index + 1))
            end = index
        elif consent._states(text, hints):
            found.append(index)
            end = index
    return found


def test_consent_notices_asked_only_of_the_units_holding_a_hint_are_the_same() -> None:
    texts = [
        *TRICKY,
        "We use cookies to improve your experience.",
        "Read more",
        "These cookies will be stored in your browser.",
        "The council met on Tuesday.",
        "By clicking Accept you agree to our use of cookies.",
        "Ich bin mit der Datenschutzerklärung einverstanden.",
        "COOKIE SETTINGS\nAccept all",
        "The harbour bridge will close.",
        "Zgadzam się. Wyrażam zgodę na przetwarzanie danych osobowych.",
    ]
    for chosen in (texts, texts[8:], texts[:8], [], texts[::-1]):
        assert consent.consent_runs(chosen) == _plain_consent_runs(chosen)
    assert consent.consent_runs(texts)


def test_widgets_are_asked_of_a_lines_start_alone_where_no_token_can_open_further_on() -> None:
    lines = [
        *TRICKY,
        "[IMG] The harbour",
        "The harbour [IMG] bridge",
        "poster.jpg?width=960 caption",
        "12-IMG_3886.jpg",
        "  gif;base64,R0lGOD",
        "text gif;base64,R0lGOD",
        "caption poster.jpg",
        "[ ] Remember me",
        "(*) required",
        "a (*) b",
        "bar = []",
        "name __________ here",
        "Press (BUTTON) now",
        "x[IMG]",
        "\t[X] done",
        "[          ]",
        "Send _________ ok",
        "Send __________",
        "Send ___________ ok",
        "x __________ y [IMG]",
        "x (RESET) y",
        "x(BUTTON) y",
        "x (BUTTON)y",
        "x [IMG].",
        "x\u00a0[IMG] y",
        "[ ]",
    ]
    # The pattern as it was written before its tokens were split at their opening characters.
    anywhere = rf"\[(?:{widgets._PLACEHOLDER}|{widgets._IMAGE_FILE})\]|\[[ _]{{2,}}\]|_{{10,}}|\(BUTTON\)|\(RESET\)"
    plain = re.compile(rf"^[ \t]*(?:(?:{anywhere}|{widgets._LINE_START}){widgets._SPACE})+|(?<!\S)(?:{anywhere}){widgets._SPACE}")
    for line in lines:
        assert widgets._holds_widget(line) == (plain.search(line) is not None), line
        assert widgets._WIDGETS.sub("", line) == plain.sub("", line)
    assert widgets._holds_widget("caption poster.jpg") is False
    assert widgets._holds_widget("poster.jpg?width=960 caption")


def test_min_spelt_out_finds_what_the_case_blind_pattern_finds() -> None:
    plain = re.compile("min", re.IGNORECASE)
    texts = [
        *TRICKY,
        "MİN ınk MıN 5 Min. read",
        "miN mIn Mın",
        "m i n",
        "mın İnfo",
        "Lesezeit: 3 MIN",
        "ſmin Kmin",
        "MminMIN mMin",
        "MIN min",
        "",
    ]
    for text in texts:
        assert reading_times._min_starts(text) == [m.start() for m in plain.finditer(text)], text
        assert reading_times.may_hold_reading_time(text) == (plain.search(text) is not None), text
    # Every character, in each place of the word.
    for code in range(0x110000):
        for word in (chr(code) + "in", "m" + chr(code) + "n", "mi" + chr(code), "M" + chr(code) + "N"):
            assert reading_times.may_hold_reading_time(word) == (plain.search(word) is not None), hex(code)


def test_tokens_split_at_spaces_and_bars_are_the_token_patterns() -> None:
    texts = [*TRICKY, "New York|Manhole fires", "|a||b |", "a\u00a0b\u2003c\u3000d\u200be\x1cf\x85g\u2028h", "¦ ǀ ∣ ｜"]
    texts.append("".join(f"x{chr(code)}" for code in range(0x3100)))
    for text in texts:
        assert headline_tokens.dump_tokens([_Line(text)], 0)[0] == headline_tokens._TOKEN.findall(text), text


def _plain_slug_spans(
    raw: list[str], keys: list[str], owners: list[int], lo: int, hi: int, slug: set[str], stops: frozenset[str]
) -> list[tuple[int, int]]:
    """`spans._slug_spans` as it was before it read only the tokens of units `lo` to `hi` and the
    few after them: every token's slug words, and every token tried as a span's first."""
    parts = article_body.slug_parts(keys, slug)
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(keys):
        if not (lo <= owners[i] <= hi and parts[i]):
            i += 1
            continue
        end, misses, last, own_last = i, 0, i, i
        while end < len(keys) and end - i < headline_spans.MAX_SPAN_WORDS:
            if (
                end > i
                and owners[end] != owners[end - 1]
                and (owners[end] - owners[i] > 1 or not headline_tokens.ends_sentence(raw[end - 1]))
            ):
                break
            if end > i and keys[end] == keys[i] and keys[i] not in stops:
                break
            if parts[end]:
                last = end
                own_last = end if owners[end] == owners[i] else own_last
                misses = 0
            elif keys[end] not in stops:
                misses += 1
                if misses > 1:
                    break
            end += 1
        for run_last in sorted({own_last, last}):
            if run_last - i >= 2 and len(set().union(*parts[i : run_last + 1])) >= 0.6 * len(slug):
                found.append((i, run_last + 1))
        i = last + 1
    return found


def test_slug_spans_are_found_as_when_every_token_was_read() -> None:
    slug = {"harbour", "stays", "open", "board", "decides", "straße", "strasse", "istanbul"}
    texts = [
        *TRICKY,
        "Harbour stays open.",
        "Board decides: the harbour stays open, the board decides today",
        "Straße Istanbul harbour",
        "İstanbul strasse harbour board",
        "the harbour stays the open board decides x y z harbour stays open board decides",
        "Harbour",
        "stays open board decides " * 12,
        "ſtays İstanbul HARBOUR-stays",
    ]
    lines = [_Line(text) for text in texts]
    raw, keys, owners = headline_tokens.dump_tokens(lines, len(lines) - 1)
    stops = frozenset({"the", "x", "y"})
    for lo, hi in itertools.product(range(-1, len(lines) + 2), repeat=2):
        assert headline_spans._slug_spans(raw, keys, owners, lo, hi, slug, stops) == _plain_slug_spans(
            raw, keys, owners, lo, hi, slug, stops
        ), (lo, hi)
    # A span runs past its unit into the next line ("Harbour stays open." + "Board decides").
    assert headline_spans._slug_spans(raw, keys, owners, 8, 8, slug, stops) == [(50, 55)]
    assert headline_spans._slug_spans(raw, keys, owners, 12, 12, slug, stops) == [(71, 77), (80, 85)]


def test_slug_parts_spell_each_distinct_word_once_as_often_as_printed() -> None:
    slug = {"thomanerchor", "geschaeftsfuehrer", "wird", "neu"}
    words = ["neu", "thomanerchorgeschäftsführer", "x", "neu", "neuwird", "thomanerchorgeschäftsführer", "", "x", "wirdneu", "neu"]
    assert article_body.slug_parts(words, slug) == _plain_slug_parts(words, slug)
    assert article_body.slug_parts(words, slug)[3] == ("neu",)
    assert article_body.slug_parts(words, slug)[5] == ("thomanerchor", "geschaeftsfuehrer")


def test_a_phone_number_is_ruled_out_by_its_last_character_as_by_the_pattern() -> None:
    texts = [
        *TRICKY,
        "+49 (0) 30 123 456",
        "Tel.: 030 123 456.",
        "Phone: 030-123-456-",
        "FAX 030 123 4567 ",
        "030 123 4567\n",
        "٠٣٠ ١٢٣ ٤٥٦٧",
        "030 123 456 x",
        "TEL 1234567)",
        "(030) 1234567(",
        "ſelephone 1234567",
    ]
    texts += [f"030 123 456{chr(code)}" for code in range(0x3100)]
    for text in texts:
        assert reader._is_phone(text) == (reader.PHONE.match(text) is not None), repr(text)
    assert reader._is_phone("Tel.: 030 123 456.") and not reader._is_phone("030 123 456 x")


def test_punctuation_is_dropped_from_tokens_beyond_ascii_as_by_the_table() -> None:
    table = str.maketrans("", "", headline_tokens.PUNCTUATION_MARKS)
    texts = [*TRICKY, headline_tokens.PUNCTUATION_MARKS, f"é{headline_tokens.PUNCTUATION_MARKS}ı", "a-b", "ä-b…c"]
    texts.append("".join(chr(code) for code in range(0x3100)))
    for text in texts:
        assert headline_tokens._without_punctuation(text) == text.translate(table), repr(text)
        assert headline_tokens._without_punctuation(text.casefold()) == text.casefold().translate(table), repr(text)
    keys = headline_tokens.dump_tokens([_Line("«Quoi?» Straße… “ſo” -- ok")], 0)[1]
    assert keys == ["quoi", "strasse", "so", "--", "ok"]


def test_the_text_before_an_ellipsis_is_what_the_ellipsis_pattern_splits_off() -> None:
    plain = re.compile(r"\.\.\.|…")
    texts = [*TRICKY, "Cut short…", "Cut … short...", "Cut... short…", "..", "....", "a.. .b", "…", "x.…", "İ…ſ...ı"]
    for text in texts:
        parts = plain.split(text, maxsplit=1)
        assert dump_duplicates._before_ellipsis(text) == (parts[0] if len(parts) == 2 else None), repr(text)
    assert dump_duplicates._before_ellipsis("Cut … short...") == "Cut "


def test_advertisements_labels_are_found_by_their_first_letters_patterns_as_by_all_in_one() -> None:
    forms = "|".join(furniture_phrases._ADVERTISEMENT_FORMS)
    plain = re.compile(rf"(?:{forms})(?= [^\W\d_a-z]| ?$)")
    texts = [
        *TRICKY,
        "Ende. ANZEIGE Die Regierung. Werbung Das Amt. Publicidade O x. Publicidad El y. REKLAMA",
        "Anzeigen Werbung",
        "Advertisement",
    ]
    texts += [
        "PUBLICIDADE A x. Publicidad. Publicité  Le. AnzeigeWerbung Y",
        "x Reklama Ąb Advertentie ĳ",
        "ADVERTISEMENT\u00a0X",
        "Reklama",
        "x. WERBUNG",
    ]
    for text in texts:
        assert furniture_phrases.may_hold_advertisement(text) == (plain.search(text) is not None), text
        spans = [m.span() for m in plain.finditer(text)]
        assert furniture_phrases.split_at_advertisements(text) == furniture_phrases.cut_out(
            text,
            [(a, b) for a, b in spans if a == 0 or (a >= 2 and text[a - 1] == " " and text[a - 2] in furniture_phrases._SENTENCE_ENDS)],
            " ",
        ), text
    assert furniture_phrases.split_at_advertisements(texts[len(TRICKY)])[::2] == ["Ende.", "Die Regierung.", "Das Amt.", "O x.", "El y."]


def test_labels_are_matched_without_the_hint_where_no_bracket_follows_as_with_it() -> None:
    def plain(opener: str) -> re.Pattern[str]:
        phrases = sorted(furniture_phrases._BY_OPENER[opener], key=len, reverse=True)
        return re.compile(
            rf"(?<!\w)(?i:{'|'.join(map(re.escape, phrases))}){furniture_phrases._HINT}(?=\s*[:»›]|\s*\d|\s+[^\W\d_a-z]|\s*$)"
        )

    texts = [
        *TRICKY,
        "Share on Facebook Share on Twitter (Opens in new window) 61 Related",
        "SHARE ON TWITTER (OPENS IN A NEW TAB): Next",
        "Share on Twitter (Opens in new window)x and Share on Twitter (opens in new window)",
        "Share on Twitter (Photo: dpa) Next and Share This Story (x) Next",
        "Share this (opens in new window) story",
        "Auch interessant für Sie (Anzeige) Die Bundesregierung",
        "Continue Reading The Main Story (1) Continue Reading The Main Story",
        "read more (opens in new window) Read more ( Next",
    ]
    for phrase in sorted({phrase for phrases in furniture_phrases._BY_OPENER.values() for phrase in phrases}):
        capitalised = " ".join(word[:1].upper() + word[1:] for word in phrase.split())
        texts += [f"x {capitalised} (opens in a new tab) Next", f"{phrase.upper()} (Bild) Next", f"{capitalised} ("]
        # The letters beyond ASCII that the case-insensitive match takes for "s", "k" and "i".
        second = phrase.index(" ") + 1
        for letter, folded in (("s", "ſ"), ("k", "\u212a"), ("i", "İ")):
            if phrase[second : second + 1] == letter:
                texts.append(f"{capitalised[:second]}{folded}{capitalised[second + 1 :]} Next")
    for text in texts:
        for opener in furniture_phrases._BY_OPENER:
            at = text.find(opener)
            while at >= 0:
                label, expected = furniture_phrases._label_at(text, at, opener), plain(opener).match(text, at)
                assert (label and label.span()) == (expected and expected.span()), (text, opener, at)
                at = text.find(opener, at + 1)


def _plain_layout(data: dict) -> tuple[int, list[np.ndarray], list[np.ndarray], np.ndarray]:
    """The forest laid out level by level node after node, tree after tree (what `TreeModel.from_json` lays out at once)."""
    trees = data["trees"]
    placed_trees = []
    for tree in trees:
        placed = [(0, 0, 0)]
        for node, level, place in placed:
            if not tree["leaf"][node]:
                placed += [(tree["left"][node], level + 1, 2 * place), (tree["right"][node], level + 1, 2 * place + 1)]
        placed_trees.append(placed)
    depth = max([1, *(level for placed in placed_trees for node, level, _ in placed)])
    feature = [np.zeros(len(trees) << level, dtype=np.intp) for level in range(depth)]
    threshold = [np.full(len(trees) << level, np.inf) for level in range(depth)]
    value = np.zeros(len(trees) << depth)
    for number, (tree, placed) in enumerate(zip(trees, placed_trees, strict=True)):
        for node, level, place in placed:
            entry = (number << level) + place
            if tree["leaf"][node]:
                value[entry << (depth - level)] = tree["value"][node]
            else:
                feature[level][entry], threshold[level][entry] = tree["feature"][node], tree["threshold"][node]
    return depth, feature, threshold, value


def test_a_forest_laid_out_at_once_is_laid_out_as_node_by_node() -> None:
    # Children numbered out of order, a right branch deeper than the left, a single leaf.
    lopsided = {
        "leaf": [False, False, True, True, False, True, True],
        "left": [4, 5, -1, -1, 2, -1, -1],
        "right": [1, 6, -1, -1, 3, -1, -1],
        "feature": [0, 1, 0, 0, 1, 0, 0],
        "threshold": [0.25, -1.5, 0, 0, 7.0, 0, 0],
        "value": [0, 0, 3.0, 4.0, 0, 5.0, 6.0],
    }
    leaf = {"leaf": [True], "left": [-1], "right": [-1], "feature": [0], "threshold": [0], "value": [9.5]}
    forests = [{"baseline": 0.5, "features": ["a", "b"], "trees": trees} for trees in ([_STUMP, lopsided, leaf], [leaf, leaf], [lopsided])]
    shipped = json.loads(line_model.MODEL_PATH.read_text())
    for data in [*forests, shipped["first"], shipped["second"], json.loads(block_breaks.MODEL_PATH.read_text())]:
        model = line_model.TreeModel.from_json(data, tuple(data["features"]))
        depth, feature, threshold, value = _plain_layout(data)
        assert model.depth == depth
        assert [array.tolist() for array in model.feature] == [array.tolist() for array in feature]
        assert [array.tolist() for array in model.threshold] == [array.tolist() for array in threshold]
        assert model.value.tolist() == value.tolist()


def test_code_runs_page_code_and_cut_tags_are_left_as_they_are_without_their_signs() -> None:
    """A dump holding none of a code sample's signs, none of the page's code's, or no tag's "<", is given
    back unread, as the line by line reading gives it back: tokens a line, short lines and statements
    that end on no sign."""
    lines = ["fetch", '("/data.json").', "then", "(function", "(res)", "", "x", "a, b,", "return a +", "* Aaron Kwok (13)"] * 3
    assert code_runs.join_code_runs(lines) == lines
    assert code_runs.join_statement_runs(lines) == lines
    assert page_code.without_page_code(lines) == lines
    assert leaked_markup.join_cut_tags(["a href", "b", 'x src="//p.gif"']) == ["a href", "b", 'x src="//p.gif"']
