"""The line features and the tree walk are computed for a whole dump at once (numpy); these tests
hold them to their plain unit-by-unit definitions, on the inputs where the shortcuts could slip:
characters beyond Latin-1, NUL inside a unit, units that are only punctuation, URLs."""

from __future__ import annotations

import json
import math
import re

import numpy as np

from pipelines.extraction.dumps import line_model
from pipelines.extraction.dumps.line_features import BASE_NAMES, SEPARATORS, features
from pipelines.extraction.dumps.lines import TERMINAL, ends_sentence
from pipelines.extraction.dumps.units import LIST_ITEM, SENTENCE_END, URLISH, Unit, split_units
from pipelines.extraction.scripts import CJK_RANGES

TRICKY = [
    "Menu",
    "23 réactions que toute personne ayant travaillé…",
    "Read more...",
    "Ｔｏｋｙｏ ＫＥＬＶＩＮ 3 – «Ça va?» — ﬁnal ²½ ١٢٣ 東京 2019 at 10:45, see www.example.com!",
    "nul\x00inside the unit, a sentence. Then https://news.example/a-b and Another one.",
    "»  |  ›  /  →  •",
    "- a bullet: with a colon:",
    "© 2024 Example Media. Copyright reserved, e-mail desk@example.org",
    "ΣΊΣΥΦΟΣ και η πέτρα του. Ο μύθος συνεχίζεται... «Τέλος»",
    "x",
    "1:23:45 and 12:345, x1:23, at 10:30; 1999, x1999, 19999, 2020s, _2020, ©2020 and (1984)",
    "12:3 or 123:45 or ２０２０",
    "東京都の新しい条例について、知事は「来年から施行する」と述べた。「詳細は後日」",
    "Tasman sighted the islands in 1642.[31][n 4]",
    "[12]",
    "Capital Wellington[2]",
    "Their scans confirmed their worst fears. [MP3 SP]",
]


def _reference(text: str) -> dict[str, float]:
    """The unit's own columns, computed one unit at a time as `BASE_NAMES` defines them."""
    # A run of Chinese or Japanese characters is read two at a time (those scripts write no spaces).
    words = re.findall(rf"[{CJK_RANGES}]{{1,2}}|[^\W{CJK_RANGES}]+", text.casefold())
    wn = max(len(words), 1)
    letters = sum(map(str.isalpha, text))
    digits = sum(map(str.isdigit, text))
    tokens = text.split()
    return {
        "log_chars": math.log1p(len(text)),
        "log_words": math.log1p(len(words)),
        "mean_word_len": sum(map(len, words)) / wn,
        "alpha_ratio": letters / len(text),
        "digit_ratio": digits / len(text),
        "upper_ratio": sum(map(str.isupper, text)) / max(letters, 1),
        "capword_ratio": sum(t[0].isupper() for t in tokens) / max(len(tokens), 1),
        "punct_ratio": (len(text) - letters - digits - text.count(" ")) / len(text),
        "comma_per_word": text.count(",") / wn,
        # A wiki's reference marks after the sentence's end leave it ended.
        "terminal": re.sub(r"(\s*\[[^\[\]]{1,30}\])+$", "", text).endswith(TERMINAL),
        "ends_colon": text.endswith(":"),
        "starts_lower": text[0].islower(),
        "bullet": bool(LIST_ITEM.match(text)),
        "urlish": len(URLISH.findall(text)) / wn,
        "at_sign": "@" in text,
        "separators_per_word": len(SEPARATORS.findall(text)) / wn,
        "has_year": bool(re.search(r"\b(?:19|20)\d{2}\b", text)),
        "has_clock": bool(re.search(r"\b\d{1,2}:\d{2}\b", text)),
        "log_sentences": math.log1p(len(SENTENCE_END.findall(text))),
        "copyright": bool(re.search(r"©|\(c\)|\bcopyright\b", text, re.IGNORECASE)),
        "ends_ellipsis": text.endswith(("…", "...")),
        "starts_digit": text[0].isdigit(),
    }


def test_unit_columns_match_their_unit_by_unit_definition() -> None:
    units = [Unit(text, i, i % 2 == 0) for i, text in enumerate(TRICKY)]
    rows = features(units, "en")
    for unit, row in zip(units, rows, strict=True):
        for name, expected in _reference(unit.text).items():
            assert row[BASE_NAMES.index(name)] == float(expected), (unit.text, name)


def test_reference_marks_after_a_sentence_leave_it_ended() -> None:
    assert ends_sentence("Tasman sighted the islands in 1642.[31]")
    assert ends_sentence("It is a realm.[n 4][12]")
    assert ends_sentence("Their scans confirmed their worst fears. [MP3 SP / MP2 SP]")
    assert not ends_sentence("Capital Wellington[2]")
    assert not ends_sentence("[12]")


