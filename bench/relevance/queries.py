"""Queries made from the documents' own text, each with the documents that must be found.

Nothing is picked by hand: each class takes words or phrases from a document by a rule, and the
relevant documents are those the same rules say contain the query. The rules know words, not
stems: a word's inflected forms are the forms of one paradigm (a stem of at least MIN_STEM
letters plus one of the language's inflection endings, INFLECTIONS), present in the corpus; a
possessive (`Saturn's`) or an elided article (`l'État`) contains the plain word. They are simple
on purpose, independent of any stemmer, so the benchmark cannot agree with an analyzer by
sharing its code.

Only queries with at most TOP relevant documents are kept: recall@10 can then reach 1.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from bench.relevance.corpus import Document

TOP = 10
MIN_STEM = 4
MIN_WORD = 5
SEED = 15

# Each language's inflection paradigms: the endings one stem takes. Two words are forms of one
# word when they are one stem with two endings of one paradigm (`police` and `policy` share the
# letters `polic` but not a paradigm).
INFLECTIONS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("", "s", "es", "ed", "ing"), ("e", "es", "ed", "ing"), ("y", "ies", "ied")),
    "de": (("", "e", "en", "er", "es", "n", "s", "em", "ern"),),
    "fr": (("", "s", "e", "es", "x"),),
    "es": (("", "s", "es", "a", "as", "o", "os"),),
    "pt": (("", "s", "es", "a", "as", "o", "os"),),
    "it": (("a", "e", "i", "o"),),
    "nl": (("", "en", "s", "e"),),
    "ru": (("", "а", "ы", "у", "е", "ой", "ом", "ов", "ам", "ами", "ах", "и", "ей", "ю", "ям", "ями", "ях", "я", "ь", "ью"),),
}

# Letters and digits, joined across an inner full stop, apostrophe or colon as Elasticsearch's
# standard tokenizer (Unicode word boundaries) joins them: `gmail.com`, `saturn's`, `l'état`.
_TOKEN = re.compile(r"[^\W_]+(?:[.'’:][^\W_]+)*")
_POSSESSIVE = re.compile(r"^([^\W\d_]+)['’]s$")
_ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|lorsqu|puisqu|un|all|dell|nell|sull|dall)['’]([^\W\d_]+)$")
_LETTERS = re.compile(r"[^\W\d_]+")
UNSPACED = ("zh", "ja", "ko", "th")
"""Languages written without spaces between words, whose words these rules cannot tell."""


class QueryClass(StrEnum):
    INFLECTED = "inflected forms"
    PHRASE = "multi-word phrases"
    NON_ENGLISH = "non-English"
    CROSS_FIELD = "title word + body word"
    POSSESSIVE = "possessives"


@dataclass(frozen=True)
class Query:
    kind: QueryClass
    text: str
    relevant: frozenset[str]
    """Ids of the documents that must be found."""
    source: str
    """The id of the document the query was made from."""


def tokens(text: str) -> list[str]:
    return [token.lower() for token in _TOKEN.findall(text)]


def contained_words(token: str) -> set[str]:
    """The words a token holds: itself, and the plain word of a possessive or an elided article."""
    words = {token}
    for pattern in (_POSSESSIVE, _ELISION):
        match = pattern.match(token)
        if match:
            words.add(match.group(1))
    return words


def stems(word: str, language: str | None) -> set[tuple[int, str]]:
    """(paradigm, stem) pairs that make `word` in `language`."""
    found = set()
    for number, endings in enumerate(INFLECTIONS.get(language or "", ())):
        for ending in endings:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                found.add((number, word[: len(word) - len(ending)]))
    return found


class Corpus:
    """The documents with what the rules need: each document's words and phrases, and the forms of each word."""

    def __init__(self, documents: list[Document]) -> None:
        self.documents = documents
        self.by_id = {document.id: document for document in documents}
        self.words: dict[str, set[str]] = {}
        self.field_tokens: dict[str, list[list[str]]] = {}
        self._with_token: dict[str, set[str]] = defaultdict(set)
        self._with_word: dict[str, set[str]] = defaultdict(set)
        self._forms: dict[tuple[str, int, str], set[str]] = defaultdict(set)
        for document in documents:
            fields = [tokens(text) for text in document.texts()]
            words = {word for field in fields for token in field for word in contained_words(token)}
            self.field_tokens[document.id], self.words[document.id] = fields, words
            for token in {token for field in fields for token in field}:
                self._with_token[token].add(document.id)
            for word in words:
                self._with_word[word].add(document.id)
                for number, stem in stems(word, document.language):
                    self._forms[(document.language or "", number, stem)].add(word)

    def forms(self, word: str, language: str | None) -> set[str]:
        """`word` and the other forms of it that documents in `language` use."""
        found = {word}
        for number, stem in stems(word, language):
            found |= self._forms[(language or "", number, stem)]
        return found

    def containing(self, word: str, language: str | None) -> set[str]:
        """Documents with `word` as it is, in any language, and documents in `language` with a form
        of it or of the plain word it holds (`saturn` for `saturn's`)."""
        found = set(self._with_token[word])
        for plain in contained_words(word):
            for form in self.forms(plain, language):
                found |= {doc_id for doc_id in self._with_word[form] if self.by_id[doc_id].language == language}
        return found

    def containing_phrase(self, phrase: list[str]) -> set[str]:
        candidates = set.intersection(*(self._with_token[word] for word in phrase))
        return {doc_id for doc_id in candidates if any(_has_run(field, phrase) for field in self.field_tokens[doc_id])}

    def frequency(self, word: str) -> int:
        """Documents holding `word`, as a token or inside one."""
        return len(self._with_word[word])

    @cached_property
    def languages(self) -> set[str]:
        return {document.language for document in self.documents if document.language}


