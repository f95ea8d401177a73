"""Kibana's HTTP API, the two calls newsbeam needs: wait until Kibana is up, import saved objects.

Credentials come from the environment (`NEWSBEAM_KIBANA_API_KEY`, or `NEWSBEAM_KIBANA_USERNAME`
and `NEWSBEAM_KIBANA_PASSWORD`); they are sent as headers and never appear in messages.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from foundation.settings import PROJECT_ROOT

log = logging.getLogger(__name__)

DEFAULT_URL = "http://127.0.0.1:5601"
SAVED_OBJECTS_FILE = PROJECT_ROOT / "config" / "kibana" / "newsbeam.ndjson"
DASHBOARD_ID = "newsbeam-news-monitor"

# Kibana refuses state-changing API calls without this header (its CSRF protection).
_XSRF = {"kbn-xsrf": "true"}


class KibanaError(RuntimeError):
    """Kibana cannot be reached, refused a request, or reported a failed import."""


@dataclass(frozen=True)
class Credentials:
    api_key: str | None = field(default=None, repr=False)
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Credentials:
        env = os.environ if environ is None else environ
        return cls(
            api_key=env.get("NEWSBEAM_KIBANA_API_KEY") or None,
            username=env.get("NEWSBEAM_KIBANA_USERNAME") or None,
            password=env.get("NEWSBEAM_KIBANA_PASSWORD") or None,
        )

    def headers(self) -> dict[str, str]:
        if self.api_key:
            return {"Authorization": f"ApiKey {self.api_key}"}
        return {}

    def basic_auth(self) -> httpx.BasicAuth | None:
        if self.api_key or not self.username:
            return None
        return httpx.BasicAuth(self.username, self.password or "")


@dataclass(frozen=True)
class ImportResult:
    success_count: int
    errors: list[dict[str, Any]]


class KibanaClient:
    """A small client for one Kibana; every request has a timeout."""

    def __init__(self, url: str = DEFAULT_URL, credentials: Credentials = Credentials(), timeout: float = 10.0) -> None:
        self.url = url.rstrip("/")
        self._http = httpx.Client(
            base_url=self.url,
            headers=credentials.headers(),
            auth=credentials.basic_auth(),
            timeout=timeout,
        )

    def __enter__(self) -> KibanaClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def status(self) -> str:
        """Kibana's readiness: `available`, or the level that keeps it from being ready.

        Raises `KibanaError` for answers that waiting will not fix (bad credentials, not Kibana).
        Connection errors propagate as `httpx.TransportError`.
        """
        response = self._http.get("/api/status")
        if response.status_code in (401, 403):
            raise KibanaError(f"Kibana at {self.url} refused the credentials (HTTP {response.status_code}) on /api/status")
        if response.status_code == 404:
            raise KibanaError(f"{self.url} answered 404 on /api/status; is this Kibana?")
        try:
            body = response.json()
        except ValueError:
            return f"HTTP {response.status_code}"
        return _readiness(body) if isinstance(body, dict) else f"HTTP {response.status_code}"

    def wait_until_available(self, timeout: float, interval: float = 2.0) -> None:
        """Poll `/api/status` until Kibana can serve the saved-objects API or `timeout` runs out."""
        deadline = time.monotonic() + timeout
        last = "no answer yet"
        while True:
            try:
                last = self.status()
                if last == "available":
                    return
            except httpx.TransportError as exc:
                last = f"unreachable ({_describe(exc)})"
            log.info("waiting for Kibana at %s: %s", self.url, last)
            if time.monotonic() + interval > deadline:
                raise KibanaError(f"Kibana at {self.url} is not available after {timeout:.0f}s: {last}")
            time.sleep(interval)

    def import_saved_objects(self, path: Path, timeout: float = 120.0) -> ImportResult:
        """Import an NDJSON export, replacing objects with the same ids; raise if any object fails."""
        payload = path.read_bytes()
        try:
            response = self._http.post(
                "/api/saved_objects/_import",
                params={"overwrite": "true"},
                headers=_XSRF,
                files={"file": (path.name, payload, "application/ndjson")},
                timeout=timeout,
            )
        except httpx.TransportError as exc:
            raise KibanaError(f"cannot reach Kibana at {self.url}: {_describe(exc)}") from None
        body = _json_or_none(response)
        if response.status_code != 200 or not isinstance(body, dict):
            raise KibanaError(f"Kibana refused the import (HTTP {response.status_code}): {_message(body, response)}")
        result = ImportResult(int(body.get("successCount", 0)), list(body.get("errors") or []))
        if not body.get("success") or result.errors:
            raise KibanaError("Kibana could not import every object: " + "; ".join(_describe_import_error(e) for e in result.errors))
        return result


def dashboard_url(kibana_url: str, dashboard_id: str = DASHBOARD_ID) -> str:
    return f"{kibana_url.rstrip('/')}/app/dashboards#/view/{quote(dashboard_id, safe='')}"


def _readiness(body: dict[str, Any]) -> str:
    status = body.get("status") or {}
    overall = (status.get("overall") or {}).get("level")
    saved_objects = ((status.get("core") or {}).get("savedObjects") or {}).get("level")
    # A degraded plugin elsewhere does not stop the import; the saved-objects service must work.
    if overall == "available" or (overall == "degraded" and saved_objects == "available"):
        return "available"
    return f"status {overall or 'unknown'}"


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _message(body: Any, response: httpx.Response) -> str:
    if isinstance(body, dict) and body.get("message"):
        return str(body["message"])
    return response.text[:200].strip() or response.reason_phrase


def _describe_import_error(error: dict[str, Any]) -> str:
    what = f"{error.get('type', '?')} {error.get('id', '?')}"
    detail = error.get("error") or {}
    kind = detail.get("type", "unknown")
    if kind == "missing_references":
        missing = ", ".join(f"{ref.get('type')} {ref.get('id')}" for ref in detail.get("references", []))
        return f"{what}: missing references ({missing})"
    return f"{what}: {kind}" + (f" ({detail['message']})" if detail.get("message") else "")


def _describe(exc: httpx.TransportError) -> str:
    return str(exc) or type(exc).__name__