def test_dump_columns_count_repeats_and_sources() -> None:
    units = [Unit("Share", 0, False), Unit("Long sentence one.", 1, True), Unit("Long sentence two.", 1, False), Unit("Share", 2, True)]
    rows = features(units, "en")
    column = {name: rows[:, BASE_NAMES.index(name)] for name in BASE_NAMES}
    assert list(column["log_repeats"]) == [math.log(2), 0.0, 0.0, math.log(2)]
    assert list(column["seen_before"]) == [0.0, 0.0, 0.0, 1.0]
    assert list(column["log_source_units"]) == [0.0, math.log(2), math.log(2), 0.0]
    assert column["log_source_chars"][1] == math.log1p(len("Long sentence one.") + len("Long sentence two.") + 2)
    assert list(column["blank_after"]) == [1.0, 0.0, 1.0, 0.0]
    assert list(column["rel_word_pos"]) == [0.0, 1 / 8, 4 / 8, 7 / 8]


def _walk(tree: dict, row: np.ndarray) -> float:
    node = 0
    while not tree["leaf"][node]:
        node = tree["right"][node] if row[tree["feature"][node]] > tree["threshold"][node] else tree["left"][node]
    return float(tree["value"][node])


def test_tree_walk_matches_a_walk_of_each_tree_row_by_row() -> None:
    data = json.loads(line_model.MODEL_PATH.read_text())["first"]
    model = line_model.load().first
    x = features(split_units("\n".join(TRICKY * 3)), "en")
    expected = [1 / (1 + math.exp(-(data["baseline"] + sum(_walk(tree, row) for tree in data["trees"])))) for row in x]
    assert np.allclose(model.probabilities(x), expected, rtol=0, atol=1e-12)


def test_repeated_frames_of_teaser_lists_are_counted() -> None:
    """A teaser list repeats a frame around changing headlines: the first two words, the last word."""
    texts = [
        "Click to view comments Storm hits the coast",
        "Politics 12 Comments",
        "Click to view comments Markets fall again",
        "World 3 Comments",
        "The article's own sentence, written once.",
        "Click to view comments A third teaser",
    ]
    rows = features([Unit(text, i, False) for i, text in enumerate(texts)], "en")
    column = {name: rows[:, BASE_NAMES.index(name)] for name in BASE_NAMES}
    assert list(column["log_prefix_repeats"]) == [math.log(3), 0.0, math.log(3), 0.0, 0.0, math.log(3)]
    assert list(column["log_suffix_repeats"]) == [0.0, math.log(2), 0.0, math.log(2), 0.0, 0.0]
    # No unit's whole text repeats three times: every unit is the dump's length away from one.
    assert list(column["log_distance_to_repeat"]) == [math.log1p(6)] * 6


def test_distance_to_a_repeated_unit() -> None:
    texts = ["More…", "Teaser one", "More…", "Teaser two", "More…", "A sentence of the article.", "Another one."]
    rows = features([Unit(text, i, False) for i, text in enumerate(texts)], "en")
    distance = rows[:, BASE_NAMES.index("log_distance_to_repeat")]
    assert list(distance) == [math.log1p(d) for d in (0, 1, 0, 1, 0, 1, 2)]


def test_training_labels_come_from_the_gold_where_a_page_has_one() -> None:
    from bench.train_line_model import page_labels

    units = [
        Unit("Home News Sport Weather", 0, False),
        Unit("The council approved the new bridge on Tuesday after a long debate in the chamber.", 1, True),
        Unit("Work will start in spring and is expected to last eight months in total.", 2, True),
        Unit("Readers also liked: the old bridge and its history in twelve photographs from the archive.", 3, True),
    ]
    extractor = " ".join(unit.text for unit in units[1:])  # the extractor kept the teaser too
    gold = {"body": units[1].text + "\n\n" + units[2].text}
    assert list(page_labels(units, gold, extractor)) == [0, 1, 1, 0]
    assert list(page_labels(units, {}, extractor)) == [0, 1, 1, 1]
    snippets = {"with": ["expected to last eight months"], "without": ["Readers also liked"]}
    assert list(page_labels(units, snippets, units[1].text)) == [0, 1, 1, 0]


def test_chinese_and_japanese_are_read_in_words_of_about_two_characters() -> None:
    line = "東京都の新しい条例について、知事は「来年から施行する」と述べた。"
    (row,) = features([Unit(line, 0, False)], "ja")
    column = dict(zip(BASE_NAMES, row, strict=False))
    # Runs of 13, 3, 8 and 4 characters between the punctuation: 7 + 2 + 4 + 2 words.
    assert round(math.expm1(column["log_words"])) == 15
    assert column["mean_word_len"] < 2
    (quoted,) = features([Unit("知事は「来年から施行する」", 0, False)], "ja")
    assert dict(zip(BASE_NAMES, quoted, strict=False))["terminal"] == 1
