"""What the index knows about stories: articles sharing LSH bands with new ones, a story's members,
and partial updates of the story figures of articles already indexed.

Candidates are found with one `msearch` per batch of articles (one search each: a `term` clause per
band key, so articles sharing more bands rank higher, plus the article's own id, boosted, so a
re-run finds the story it already belongs to). Only the fields needed to verify a candidate and
join its story are fetched, never bodies. A lookup that fails leaves its articles without indexed
candidates (they start or join stories from the in-memory window alone) rather than failing them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import streaming_bulk

from foundation.records import StoryUpdate

log = logging.getLogger(__name__)

CANDIDATES = 10
"""Indexed articles fetched per new article: the best-matching by number of shared bands."""
MEMBERS_LIMIT = 10_000
"""Members read back when a story from the index grows (and partial updates sent on each growth)."""
_OWN_ID_BOOST = 1000.0
_FIELDS = [
    "story_id",
    "story_minhash",
    "story_shingles",
    "story_size",
    "story_outlets",
    "first_seen",
    "first_publisher",
    "near_duplicate_of",
]


@dataclass(frozen=True)
class IndexedArticle:
    """An indexed article's story fields, as a candidate for a new article to join."""

    id: str
    story_id: str | None
    """None for an article indexed before stories were assigned."""
    minhash: str | None
    shingles: int
    story_size: int
    story_outlets: int
    first_seen: str | None
    first_publisher: str | None
    near_duplicate_of: str | None

    @classmethod
    def from_hit(cls, hit: dict[str, Any]) -> IndexedArticle:
        source = hit.get("_source") or {}
        return cls(
            id=hit["_id"],
            story_id=source.get("story_id"),
            minhash=source.get("story_minhash"),
            shingles=int(source.get("story_shingles") or 0),
            story_size=int(source.get("story_size") or 1),
            story_outlets=int(source.get("story_outlets") or 1),
            first_seen=source.get("first_seen"),
            first_publisher=source.get("first_publisher"),
            near_duplicate_of=source.get("near_duplicate_of"),
        )


@dataclass(frozen=True)
class IndexedMember:
    id: str
    publisher: str | None
    url: str | None


def find_candidates(client: Elasticsearch, index: str, articles: Sequence[tuple[str, Sequence[str]]]) -> list[list[IndexedArticle]]:
    """For each (article id, band keys): the indexed articles sharing a band with it, and itself if indexed."""
    searches: list[dict[str, Any]] = []
    for article_id, bands in articles:
        should: list[dict[str, Any]] = [{"term": {"story_bands": band}} for band in bands]
        should.append({"ids": {"values": [article_id], "boost": _OWN_ID_BOOST}})
        searches += [{"index": index}, {"size": CANDIDATES, "_source": _FIELDS, "query": {"bool": {"should": should}}}]
    if not searches:
        return []
    try:
        responses = client.msearch(searches=searches)["responses"]
    except (ApiError, TransportError) as exc:
        log.warning("could not look up %d articles' stories in %s (%s); grouping them within this run only", len(articles), index, exc)
        return [[] for _ in articles]
    found: list[list[IndexedArticle]] = []
    for response in responses:
        if "error" in response:
            log.warning("story lookup in %s failed: %s", index, response["error"])
            found.append([])
        else:
            found.append([IndexedArticle.from_hit(hit) for hit in response["hits"]["hits"]])
    return found


def story_members(client: Elasticsearch, index: str, story_id: str, limit: int = MEMBERS_LIMIT) -> list[IndexedMember]:
    """The indexed articles of a story (at most `limit`), with what tells their outlets apart."""
    response = client.search(index=index, size=limit, source_includes=["publisher", "url"], query={"term": {"story_id": story_id}})
    return [
        IndexedMember(hit["_id"], (hit.get("_source") or {}).get("publisher"), (hit.get("_source") or {}).get("url"))
        for hit in response["hits"]["hits"]
    ]


def update_stories(client: Elasticsearch, index: str, updates: Iterable[StoryUpdate], chunk_size: int = 500) -> int:
    """Write new story figures as partial updates (unchanged fields untouched, equal figures a noop); returns how many were applied.

    An article missing from the index (it was dead-lettered) is skipped; other failures are logged:
    the article itself is indexed, only its story's figures lag until the story grows again.
    """
    actions = ({"_op_type": "update", "_index": index, "_id": update.article_id, "doc": update.fields()} for update in updates)
    applied = 0
    try:
        for ok, response in streaming_bulk(client, actions, chunk_size=chunk_size, raise_on_error=False, max_retries=3):
            info = next(iter(response.values()))
            if ok:
                applied += info.get("result") == "updated"
            elif info.get("status") != 404:
                log.warning("story figures of %s not updated: %s %s", info.get("_id"), info.get("status"), info.get("error"))
    except (ApiError, TransportError) as exc:
        log.warning("story figures not updated in %s: %s", index, exc)
    return applied
