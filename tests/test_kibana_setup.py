"""`newsbeam kibana setup` against a stand-in for Kibana.

Kibana cannot run here (no Docker engine, no Kibana distribution), so a small HTTP server on
127.0.0.1 stands in for it. It implements only what the command uses, the way Kibana 9 answers:
`GET /api/status` and `POST /api/saved_objects/_import` (which requires the `kbn-xsrf` header and
a multipart upload, and reports a conflict for an existing object unless `overwrite=true`). It
can be slow to become available, answer errors, or be absent. These tests check our client's
behaviour, not Kibana's.
"""

from __future__ import annotations

import email.parser
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from operations.kibana import SAVED_OBJECTS_FILE
from pipelines.cli import main
from tests.support.cli import newsbeam
from tests.support.nodes import free_port

SECRET = "s3cr3t-api-key-value"


@dataclass
class StandIn:
    """What the stand-in answers, and what it saw."""

    unavailable_polls: int = 0
    status_code: int | None = None
    import_failure: tuple[int, dict[str, Any]] | None = None
    stored: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    status_calls: int = 0
    imports: list[dict[str, Any]] = field(default_factory=list)

    def status(self) -> tuple[int, dict[str, Any]]:
        self.status_calls += 1
        if self.status_code:
            return self.status_code, {"statusCode": self.status_code, "error": "Unauthorized", "message": "Unauthorized"}
        level = "unavailable" if self.status_calls <= self.unavailable_polls else "available"
        body = {"version": {"number": "9.5.2"}, "status": {"overall": {"level": level}, "core": {"savedObjects": {"level": level}}}}
        return (503 if level == "unavailable" else 200), body

    def import_(self, query: dict[str, list[str]], headers: Any, body: bytes) -> tuple[int, dict[str, Any]]:
        self.imports.append({"query": query, "headers": dict(headers.items())})
        if headers.get("kbn-xsrf") is None:
            return 400, {"statusCode": 400, "error": "Bad Request", "message": "Request must contain a kbn-xsrf header."}
        objects = _uploaded_objects(headers.get("Content-Type", ""), body)
        if objects is None:
            return 415, {"statusCode": 415, "error": "Unsupported Media Type", "message": "expected a multipart file named 'file'"}
        if self.import_failure:
            return self.import_failure
        overwrite = query.get("overwrite") == ["true"]
        errors = []
        for obj in objects:
            key = (obj["type"], obj["id"])
            if key in self.stored and not overwrite:
                errors.append(
                    {"id": obj["id"], "type": obj["type"], "title": obj["attributes"].get("title"), "error": {"type": "conflict"}}
                )
            else:
                self.stored[key] = obj
        success = len(objects) - len(errors)
        return 200, {"success": not errors, "successCount": success, "errors": errors}


def _uploaded_objects(content_type: str, body: bytes) -> list[dict[str, Any]] | None:
    if not content_type.startswith("multipart/form-data"):
        return None
    message = email.parser.BytesParser().parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    for part in message.get_payload() if message.is_multipart() else []:
        if part.get_param("name", header="content-disposition") == "file":
            lines = part.get_payload(decode=True).decode("utf-8").splitlines()
            return [json.loads(line) for line in lines if line.strip()]
    return None


@pytest.fixture
def kibana() -> Iterator[tuple[str, StandIn]]:
    state = StandIn()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if urlsplit(self.path).path == "/api/status":
                self._answer(*state.status())
            else:
                self._answer(404, {"statusCode": 404, "error": "Not Found"})

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if url.path == "/api/saved_objects/_import":
                self._answer(*state.import_(parse_qs(url.query), self.headers, body))
            else:
                self._answer(404, {"statusCode": 404, "error": "Not Found"})

        def _answer(self, code: int, body: dict[str, Any]) -> None:
            payload = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # shutdown() waits for serve_forever's next poll: 0.5 s by default, at every test's end.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _no_kibana_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEWSBEAM_KIBANA_URL", "NEWSBEAM_KIBANA_API_KEY", "NEWSBEAM_KIBANA_USERNAME", "NEWSBEAM_KIBANA_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


def setup(url: str, *extra: str) -> int:
    return main(["kibana", "setup", "--kibana-url", url, *extra])


def test_imports_every_object_with_overwrite_and_prints_the_dashboard(kibana, capsys) -> None:
    url, state = kibana
    assert setup(url) == 0
    out = capsys.readouterr().out
    expected = len(SAVED_OBJECTS_FILE.read_text(encoding="utf-8").splitlines())
    assert f"imported {expected} saved objects" in out
    assert f"{url}/app/dashboards#/view/newsbeam-news-monitor" in out
    (request,) = state.imports
    assert request["query"]["overwrite"] == ["true"]
    assert request["headers"]["kbn-xsrf"] == "true"
    assert ("dashboard", "newsbeam-news-monitor") in state.stored


