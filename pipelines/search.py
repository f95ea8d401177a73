"""Full-text search over the news index: query building and hit formatting (no Beam)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from elasticsearch import BadRequestError, Elasticsearch, NotFoundError

SEARCH_FIELDS = ("title^3", "subtitle^2", "description^2", "body")
# Private-use characters: no article holds them, and Elasticsearch's highlighter keeps them. It
# trims characters up to U+0020 from a fragment's ends (Java's String.trim), so control characters
# as markers were lost whenever a fragment began or ended with a match.
HIGHLIGHT_PRE, HIGHLIGHT_POST = "\ue000", "\ue001"


class SearchError(ValueError):
    """A query Elasticsearch cannot run (bad syntax, bad date, missing index); the message says why."""


@dataclass(frozen=True)
class SearchRequest:
    query: str
    since: str | None = None
    until: str | None = None
    publishers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    size: int = 10


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


def build_query(request: SearchRequest) -> dict[str, Any]:
    """The Elasticsearch query: Lucene query syntax over the text fields, filters on the rest."""
    filters: list[dict[str, Any]] = []
    if request.since or request.until:
        bounds = {key: value for key, value in (("gte", request.since), ("lte", request.until)) if value}
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
    must = (
        {"query_string": {"query": request.query, "fields": list(SEARCH_FIELDS), "default_operator": "and"}}
        if request.query.strip()
        else {"match_all": {}}
    )
    return {"bool": {"must": [must], "filter": filters}}


def search(client: Elasticsearch, index: str, request: SearchRequest) -> tuple[int, list[Hit]]:
    """Total matches and the ranked hits."""
    try:
        response = client.search(
            index=index,
            query=build_query(request),
            size=request.size,
            source_includes=["title", "publisher", "published_at", "url"],
            highlight={
                "pre_tags": [HIGHLIGHT_PRE],
                "post_tags": [HIGHLIGHT_POST],
                "fields": {"title": {"number_of_fragments": 0}, "body": {"fragment_size": 160, "number_of_fragments": 3}},
            },
            track_total_hits=True,
        )
    except NotFoundError:
        raise SearchError(f"the index {index} does not exist yet: run `newsbeam replay` first") from None
    except BadRequestError as exc:
        raise SearchError(_root_cause(exc)) from None
    hits = []
    for hit in response["hits"]["hits"]:
        source, highlight = hit["_source"], hit.get("highlight", {})
        hits.append(
            Hit(
                id=hit["_id"],
                score=hit["_score"] or 0.0,
                title=source.get("title"),
                publisher=source.get("publisher"),
                published_at=source.get("published_at"),
                url=source.get("url"),
                fragments=tuple(highlight.get("body", ())),
            )
        )
    return response["hits"]["total"]["value"], hits


def _root_cause(exc: BadRequestError) -> str:
    """The reason Elasticsearch gives first, e.g. the query parser's complaint."""
    error = exc.body.get("error") if isinstance(exc.body, dict) else None
    if not isinstance(error, dict):
        return str(exc)
    causes = error.get("root_cause") or [error]
    return causes[0].get("reason") or str(exc)
