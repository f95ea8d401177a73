"""Stories in the index: one search hit per story, and the biggest stories of a period (no Beam).

Every article carries `story_id` (the id of its story's first article), and the story's totals as
the pipeline last saw them (`story_size`, `story_outlets`, `first_seen`, `first_publisher`).

- `newsbeam search --stories` collapses hits on `story_id` (Elasticsearch field collapsing): the
  best-scoring article stands for its story, and an `inner_hits` block, itself collapsed on
  `publisher`, names the outlets among the story's matching articles.
- `newsbeam stories` groups a period's articles with a `terms` aggregation on `story_id`, ordered
  by a `cardinality` of `publisher` (outlets) or by article count, and reads each story's first
  article by its id, which is the story id.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from elasticsearch import BadRequestError, Elasticsearch, NotFoundError

OUTLETS_SHOWN = 10
"""How many outlets a story lists by name (the counts cover all of them)."""
_DURATION = re.compile(r"(\d+)([mhdw])")
_STORY_FIELDS = ["publisher", "story_size", "story_outlets", "first_seen", "first_publisher"]


class StoriesError(ValueError):
    """A period or an index the stories cannot be read from; the message says why."""


class StoryOrder(StrEnum):
    OUTLETS = "outlets"
    ARTICLES = "articles"


# --- search --stories ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StorySummary:
    """What a collapsed search hit says about its story."""

    story_id: str
    articles: int
    """Articles in the story: the stored `story_size`, or the matching ones if more are indexed."""
    outlets: int
    publishers: tuple[str, ...]
    """Outlets among the story's matching articles (at most OUTLETS_SHOWN), earliest first."""
    first_publisher: str | None
    first_seen: str | None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "publishers": list(self.publishers)}

    def describe(self) -> str:
        """One line for a reader: `story of 7 articles from 5 outlets: TASS, Reuters, …`."""
        names = ", ".join(self.publishers) + (", …" if self.outlets > len(self.publishers) else "")
        first = f"; first: {self.first_publisher or 'unknown publisher'}, {self.first_seen or 'date unknown'}"
        articles = f"{self.articles} article{'s' if self.articles != 1 else ''}"
        outlets = f"{self.outlets} outlet{'s' if self.outlets != 1 else ''}"
        return f"story of {articles} from {outlets}" + (f": {names}" if names else "") + first


def story_collapse() -> dict[str, Any]:
    """The `collapse` clause of a search that shows one hit per story, with its outlets as inner hits."""
    return {
        "field": "story_id",
        "inner_hits": {
            "name": "outlets",
            "size": OUTLETS_SHOWN,
            # A second level of collapsing: one inner hit per publisher.
            "collapse": {"field": "publisher"},
            "sort": [{"published_at": {"order": "asc", "missing": "_last"}}, {"fetched_at": {"order": "asc", "missing": "_last"}}],
            "_source": _STORY_FIELDS,
        },
    }


def story_of(hit: dict[str, Any]) -> StorySummary:
    """The story of a hit from a search collapsed with `story_collapse`."""
    inner = hit["inner_hits"]["outlets"]["hits"]
    sources = [inner_hit["_source"] for inner_hit in inner["hits"]]
    publishers = tuple(source["publisher"] for source in sources if source.get("publisher"))
    matching = inner["total"]["value"]
    stored_size = max((source.get("story_size") or 1 for source in sources), default=1)
    stored_outlets = max((source.get("story_outlets") or 1 for source in sources), default=1)
    first = sources[0] if sources else {}
    return StorySummary(
        # Documents written without a story id (not by newsbeam) collapse into one group with no key.
        story_id=((hit.get("fields") or {}).get("story_id") or [hit["_id"]])[0],
        articles=max(stored_size, matching),
        outlets=max(stored_outlets, len(publishers)),
        publishers=publishers,
        first_publisher=first.get("first_publisher"),
        first_seen=first.get("first_seen"),
    )


# --- newsbeam stories ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryRow:
    """One story of a period, with the counts of its articles in that period."""

    story_id: str
    articles: int
    outlets: int
    publishers: tuple[str, ...]
    """The busiest outlets of the story in the period (at most OUTLETS_SHOWN)."""
    first_seen: str | None
    first_publisher: str | None
    title: str | None
    """The title of the story's first article."""
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "publishers": list(self.publishers)}


