"""Which watchlists match which just-indexed articles: one search per batch, with Elasticsearch's
own query semantics (no percolator: the local node does not ship that module, and a search on the
real index means exactly what `newsbeam search` would find, analyzers and all).

The batch's search is a bool query: a filter on the batch's ids and, as `should` clauses, every
watchlist's `newsbeam search` query named (`_name`) after its position, so each hit's
`matched_queries` says which watchlists it matches. Elasticsearch evaluates a named query on each
hit by itself, so a name on a hit means the watchlist's own search finds the article. One search
instead of one per watchlist: the cost grows with the batch and barely with the watchlists.

A watchlist whose search Elasticsearch refuses (a query it cannot parse, stored behind the CLI's
back) fails the combined search: then every watchlist of it is searched alone, in one `_msearch`,
which tells the refused ones; those are searched alone from then on (and fail alone, so the
caller can say so) until their definition changes, the others are combined again.

No refresh before each search: the sink's writes become searchable at the index's periodic
refresh (every second by default), and a refresh per batch on top of those would cost indexing
segments and merges. A count of the batch's ids that the search can see comes in the same
`_msearch`; only when some are not searchable yet (a longer `refresh_interval`, a refresh late
under load) is the index refreshed and the batch searched again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch

from connectors.elasticsearch.index import refresh
from foundation.vocabulary import IndexResult
from pipelines.alerts.ledger import Alert
from pipelines.alerts.watchlists import Watchlist

log = logging.getLogger(__name__)

MATCHED_RESULTS = (IndexResult.CREATED, IndexResult.UPDATED)
_SOURCE = ["title", "url", "publisher", "published_at", "content_hash"]


@dataclass(frozen=True)
class MatchProblem:
    """A watchlist whose search Elasticsearch refused (bad syntax added behind the CLI's back, a missing index)."""

    watchlist: str
    reason: str


@dataclass
class BatchMatch:
    alerts: list[Alert] = field(default_factory=list)
    problems: list[MatchProblem] = field(default_factory=list)
    refreshed: bool = False
    """Whether the index had to be refreshed for the batch to be searchable."""


@dataclass
class _Found:
    hits: list[tuple[Watchlist, dict[str, Any]]] = field(default_factory=list)
    problems: list[MatchProblem] = field(default_factory=list)


class Matcher:
    """Matches batches of indexed ids against watchlists, remembering the watchlists Elasticsearch refuses."""

    def __init__(self, client: Elasticsearch, index: str) -> None:
        self._client = client
        self._index = index
        self._refused: set[str] = set()
        """The searches (as JSON) of watchlists whose search failed alone: searched alone, not combined."""

    def match(self, watchlists: Sequence[Watchlist], indexed: Sequence[tuple[str, IndexResult]]) -> BatchMatch:
        """The alerts for `indexed` ((article id, result) pairs from the sink): created articles for
        every watchlist, updated ones for the watchlists that ask for updates. Raises the client's
        errors when Elasticsearch cannot be reached."""
        results = {article_id: result for article_id, result in indexed if result in MATCHED_RESULTS}
        if not any(watchlist.updates for watchlist in watchlists):
            results = {article_id: result for article_id, result in results.items() if result == IndexResult.CREATED}
        if not results or not watchlists:
            return BatchMatch()
        ids = list(results)
        found = self._search(watchlists, ids)
        refreshed = found is None
        if found is None:
            refresh(self._client, self._index)
            # Searchable now, but for ids the index no longer holds (deleted since): what is found is all there is.
            found = self._search(watchlists, ids, complete=False) or _Found()
        matched_at = datetime.now(UTC).isoformat(timespec="milliseconds")
        alerts = [
            _alert(watchlist, hit, results[hit["_id"]], matched_at)
            for watchlist, hit in found.hits
            if watchlist.updates or results[hit["_id"]] == IndexResult.CREATED
        ]
        return BatchMatch(alerts, found.problems, refreshed)

    def _search(self, watchlists: Sequence[Watchlist], ids: list[str], complete: bool = True) -> _Found | None:
        """What the watchlists find among `ids`; None when some of them are not searchable yet (`complete`)."""
        alone = [watchlist for watchlist in watchlists if _key(watchlist) in self._refused]
        combined = [watchlist for watchlist in watchlists if _key(watchlist) not in self._refused]
        body: list[dict[str, Any]] = [{}, {"query": {"ids": {"values": ids}}, "size": 0, "track_total_hits": True}]
        if combined:
            body += [{}, _combined_search(combined, ids)]
        body += _searches_alone(alone, ids)
        responses = self._client.msearch(index=self._index, searches=body)["responses"]
        count, responses = responses[0], responses[1:]
        if "error" in count:
            # The index itself cannot be searched (missing, closed): every watchlist fails the same way.
            reason = _reason(count["error"])
            return _Found(problems=[MatchProblem(watchlist.name, reason) for watchlist in watchlists])
        if complete and count["hits"]["total"]["value"] < len(ids):
            return None
        found = _Found()
        if combined:
            response, responses = responses[0], responses[1:]
            if "error" in response:
                self._search_alone(combined, ids, found)
            else:
                for hit in response["hits"]["hits"]:
                    found.hits += [(combined[int(name)], hit) for name in hit.get("matched_queries", ())]
        self._collect(alone, responses, found)
        return found

    def _search_alone(self, watchlists: Sequence[Watchlist], ids: list[str], found: _Found) -> None:
        """Each watchlist's search by itself: which of them Elasticsearch refuses, and the others' matches."""
        responses = self._client.msearch(index=self._index, searches=_searches_alone(watchlists, ids))["responses"]
        self._collect(watchlists, responses, found)

    def _collect(self, watchlists: Sequence[Watchlist], responses: Sequence[dict[str, Any]], found: _Found) -> None:
        for watchlist, response in zip(watchlists, responses, strict=True):
            if "error" in response:
                self._refused.add(_key(watchlist))
                found.problems.append(MatchProblem(watchlist.name, _reason(response["error"])))
            else:
                self._refused.discard(_key(watchlist))
                found.hits += [(watchlist, hit) for hit in response["hits"]["hits"]]


def _combined_search(watchlists: Sequence[Watchlist], ids: list[str]) -> dict[str, Any]:
    named = []
    for position, watchlist in enumerate(watchlists):
        query = watchlist.search_query()
        query["bool"]["_name"] = str(position)
        named.append(query)
    return _search({"bool": {"filter": [{"ids": {"values": ids}}], "should": named, "minimum_should_match": 1}}, len(ids))


def _searches_alone(watchlists: Sequence[Watchlist], ids: list[str]) -> list[dict[str, Any]]:
    """`_msearch` lines searching each watchlist by itself among `ids`."""
    return [line for watchlist in watchlists for line in ({}, _search(watchlist.search_query(ids), len(ids)))]


def _search(query: dict[str, Any], size: int) -> dict[str, Any]:
    return {"query": query, "size": size, "_source": _SOURCE, "track_total_hits": False}


def _key(watchlist: Watchlist) -> str:
    return json.dumps([watchlist.name, watchlist.search_query()], sort_keys=True)


def _reason(error: Any) -> str:
    if isinstance(error, dict):
        causes = error.get("root_cause") or [error]
        return str(causes[0].get("reason") or error.get("type"))
    return str(error)


def current_matches(client: Elasticsearch, index: str, watchlist: Watchlist, size: int) -> tuple[int, list[Alert]]:
    """What the watchlist finds among the articles indexed now, newest first, as the alerts it would
    give if they were new (`newsbeam watchlist test`). Raises the client's errors (a bad query: 400)."""
    response = client.search(
        index=index,
        query=watchlist.search_query(),
        size=size,
        sort=[{"published_at": {"order": "desc", "missing": "_last"}}, "_score"],
        source_includes=_SOURCE,
        track_total_hits=True,
    )
    matched_at = datetime.now(UTC).isoformat(timespec="milliseconds")
    alerts = [_alert(watchlist, hit, IndexResult.CREATED, matched_at) for hit in response["hits"]["hits"]]
    return response["hits"]["total"]["value"], alerts


def _alert(watchlist: Watchlist, hit: dict[str, Any], result: IndexResult, matched_at: str) -> Alert:
    source = hit["_source"]
    return Alert(
        watchlist=watchlist.name,
        article_id=hit["_id"],
        title=source.get("title"),
        url=source.get("url"),
        publisher=source.get("publisher"),
        published_at=source.get("published_at"),
        matched_at=matched_at,
        result=result,
        content_hash=source.get("content_hash"),
    )