def test_running_twice_is_idempotent(kibana, capsys) -> None:
    url, state = kibana
    assert setup(url) == 0
    first = dict(state.stored)
    assert setup(url) == 0
    assert state.stored == first and len(state.imports) == 2


@pytest.mark.slow  # waits between Kibana's status polls as the real set-up does
def test_waits_until_kibana_is_available(kibana, capsys) -> None:
    url, state = kibana
    state.unavailable_polls = 2
    assert setup(url, "--timeout", "30") == 0
    assert state.status_calls == 3 and len(state.imports) == 1


def test_gives_up_at_the_deadline_with_a_clear_message(kibana, capsys) -> None:
    url, state = kibana
    state.unavailable_polls = 10_000
    assert setup(url, "--timeout", "1") == 1
    err = capsys.readouterr().err
    assert f"Kibana at {url} is not available after 1s: status unavailable" in err
    assert not state.imports


def test_absent_kibana_fails_without_traceback() -> None:
    """Through the installed CLI, as a user runs it."""
    url = f"http://127.0.0.1:{free_port()}"
    done = newsbeam("kibana", "setup", "--kibana-url", url, "--timeout", "1", timeout=120)
    assert done.returncode == 1
    assert f"Kibana at {url} is not available after 1s: unreachable" in done.stderr
    assert "Traceback" not in done.stderr


def test_import_errors_are_reported(kibana, capsys) -> None:
    url, state = kibana
    state.import_failure = (
        200,
        {
            "success": False,
            "successCount": 7,
            "errors": [
                {
                    "id": "newsbeam-top-tags",
                    "type": "lens",
                    "error": {"type": "missing_references", "references": [{"type": "index-pattern", "id": "gone"}]},
                }
            ],
        },
    )
    assert setup(url) == 1
    err = capsys.readouterr().err
    assert "lens newsbeam-top-tags: missing references (index-pattern gone)" in err


def test_http_error_answers_are_reported(kibana, capsys) -> None:
    url, state = kibana
    state.import_failure = (
        413,
        {"statusCode": 413, "error": "Request Entity Too Large", "message": "Payload content length greater than maximum allowed"},
    )
    assert setup(url) == 1
    assert "Kibana refused the import (HTTP 413): Payload content length greater than maximum allowed" in capsys.readouterr().err


def test_api_key_is_sent_but_never_printed(kibana, capsys, monkeypatch) -> None:
    url, state = kibana
    monkeypatch.setenv("NEWSBEAM_KIBANA_API_KEY", SECRET)
    assert setup(url) == 0
    assert state.imports[0]["headers"]["Authorization"] == f"ApiKey {SECRET}"
    state.status_code = 401
    assert setup(url) == 1
    captured = capsys.readouterr()
    assert "refused the credentials (HTTP 401)" in captured.err
    assert SECRET not in captured.out + captured.err


def test_basic_auth_from_username_and_password(kibana, capsys, monkeypatch) -> None:
    url, state = kibana
    monkeypatch.setenv("NEWSBEAM_KIBANA_USERNAME", "elastic")
    monkeypatch.setenv("NEWSBEAM_KIBANA_PASSWORD", SECRET)
    assert setup(url) == 0
    assert state.imports[0]["headers"]["Authorization"].startswith("Basic ")
    assert SECRET not in capsys.readouterr().out


def test_kibana_url_from_the_environment(kibana, capsys, monkeypatch) -> None:
    url, _state = kibana
    monkeypatch.setenv("NEWSBEAM_KIBANA_URL", url)
    assert main(["kibana", "setup"]) == 0
    assert f"{url}/app/dashboards#/view/newsbeam-news-monitor" in capsys.readouterr().out


def test_stand_in_rejects_what_kibana_rejects(kibana) -> None:
    """The stand-in must be strict where Kibana is, or the tests above prove nothing."""
    url, _state = kibana
    payload = SAVED_OBJECTS_FILE.read_bytes()
    files = {"file": ("newsbeam.ndjson", payload, "application/ndjson")}
    assert httpx.post(f"{url}/api/saved_objects/_import", files=files, timeout=10).status_code == 400
    assert httpx.post(f"{url}/api/saved_objects/_import", content=payload, headers={"kbn-xsrf": "true"}, timeout=10).status_code == 415
    assert httpx.post(f"{url}/api/saved_objects/_import", files=files, headers={"kbn-xsrf": "true"}, timeout=10).json()["success"]
    again = httpx.post(f"{url}/api/saved_objects/_import", files=files, headers={"kbn-xsrf": "true"}, timeout=10).json()
    assert not again["success"] and again["errors"][0]["error"]["type"] == "conflict"
