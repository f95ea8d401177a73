"""The alerts index, `<alias>-alerts`: one document per alert, which is also what makes it at most once.

The document's id is a hash of (watchlist, article id), plus the article's content hash for the
alert of an update. It is written with `op_type=create` *before* anything is sent: the one writer
whose create succeeds owns the alert and sends it; any other (a second `watch`, a restart, a replay,
a runner retrying a bundle) gets 409 and sends nothing. Claiming after sending would be at least
once instead: a process killed between the send and the write would send again on restart. The
price of at most once is the other way round: an alert claimed by a process killed before its
send is never sent; its document stays `pending` and shows it.

The document then records the outcome (`sent`, or `failed` with the reason), which the Kibana
saved search "Alerts" lists.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk

from connectors.elasticsearch.index import companion_index, ensure_companion_index
from foundation.vocabulary import AlertStatus, IndexResult

log = logging.getLogger(__name__)

_MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "watchlist": {"type": "keyword"},
        "article_id": {"type": "keyword"},
        "title": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 512}}},
        "url": {"type": "keyword"},
        "publisher": {"type": "keyword"},
        "published_at": {"type": "date"},
        "matched_at": {"type": "date"},
        "result": {"type": "keyword"},
        "status": {"type": "keyword"},
        "reason": {"type": "text"},
        "notified_at": {"type": "date"},
    },
}


@dataclass(frozen=True)
class Alert:
    """One article matched by one watchlist."""

    watchlist: str
    article_id: str
    title: str | None
    url: str | None
    publisher: str | None
    published_at: str | None
    matched_at: str
    result: IndexResult
    """CREATED, or UPDATED for the alert of a new version."""
    content_hash: str | None = None

    @property
    def key(self) -> str:
        """The alert's id in the alerts index: one per (watchlist, article), and per version for updates."""
        parts = [self.watchlist, self.article_id]
        if self.result == IndexResult.UPDATED:
            parts.append(self.content_hash or "")
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:40]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("content_hash")
        return data


@dataclass(frozen=True)
class AlertOutcome:
    alert: Alert
    status: AlertStatus
    notified_at: str
    reason: str | None = None


def alerts_mapping_properties() -> dict[str, Any]:
    """The alerts index's fields (what the Kibana saved objects on it may use)."""
    return _MAPPING["properties"]


def alerts_index(alias: str) -> str:
    """The alerts of the news index behind `alias`."""
    return companion_index(alias, "alerts")


def ensure_alerts_index(client: Elasticsearch, alias: str) -> None:
    """Create the alerts index unless it exists; safe to repeat and to race."""
    ensure_companion_index(client, alerts_index(alias), _MAPPING)


class AlertLedger:
    """Claims alerts (at most once) and records how each ended."""

    def __init__(self, client: Elasticsearch, alias: str) -> None:
        self._client = client
        self._alias = alias
        self._index = alerts_index(alias)
        self._ready = False

    def _ensure_index(self) -> None:
        # On the first alert, not before: a news index without watchlists gets no alerts index.
        if not self._ready:
            ensure_alerts_index(self._client, self._alias)
            self._ready = True

    def claim(self, alerts: Sequence[Alert]) -> list[Alert]:
        """The alerts this call created, in order: the ones to send. The others were claimed before.

        Raises what the client raises when Elasticsearch cannot be reached: then nothing may be sent.
        """
        if not alerts:
            return []
        self._ensure_index()
        actions = (
            {"_op_type": "create", "_index": self._index, "_id": alert.key, "_source": {**alert.to_dict(), "status": AlertStatus.PENDING}}
            for alert in alerts
        )
        claimed = []
        for alert, (ok, response) in zip(alerts, streaming_bulk(self._client, actions, raise_on_error=False, max_retries=3), strict=True):
            info = response["create"]
            if ok:
                claimed.append(alert)
            elif info.get("status") != 409:
                # Unclaimed means unsent: at most once, whatever Elasticsearch said.
                log.warning("alert %s for %s not claimed, so not sent: %s", alert.watchlist, alert.article_id, info.get("error"))
        return claimed

    def record(self, outcomes: Sequence[AlertOutcome]) -> None:
        """Write how the alerts ended, in one bulk request; a failure here is logged: the alert was
        (or was not) sent anyway."""
        # The whole document again rather than a partial update: an update reads the claimed
        # document first (a realtime get, which refreshes the alerts index), and the alert is at hand.
        actions = (
            {
                "_op_type": "index",
                "_index": self._index,
                "_id": outcome.alert.key,
                "_source": {
                    **outcome.alert.to_dict(),
                    "status": outcome.status,
                    "notified_at": outcome.notified_at,
                    "reason": outcome.reason,
                },
            }
            for outcome in outcomes
        )
        try:
            for ok, response in streaming_bulk(self._client, actions, raise_on_error=False, max_retries=3):
                if not ok:
                    log.warning("alert status not recorded: %s", response["index"].get("error"))
        except Exception as exc:  # the status is informative; the send already happened (or not)
            log.warning("alert status not recorded (%s: %s)", type(exc).__name__, exc)
