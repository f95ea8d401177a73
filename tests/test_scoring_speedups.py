"""The line model's tree walk and the language detector's numpy counting give exactly what the
plain forms they replace give: a walk of each tree row by row, and py3langid's own identifier."""

from __future__ import annotations

import random

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from pipelines.extraction import language
from pipelines.extraction.dumps import line_model

SENTENCES = [
    "The foreign ministers met in Tokyo on Monday to discuss the peace treaty.",
    "Die Außenminister trafen sich am Montag in Tokio, um über den Vertrag zu sprechen.",
    "外務大臣は月曜日に東京で会談し、平和条約について協議した。",
    "Министры иностранных дел встретились в понедельник в Токио.",
    "التقى وزراء الخارجية يوم الاثنين في طوكيو لمناقشة معاهدة السلام",
    "Dışişleri bakanları pazartesi günü Tokyo'da bir araya geldi.",
    "Les ministres se sont réunis lundi à Tokyo — «enfin», dit-on… 12:45, 55 %",
    "ΟΔΟΣ ΣΟΦΟΣ Straße İstanbul ſ K ı © 2024 https://example.org/a.html",
]


def _random_tree(rng: random.Random, features: int, depth: int) -> dict:
    tree: dict[str, list] = {key: [] for key in ("leaf", "left", "right", "feature", "threshold", "value")}

    def grow(level: int) -> int:
        node = len(tree["leaf"])
        for key in tree:
            tree[key].append(0)
        if level == depth or rng.random() < 0.25:
            tree["leaf"][node], tree["left"][node], tree["right"][node] = True, -1, -1
            tree["value"][node] = rng.uniform(-1, 1)
            return node
        tree["leaf"][node] = False
        tree["feature"][node] = rng.randrange(features)
        tree["threshold"][node] = rng.choice([0.0, 0.5, 1.0, rng.uniform(-2, 2)])
        tree["left"][node] = grow(level + 1)
        tree["right"][node] = grow(level + 1)
        return node

    grow(0)
    return tree


def _leaf_value(tree: dict, row: np.ndarray) -> float:
    node = 0
    while not tree["leaf"][node]:
        node = tree["right"][node] if row[tree["feature"][node]] > tree["threshold"][node] else tree["left"][node]
    return float(tree["value"][node])


def test_tree_walk_reaches_each_trees_own_leaf_for_every_row() -> None:
    rng = random.Random(7)
    # Trees of every depth up to 6, one a lone leaf: the first step broadcasts the roots, leaves included.
    trees = [_random_tree(rng, 5, depth) for depth in (0, 1, 2, 6, 3, 6, 4, 5)]
    model = line_model.TreeModel.from_json({"baseline": -0.3, "features": list("abcde"), "trees": trees}, tuple("abcde"))
    x = np.array([[rng.choice([0.0, 0.5, 1.0, np.nan, rng.uniform(-3, 3)]) for _ in range(5)] for _ in range(40)])
    leaves = np.array([[_leaf_value(tree, row) for tree in trees] for row in x])
    expected = 1.0 / (1.0 + np.exp(-(-0.3 + leaves.sum(axis=1))))
    assert model.probabilities(x).tolist() == expected.tolist()
    assert model.probabilities(x[:1]).tolist() == expected[:1].tolist()
    assert model.probabilities(x[:0]).tolist() == []


@pytest.fixture(scope="module")
def identifiers() -> tuple[LanguageIdentifier, LanguageIdentifier]:
    plain = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    plain.set_languages([code for code in plain.nb_classes if len(code) == 2])
    return plain, language.load_identifier(None)


def _texts() -> list[str | bytes]:
    rng = random.Random(3)
    mixed = [" ".join(rng.choice(SENTENCES) for _ in range(rng.randrange(1, 80)))[: rng.randrange(1, 5_000)] for _ in range(60)]
    cut = [sentence[rng.randrange(len(sentence)) :] for sentence in SENTENCES]
    odd = ["", "a", "ZZ", "ALL CAPS HEADLINE HERE", "\x00\x01 nul", "  \n\t ", "12:45 — 3 / 4", "é" * 300]
    raw: list[str | bytes] = ["Grüße aus Köln, wie geht es?".encode(), b"\xff\xfe not utf-8 \xc3", "日本".encode()[:-1]]
    return [*SENTENCES, *mixed, *cut, *odd, *raw]


def test_numpy_counting_classifies_exactly_like_py3langid(identifiers) -> None:
    plain, fast = identifiers
    for text in _texts():
        assert fast.classify(text) == plain.classify(text)
        assert fast.rank(text) == plain.rank(text)


def test_the_windows_walk_the_automaton_on_ordinary_text(identifiers) -> None:
    """The numpy count is what runs (py3langid's loop is only the fallback), and it is py3langid's count."""
    from py3langid.langid import visit_counts

    plain, fast = identifiers
    for sentence in SENTENCES:
        text = LanguageIdentifier._encode(sentence)
        counted = fast._counts(text)
        assert counted is not None
        visits = visit_counts(plain.tk_nextmove, plain._rowbase, plain.tk_output, text)
        assert (counted[0].tolist(), counted[1].tolist()) == (list(visits), list(visits.values()))


def test_a_window_too_short_for_the_automaton_falls_back_to_its_loop(identifiers) -> None:
    plain, fast = identifiers
    short = language._Identifier(
        fast.nb_ptc,
        fast.nb_pc,
        fast.nb_classes,
        fast._moves,
        np.frombuffer(fast.tk_row, dtype=f"u{fast.tk_row.itemsize}"),
        fast._outputs,
        1,
    )
    assert short._counts(LanguageIdentifier._encode(SENTENCES[1])) is None
    for text in SENTENCES:
        assert short.classify(text) == plain.classify(text)
