"""The relevance benchmark's rules (bench/relevance): which words are forms of one word, which
documents must be found, and the metrics. No Elasticsearch: the rules must be right on their own."""

from __future__ import annotations

import pytest

from bench.relevance.corpus import Document
from bench.relevance.metrics import ndcg_at, recall_at
from bench.relevance.queries import TOP, Corpus, QueryClass, contained_words, make_queries, tokens


def doc(doc_id: str, language: str, body: str, title: str = "") -> Document:
    return Document(doc_id, language, title, "", "", body)


CORPUS = Corpus(
    [
        doc("en-1", "en", "The council approved new sanctions on Monday.", "Police patrols in Saturn’s city"),
        doc("en-2", "en", "A sanction was approved; the policy changed.", "Saturn rings"),
        doc("en-3", "en", "Police approve a budget for the saturnine festival."),
        doc("de-1", "de", "Die Berichte der Regierung zu den Sanktionen.", "Bericht"),
        doc("de-2", "de", "Ein neuer Bericht über sanctions in English."),
        doc("fr-1", "fr", "L'élection présidentielle et l'État."),
    ]
)


def test_tokens_keep_what_the_standard_tokenizer_keeps_whole():
    assert tokens("Saturn's rings, l’État and gmail.com: 3.5 U.S.") == ["saturn's", "rings", "l’état", "and", "gmail.com", "3.5", "u.s"]


@pytest.mark.parametrize(
    "token, words",
    [("saturn's", {"saturn's", "saturn"}), ("l'état", {"l'état", "état"}), ("qu’il", {"qu’il", "il"}), ("rings", {"rings"})],
)
def test_a_token_contains_the_plain_word_of_a_possessive_or_an_elision(token, words):
    assert contained_words(token) == words


def test_forms_follow_one_paradigm_of_the_language():
    assert CORPUS.forms("sanction", "en") >= {"sanction", "sanctions"}
    assert "approve" in CORPUS.forms("approved", "en")
    assert "policy" not in CORPUS.forms("police", "en"), "a shared stem in two paradigms is not one word"
    assert CORPUS.forms("bericht", "de") >= {"bericht", "berichte"}
    assert CORPUS.forms("sanction", "fr") == {"sanction"}, "forms come from the documents of the language"


def test_the_documents_to_find_have_the_word_or_in_its_language_a_form_of_it():
    assert CORPUS.containing("sanction", "en") == {"en-1", "en-2"}
    assert CORPUS.containing("sanctions", "en") == {"en-1", "en-2", "de-2"}, "the exact form, whatever the language"
    assert CORPUS.containing("saturn", "en") == {"en-1", "en-2"}, "a possessive holds the word; saturnine does not"
    assert CORPUS.containing("état", "fr") == {"fr-1"}


def test_phrases_are_found_only_as_consecutive_words_of_one_field():
    assert CORPUS.containing_phrase(["new", "sanctions"]) == {"en-1"}
    assert CORPUS.containing_phrase(["city", "the"]) == set(), "a title does not run on into the body"


def test_every_query_can_reach_a_recall_of_one_and_finds_its_source():
    queries = make_queries(CORPUS, per_class=10)
    assert {query.kind for query in queries} >= {QueryClass.INFLECTED, QueryClass.POSSESSIVE, QueryClass.PHRASE}
    for query in queries:
        assert query.source in query.relevant and len(query.relevant) <= TOP
    inflected = [query for query in queries if query.kind == QueryClass.INFLECTED]
    assert all(query.text not in CORPUS.words[query.source] for query in inflected), "the source lacks the queried form"
    assert make_queries(CORPUS, per_class=10) == queries, "the same queries every run"


def test_recall_and_ndcg_at_ten():
    relevant = frozenset({"a", "b"})
    assert recall_at(["a", "x", "b"], relevant) == 1.0
    assert recall_at(["x", "a"], relevant) == 0.5
    assert ndcg_at(["a", "b", "x"], relevant) == 1.0
    assert ndcg_at(["x", "a", "b"], relevant) == pytest.approx((1 / 1.584963 + 1 / 2) / (1 + 1 / 1.584963), rel=1e-5)
    assert recall_at([str(number) for number in range(10)], frozenset(str(number) for number in range(20))) == 1.0
