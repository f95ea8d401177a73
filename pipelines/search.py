"""Full-text search over the news index: query building and hit formatting (no Beam)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from elasticsearch import BadRequestError, Elasticsearch, NotFoundError

from connectors.elasticsearch.fields import SEARCH_FIELDS, TEXT_FIELDS
from pipelines.search_dates import DateFormError, check_date
from pipelines.stories.queries import StorySummary, story_collapse, story_of

BOOSTS = {"title": 3, "subtitle": 2, "description": 2, "body": 1}
"""Weight of a match by the text field it is in, the same in each language's copy of the field."""
# Private-use characters: no article holds them, and Elasticsearch's highlighter keeps them. It
# trims characters up to U+0020 from a fragment's ends (Java's String.trim), so control characters
# as markers were lost whenever a fragment began or ended with a match.
HIGHLIGHT_PRE, HIGHLIGHT_POST = "\ue000", "\ue001"


class SearchError(ValueError):
    """A query Elasticsearch cannot run (bad syntax, bad date, missing index); the message says why."""


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    since: str | None = None
    until: str | None = None
    publishers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    size: int = 10
    like: str | None = None
    """URL or id of an indexed article: find articles similar to it."""
    stories: bool = False
    """One hit per story (collapsed on `story_id`), with the story's size and outlets."""


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    title: str | None
    publisher: str | None
    published_at: str | None
    url: str | None
    fragments: tuple[str, ...]
    """Highlighted passages; matches are wrapped in HIGHLIGHT_PRE / HIGHLIGHT_POST."""
    story: StorySummary | None = None
    """The hit's story, in a search with `stories`."""

    def marked_fragments(self) -> list[list[tuple[str, bool]]]:
        """Each fragment as (text, matched) pieces, balanced whatever the markers in it."""
        return [highlight_pieces(fragment) for fragment in self.fragments]

    def to_dict(self, pre: str = "<em>", post: str = "</em>") -> dict[str, Any]:
        return {
            "id": self.id,
            "score": self.score,
            "title": self.title,
            "publisher": self.publisher,
            "published_at": self.published_at,
            "url": self.url,
            "fragments": [
                "".join(f"{pre}{text}{post}" if matched else text for text, matched in pieces) for pieces in self.marked_fragments()
            ],
            **({"story": self.story.to_dict()} if self.story else {}),
        }


def highlight_pieces(fragment: str) -> list[tuple[str, bool]]:
    """Split a highlighted fragment into (text, matched) pieces, markers removed.

    A closing marker with no opening one means the fragment began inside a match; an opening
    marker never closed means it ended inside one. Either way the piece counts as matched, so
    every rendering of the pieces is balanced.
    """
    pieces: list[tuple[str, bool]] = []
    matched, start = False, 0
    for position, char in enumerate(fragment):
        if char not in (HIGHLIGHT_PRE, HIGHLIGHT_POST):
            continue
        closing = char == HIGHLIGHT_POST
        text = fragment[start:position]
        if text:
            pieces.append((text, matched or closing))
        matched, start = not closing, position + 1
    if fragment[start:]:
        pieces.append((fragment[start:], matched))
    return _merged(pieces)


