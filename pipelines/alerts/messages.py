"""What an alert says: the webhook's JSON (Slack-compatible `text`) and the email's subject and text.

One function per medium for one or several alerts of one watchlist (several: a digest).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from foundation.vocabulary import IndexResult
from pipelines.alerts.ledger import Alert


def webhook_payload(watchlist: str, alerts: Sequence[Alert]) -> dict[str, Any]:
    """`text` for Slack-like receivers (mrkdwn links), `alerts` for programs."""
    heading = f"*{_slack(watchlist)}*: " + (f"{len(alerts)} new articles" if len(alerts) > 1 else "")
    lines = [_slack_line(alert) for alert in alerts]
    text = heading + lines[0] if len(alerts) == 1 else "\n".join([heading, *(f"• {line}" for line in lines)])
    return {"text": text, "watchlist": watchlist, "alerts": [alert.to_dict() for alert in alerts]}


def email_message(watchlist: str, alerts: Sequence[Alert]) -> tuple[str, str]:
    """(subject, plain text)."""
    first = alerts[0]
    if len(alerts) == 1:
        subject = f"[newsbeam] {watchlist}: {_one_line(first.title or first.url or first.article_id)}"
    else:
        subject = f"[newsbeam] {watchlist}: {len(alerts)} new articles"
    blocks = []
    for alert in alerts:
        details = " · ".join(part for part in (alert.publisher, alert.published_at, _updated(alert)) if part)
        blocks.append("\n".join(part for part in (_one_line(alert.title or "(untitled)"), details, alert.url or alert.article_id) if part))
    footer = f"\n\n-- \nSent by newsbeam for the watchlist {watchlist!r}."
    return subject, "\n\n".join(blocks) + footer


def _slack_line(alert: Alert) -> str:
    title = _slack(_one_line(alert.title or "(untitled)"))
    link = f"<{alert.url}|{title}>" if alert.url else title
    extra = ", ".join(part for part in (_slack(alert.publisher or ""), _updated(alert)) if part)
    return f"{link} ({extra})" if extra else link


def _updated(alert: Alert) -> str:
    return "updated" if alert.result == IndexResult.UPDATED else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _slack(text: str) -> str:
    """Slack's three control characters in message text, escaped as its docs require."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
