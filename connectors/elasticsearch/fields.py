"""The text fields of the news index and their per-language copies: what to index and what to search.

Each text field (`title`, `subtitle`, `description`, `body`) is indexed twice:
- as itself, with the standard analysis (`news_text`: lowercase, English stop words), for every
  article whatever its language: exact word forms, and the only text field of articles in a
  language without analysis here;
- as `<field>_<code>` (`body_ru`, `title_fr`, …) for an article whose `language` is one of
  LANGUAGES, with that language's analyzer (`news_<language>`: stemming, stop words, elision…).

Per-language fields chosen at index time, not per-language sub-fields: a sub-field analyses every
article with every analyzer (nine times the text, and a Russian stemmer mangling English words
into false matches); a field filled for the article's own language is analysed once, correctly.
The writer fills them (`with_language_fields`), since the local node has no ingest scripting.

Searches query SEARCH_FIELD_GROUPS: each group's fields share one analyzer, which
`combined_fields` needs, so a query matches words across title, description and body of one
language (one `combined_fields` per group in a `bool.should`, say).
"""

from __future__ import annotations

from typing import Any

TEXT_FIELDS = ("title", "subtitle", "description", "body")

LANGUAGES = {
    "en": "english",
    "ru": "russian",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "ar": "arabic",
}
"""ISO 639-1 code (as `Article.language` holds it) -> the language's analyzer, `news_<name>`."""

STANDARD_ANALYZER = "news_text"


def language_field(field: str, code: str) -> str:
    """The per-language copy of a text field: `body` in Russian is `body_ru`."""
    return f"{field}_{code}"


def analyzer_of(code: str) -> str:
    return f"news_{LANGUAGES[code]}"


SEARCH_FIELD_GROUPS: tuple[tuple[str, ...], ...] = (
    TEXT_FIELDS,
    *(tuple(language_field(field, code) for field in TEXT_FIELDS) for code in LANGUAGES),
)
"""The fields a full-text search queries, grouped so that the fields of a group share one analyzer."""

SEARCH_FIELDS: tuple[str, ...] = tuple(field for group in SEARCH_FIELD_GROUPS for field in group)
"""The same fields, flat (for `multi_match`, highlighting, a Kibana data view)."""


def language_properties() -> dict[str, Any]:
    """The mapping of every per-language field."""
    return {language_field(field, code): {"type": "text", "analyzer": analyzer_of(code)} for code in LANGUAGES for field in TEXT_FIELDS}


def with_language_fields(document: dict[str, Any]) -> dict[str, Any]:
    """`document` with its text copied to the fields of its language, and every other language's fields null.

    The nulls make an update replace what an older version of the article (in another language,
    say) left in the index, as every other field of an indexed document does.
    """
    language = str(document.get("language") or "").split("-")[0].lower()
    derived = {
        language_field(field, code): document.get(field) if code == language else None for code in LANGUAGES for field in TEXT_FIELDS
    }
    return {**document, **derived}