def _merged(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    merged: list[tuple[str, bool]] = []
    for text, matched in pieces:
        if merged and merged[-1][1] == matched:
            merged[-1] = (merged[-1][0] + text, matched)
        else:
            merged.append((text, matched))
    return merged


EXACT_WEIGHT = 6
"""Extra weight of the standard-analysed fields, which hold each word as written: an article with the
exact words ranks above one with other forms of them. Per-language stop words otherwise let a
phrase such as "und Offshore" rank articles with "Offshore" alone first. `python -m bench.relevance`
(300 phrases): nDCG@10 0.933 with no extra weight, 0.974 with 3, 0.977 with 6, as before
per-language analysis; no other class lower."""


def text_fields() -> tuple[str, ...]:
    """The analysed text fields a query searches (each text field and its per-language copies), with their boosts."""
    return tuple(f"{field}^{BOOSTS[base_field(field)] * (EXACT_WEIGHT if field in TEXT_FIELDS else 1)}" for field in SEARCH_FIELDS)


def base_field(field: str) -> str:
    """The text field a per-language copy holds: `body` for `body_ru`."""
    return next(base for base in TEXT_FIELDS if field == base or field.startswith(f"{base}_"))


def text_query(query: str) -> dict[str, Any]:
    """Lucene query syntax over the text fields, every word required.

    Type `cross_fields` looks for each word in any field, so one word from the title and one from
    the body find the article; the default (`best_fields`) wanted all words in one field. It
    groups fields by analyzer, so fields analysed differently (per language) are each searched
    with their own analysis; `combined_fields` refuses fields whose analyzers differ.
    """
    return {"query_string": {"query": query, "fields": list(text_fields()), "default_operator": "and", "type": "cross_fields"}}


def like_query(index: str, article_id: str) -> dict[str, Any]:
    """Articles whose text shares the most distinctive terms with the indexed article `article_id`."""
    return {
        "more_like_this": {
            "fields": list(SEARCH_FIELDS),
            "like": [{"_index": index, "_id": article_id}],
            # A term the article alone holds cannot match another article; one occurrence is
            # enough to count (titles and descriptions rarely repeat a word).
            "min_term_freq": 1,
            "min_doc_freq": 2,
        }
    }


def newest_first(filters: list[dict[str, Any]]) -> dict[str, Any]:
    """The filtered articles scored by how recent they are: `published_at`, or `fetched_at` for
    articles without one.

    A sort on published_at then fetched_at would put every undated article after the dated
    ones, however new; the node has no scripting module to sort on either date. A
    `distance_feature` score decreases with the distance of its date from now, so these two
    clauses rank every article on its own date (a date in the future ranks as far in the past).
    """
    recency = [
        {"bool": {"filter": [{"exists": {"field": "published_at"}}], "must": [_closeness_to_now("published_at")]}},
        {"bool": {"must_not": [{"exists": {"field": "published_at"}}], "must": [_closeness_to_now("fetched_at")]}},
    ]
    # Optional clauses beside one every article matches: an article with neither date comes last.
    return {"bool": {"must": [{"match_all": {}}], "should": recency, "filter": filters}}


def _closeness_to_now(field: str) -> dict[str, Any]:
    return {"distance_feature": {"field": field, "origin": "now", "pivot": "7d"}}


def filter_clauses(request: SearchRequest) -> list[dict[str, Any]]:
    """Date, publisher and tag filters; `SearchError` for a date Elasticsearch would not read."""
    filters: list[dict[str, Any]] = []
    bounds = {
        key: _date(option, value) for key, option, value in (("gte", "since", request.since), ("lte", "until", request.until)) if value
    }
    if bounds:
        filters.append({"range": {"published_at": bounds}})
    if request.publishers:
        filters.append(
            {
                "bool": {
                    "should": [{"term": {"publisher": {"value": name, "case_insensitive": True}}} for name in request.publishers],
                    "minimum_should_match": 1,
                }
            }
        )
    for tag in request.tags:
        filters.append({"term": {"tags": tag}})
    return filters


def _date(option: str, value: str) -> str:
    try:
        return check_date(value)
    except DateFormError as exc:
        raise SearchError(f"--{option} {exc}") from None


def build_query(request: SearchRequest, like_id: tuple[str, str] | None = None) -> dict[str, Any]:
    """The Elasticsearch query: the words and the article to resemble, if any, within the filters;
    newest first when there is neither. `like_id` is the (index, id) that `request.like` names."""
    filters = filter_clauses(request)
    must = []
    if request.query.strip():
        must.append(text_query(request.query))
    if like_id:
        must.append(like_query(*like_id))
    if not must:
        return newest_first(filters)
    return {"bool": {"must": must, "filter": filters}}


def find_article(client: Elasticsearch, index: str, url_or_id: str) -> tuple[str, str]:
    """(index, id) of the article with this id, URL or canonical URL; `SearchError` if none."""
    response = client.search(
        index=index,
        query={
            "bool": {
                "should": [{"ids": {"values": [url_or_id]}}, {"term": {"url": url_or_id}}, {"term": {"canonical_url": url_or_id}}],
                "minimum_should_match": 1,
            }
        },
        size=1,
        source=False,
    )
    hits = response["hits"]["hits"]
    if not hits:
        raise SearchError(f"--like {url_or_id}: no indexed article has this id, URL or canonical URL")
    return hits[0]["_index"], hits[0]["_id"]


PASSAGE_FIELDS = (*(field for field in SEARCH_FIELDS if base_field(field) == "body" and field != "body"), "body")
"""Where passages come from, by preference: the body's copy in the article's language marks
stemmed matches ("elections" for "election") that the standard-analysed body does not; only
articles in a language without analysis have none."""


def search_body(request: SearchRequest, query: dict[str, Any]) -> dict[str, Any]:
    """The search request's body around `query`: what to return and which passages to highlight."""
    passages = {"fragment_size": 160, "number_of_fragments": 3}
    return {
        "query": query,
        "size": request.size,
        "source_includes": ["title", "publisher", "published_at", "url"],
        "highlight": {"pre_tags": [HIGHLIGHT_PRE], "post_tags": [HIGHLIGHT_POST], "fields": dict.fromkeys(PASSAGE_FIELDS, passages)},
        "track_total_hits": True,
        **({"collapse": story_collapse()} if request.stories else {}),
    }


def search(client: Elasticsearch, index: str, request: SearchRequest) -> tuple[int, list[Hit]]:
    """Total matches and the ranked hits."""
    query = build_query(request)  # checks the filters before anything is sent
    try:
        if request.like:
            query = build_query(request, find_article(client, index, request.like))
        response = client.search(index=index, **search_body(request, query))
    except NotFoundError:
        raise SearchError(f"the index {index} does not exist yet: run `newsbeam replay` first") from None
    except BadRequestError as exc:
        raise SearchError(_root_cause(exc)) from None
    return response["hits"]["total"]["value"], [_hit(hit) for hit in response["hits"]["hits"]]


def _hit(hit: dict[str, Any]) -> Hit:
    source, highlight = hit["_source"], hit.get("highlight", {})
    fragments = next((highlight[field] for field in PASSAGE_FIELDS if highlight.get(field)), ())
    return Hit(
        id=hit["_id"],
        score=hit["_score"] or 0.0,
        title=source.get("title"),
        publisher=source.get("publisher"),
        published_at=source.get("published_at"),
        url=source.get("url"),
        fragments=tuple(fragments),
        story=story_of(hit) if "inner_hits" in hit else None,
    )


def _root_cause(exc: BadRequestError) -> str:
    """The reason Elasticsearch gives first, e.g. the query parser's complaint."""
    error = exc.body.get("error") if isinstance(exc.body, dict) else None
    if not isinstance(error, dict):
        return str(exc)
    causes = error.get("root_cause") or [error]
    return causes[0].get("reason") or str(exc)