def period_start(since: str) -> str:
    """A date Elasticsearch reads from `1d`, `12h`, `30m`, `2w` (that long ago), a date (2026-12-01,
    2026-12-01T08:00) or date math (now-1d/d); `StoriesError` otherwise."""
    duration = _DURATION.fullmatch(since.strip())
    if duration:
        count, unit = duration.groups()
        return f"now-{count}{'H' if unit == 'h' else unit}"
    if since.startswith("now"):
        return since
    try:
        (date if len(since) == 10 else datetime).fromisoformat(since)
    except ValueError:
        raise StoriesError(
            f"--since {since!r}: expected a duration (1d, 12h, 30m, 2w), a date (2026-12-01) or date math (now-1d/d)"
        ) from None
    return since


def period_filter(since: str) -> dict[str, Any]:
    """Articles of the period: published since `since`; without a date, fetched since then; without
    either (a replayed file that states no date), first seen by the pipeline since then."""
    start = period_start(since)
    undated = {"exists": {"field": "published_at"}}
    unfetched = {"exists": {"field": "fetched_at"}}
    return {
        "bool": {
            "should": [
                {"range": {"published_at": {"gte": start}}},
                {"bool": {"must_not": [undated], "filter": [{"range": {"fetched_at": {"gte": start}}}]}},
                {"bool": {"must_not": [undated, unfetched], "filter": [{"range": {"first_seen": {"gte": start}}}]}},
            ],
            "minimum_should_match": 1,
        }
    }


def top_stories(
    client: Elasticsearch, index: str, since: str, *, size: int = 10, min_articles: int = 2, order: StoryOrder = StoryOrder.OUTLETS
) -> list[StoryRow]:
    """The period's biggest stories, by outlets (then articles) or by articles (then outlets)."""
    outlets_first = [{"outlets": "desc"}, {"_count": "desc"}]
    ordering = outlets_first if order is StoryOrder.OUTLETS else list(reversed(outlets_first))
    aggregations = {
        "stories": {
            "terms": {"field": "story_id", "size": size, "min_doc_count": min_articles, "order": ordering},
            "aggs": {
                "outlets": {"cardinality": {"field": "publisher"}},
                "publishers": {"terms": {"field": "publisher", "size": OUTLETS_SHOWN}},
                "earliest": {
                    "top_hits": {
                        "size": 1,
                        "sort": [
                            {"first_seen": {"order": "asc", "missing": "_last"}},
                            {"published_at": {"order": "asc", "missing": "_last"}},
                        ],
                        "_source": ["title", "url", "first_publisher", "publisher", "first_seen", "published_at"],
                    }
                },
            },
        }
    }
    response = _search(client, index, query={"bool": {"filter": [period_filter(since)]}}, size=0, aggregations=aggregations)
    buckets = response["aggregations"]["stories"]["buckets"]
    firsts = _first_articles(client, index, [bucket["key"] for bucket in buckets])
    return [_row(bucket, firsts.get(bucket["key"])) for bucket in buckets]


def _first_articles(client: Elasticsearch, index: str, story_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The stories' first articles by id (a story's id is its first article's), wherever they were published."""
    if not story_ids:
        return {}
    response = _search(
        client, index, query={"ids": {"values": story_ids}}, size=len(story_ids), source_includes=["title", "url", "publisher"]
    )
    return {hit["_id"]: hit["_source"] for hit in response["hits"]["hits"]}


def _row(bucket: dict[str, Any], first: dict[str, Any] | None) -> StoryRow:
    (earliest,) = bucket["earliest"]["hits"]["hits"]
    seen = earliest["_source"]
    # The first article may be gone from the index (or not be a news article any more); the
    # period's earliest article then stands for it.
    head = first or seen
    return StoryRow(
        story_id=bucket["key"],
        articles=bucket["doc_count"],
        outlets=bucket["outlets"]["value"],
        publishers=tuple(publisher["key"] for publisher in bucket["publishers"]["buckets"]),
        first_seen=seen.get("first_seen") or seen.get("published_at"),
        first_publisher=seen.get("first_publisher") or (first or {}).get("publisher") or seen.get("publisher"),
        title=head.get("title"),
        url=head.get("url"),
    )


def _search(client: Elasticsearch, index: str, **request: Any) -> Any:
    try:
        return client.search(index=index, **request)
    except NotFoundError:
        raise StoriesError(f"the index {index} does not exist yet: run `newsbeam replay` or `newsbeam watch` first") from None
    except BadRequestError as exc:
        raise StoriesError(_reason(exc)) from None


def _reason(exc: BadRequestError) -> str:
    error = exc.body.get("error") if isinstance(exc.body, dict) else None
    causes = (error.get("root_cause") or [error]) if isinstance(error, dict) else []
    reason = (causes[0].get("reason") if causes else None) or str(exc)
    if any(f"[{field}]" in reason for field in ("story_id", "first_seen", "first_publisher")):
        return f"{reason} (the index was created before stories: replay its articles into a new --index)"
    return reason