def _has_run(field: list[str], phrase: list[str]) -> bool:
    size = len(phrase)
    return any(field[start : start + size] == phrase for start in range(len(field) - size + 1))


def _content_words(corpus: Corpus, words: Iterable[str]) -> list[str]:
    """Words of letters only, long enough, rare enough to be what a document is about; rarest first."""
    chosen = [word for word in words if len(word) >= MIN_WORD and _LETTERS.fullmatch(word) and corpus.frequency(word) <= TOP]
    return sorted(chosen, key=lambda word: (corpus.frequency(word), word))


def inflected(corpus: Corpus) -> Iterator[Query]:
    """Another form of a document's word, one the document itself does not use: the standard
    analysis misses the document by construction."""
    for document in corpus.documents:
        if document.language not in INFLECTIONS:
            continue
        for word in _content_words(corpus, corpus.words[document.id]):
            for other in sorted(corpus.forms(word, document.language) - corpus.words[document.id]):
                yield _query(corpus, QueryClass.INFLECTED, other, document, [other])


def phrases(corpus: Corpus, rng: random.Random) -> Iterator[Query]:
    """Two or three consecutive words of a body, quoted."""
    for document in corpus.documents:
        body = corpus.field_tokens[document.id][3]
        size = rng.choice((2, 3))
        starts = list(range(len(body) - size + 1))
        rng.shuffle(starts)
        for start in starts[:50]:
            phrase = body[start : start + size]
            if all(_LETTERS.fullmatch(word) and len(word) >= 3 for word in phrase) and max(map(len, phrase)) >= MIN_WORD:
                yield Query(QueryClass.PHRASE, f'"{" ".join(phrase)}"', frozenset(corpus.containing_phrase(phrase)), document.id)


def non_english(corpus: Corpus) -> Iterator[Query]:
    """Two of the rarest words of an article in a language other than English written with spaces between words."""
    for document in corpus.documents:
        if document.language in (None, "en", *UNSPACED):
            continue
        words = _content_words(corpus, set(corpus.field_tokens[document.id][3]))
        for first, second in zip(words[::2], words[1::2], strict=False):
            yield _query(corpus, QueryClass.NON_ENGLISH, f"{first} {second}", document, [first, second])


def cross_field(corpus: Corpus) -> Iterator[Query]:
    """A word only the title has and a word only the body has."""
    for document in corpus.documents:
        if document.language in UNSPACED:
            continue
        title, _, _, body = (set(field) for field in corpus.field_tokens[document.id])
        for in_title, in_body in zip(_content_words(corpus, title - body), _content_words(corpus, body - title), strict=False):
            yield _query(corpus, QueryClass.CROSS_FIELD, f"{in_title} {in_body}", document, [in_title, in_body])


def possessives(corpus: Corpus) -> Iterator[Query]:
    """The plain word for a document that has only its possessive (`Saturn's`), and the
    possessive for a document that has only the plain word."""
    for document in corpus.documents:
        if document.language != "en":
            continue
        found = {token for field in corpus.field_tokens[document.id] for token in field}
        for token in sorted(found):
            match = _POSSESSIVE.match(token)
            if match and len(match.group(1)) >= MIN_STEM and match.group(1) not in found:
                yield _query(corpus, QueryClass.POSSESSIVE, match.group(1), document, [match.group(1)])
            elif len(token) >= MIN_STEM and _LETTERS.fullmatch(token):
                for other in _possessive_forms(corpus, token):
                    if other not in found:
                        yield _query(corpus, QueryClass.POSSESSIVE, other, document, [other])


def _possessive_forms(corpus: Corpus, word: str) -> list[str]:
    return [form for form in (f"{word}'s", f"{word}’s") if corpus.frequency(form)]


def _query(corpus: Corpus, kind: QueryClass, text: str, document: Document, words: list[str]) -> Query:
    relevant = set.intersection(*(corpus.containing(word, document.language) for word in words))
    return Query(kind, text, frozenset(relevant), document.id)


def make_queries(corpus: Corpus, per_class: int, seed: int = SEED) -> list[Query]:
    """Up to `per_class` queries of each class, at most one per document (its first candidate
    with at most TOP relevant documents), drawn reproducibly."""
    rng = random.Random(seed)
    made: list[Query] = []
    for generated in (inflected(corpus), phrases(corpus, rng), non_english(corpus), cross_field(corpus), possessives(corpus)):
        first: dict[str, Query] = {}
        for query in generated:
            if query.source not in first and 0 < len(query.relevant) <= TOP and query.source in query.relevant:
                first[query.source] = query
        kept = list(first.values())
        rng.shuffle(kept)
        made += kept[:per_class]
    return made
