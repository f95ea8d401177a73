"""Which watchlists match which just-indexed articles: one `_msearch` per batch, with Elasticsearch's
own query semantics (no percolator: the local node does not ship that module, and a search on the
real index means exactly what `newsbeam search` would find, analyzers and all).

Each watchlist's search is its `newsbeam search` query with an `ids` filter on the batch, so the
cost grows with watchlists × batches, not with the index. The news index is refreshed first: the
sink's writes are not searchable until a refresh, and waiting for the periodic one would add up
to a second of latency to every alert.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch

from foundation.vocabulary import IndexResult
from pipelines.alerts.ledger import Alert
from pipelines.alerts.watchlists import Watchlist

log = logging.getLogger(__name__)

MATCHED_RESULTS = (IndexResult.CREATED, IndexResult.UPDATED)
_SOURCE = ["title", "url", "publisher", "published_at", "content_hash"]


@dataclass(frozen=True)
class MatchProblem:
    """A watchlist whose search Elasticsearch refused (bad syntax added behind the CLI's back, say)."""

    watchlist: str
    reason: str


def match(
    client: Elasticsearch, index: str, watchlists: Sequence[Watchlist], indexed: Sequence[tuple[str, IndexResult]]
) -> tuple[list[Alert], list[MatchProblem]]:
    """The alerts for `indexed` ((article id, result) pairs from the sink): created articles for
    every watchlist, updated ones for the watchlists that ask for updates."""
    results = {article_id: result for article_id, result in indexed if result in MATCHED_RESULTS}
    created = [article_id for article_id, result in results.items() if result == IndexResult.CREATED]
    searches: list[tuple[Watchlist, list[str]]] = []
    for watchlist in watchlists:
        ids = list(results) if watchlist.updates else created
        if ids:
            searches.append((watchlist, ids))
    if not searches:
        return [], []
    client.indices.refresh(index=index)
    body: list[dict[str, Any]] = []
    for watchlist, ids in searches:
        body += [{}, {"query": watchlist.search_query(ids), "size": len(ids), "_source": _SOURCE, "track_total_hits": False}]
    responses = client.msearch(index=index, searches=body)["responses"]
    matched_at = datetime.now(UTC).isoformat(timespec="milliseconds")
    alerts: list[Alert] = []
    problems: list[MatchProblem] = []
    for (watchlist, _), response in zip(searches, responses, strict=True):
        if "error" in response:
            problems.append(MatchProblem(watchlist.name, _reason(response["error"])))
            continue
        alerts += [_alert(watchlist, hit, results[hit["_id"]], matched_at) for hit in response["hits"]["hits"]]
    return alerts, problems


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
