"""Webhook notifier: a JSON POST signed with HMAC-SHA256 over the exact bytes sent.

The signature scheme is GitHub's and Miniflux's: a header `X-Newsbeam-Signature: sha256=<hex>`,
the HMAC of the raw body under the watchlist's secret, so a receiver checks it before parsing
anything. The body carries a Slack-compatible `text`, so a Slack (or Mattermost, Rocket.Chat)
incoming-webhook URL works as it is.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any, Literal

import httpx
from pydantic import Field, SecretStr

from connectors.notifiers import NotifyError
from foundation.config_files import HttpUrlText, StrictModel

SIGNATURE_HEADER = "X-Newsbeam-Signature"


class WebhookConfig(StrictModel):
    type: Literal["webhook"] = "webhook"
    url: HttpUrlText
    secret: SecretStr | None = None
    """Signs each body; without one, no signature header is sent (e.g. for Slack, which ignores it)."""
    timeout: float = Field(default=10.0, gt=0, le=120)

    def describe(self) -> str:
        """The target, safe to log: the URL without query or credentials (Slack's carry the token in the path, so only the host)."""
        return f"webhook {httpx.URL(self.url).host}"


def signature(body: bytes, secret: str) -> str:
    """The header value for `body`: `sha256=` and the hex HMAC-SHA256 under `secret`."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def encode(payload: dict[str, Any]) -> bytes:
    """The bytes sent (and signed): compact UTF-8 JSON."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def post(config: WebhookConfig, payload: dict[str, Any], client: httpx.Client | None = None) -> None:
    """POST `payload` to the webhook; `NotifyError` unless it answers 2xx."""
    body = encode(payload)
    headers = {"Content-Type": "application/json", "User-Agent": "newsbeam-alerts"}
    if config.secret is not None:
        headers[SIGNATURE_HEADER] = signature(body, config.secret.get_secret_value())
    # Redirects are not followed: a POST's body and signature must reach the URL configured.
    try:
        if client is None:
            with httpx.Client(timeout=config.timeout) as own:
                response = own.post(config.url, content=body, headers=headers)
        else:
            response = client.post(config.url, content=body, headers=headers, timeout=config.timeout)
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        raise NotifyError(f"{config.describe()}: not reached: {type(exc).__name__}: {exc}") from None
    except httpx.TransportError as exc:
        # Sent, perhaps received, with no answer: another try could deliver it twice, and alerts are at most once.
        raise NotifyError(f"{config.describe()}: no answer, perhaps received: {type(exc).__name__}: {exc}", retryable=False) from None
    if response.is_success:
        return
    status = response.status_code
    retryable = status in (408, 425, 429) or status >= 500
    raise NotifyError(f"{config.describe()} answered HTTP {status}", retryable=retryable)
