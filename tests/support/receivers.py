"""Real local receivers for the alert tests and bench/alerts.py: a webhook endpoint that checks
each body's HMAC signature, and an SMTP server with STARTTLS and AUTH (aiosmtpd). 127.0.0.1 only."""

from __future__ import annotations

import hashlib
import hmac
import json
import ssl
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.support.nodes import free_port
from tests.support.tls import self_signed_certificate

SIGNATURE_HEADER = "X-Newsbeam-Signature"


@dataclass
class Delivery:
    received_at: float
    """time.time() when the body was read."""
    body: bytes
    signature: str | None
    valid: bool
    """The signature is the HMAC-SHA256 of the body under the receiver's secret."""

    @property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.body)


class _Server(ThreadingHTTPServer):
    # socketserver's default backlog of 5 resets connections when 50 notifier lanes connect at once.
    request_queue_size = 128
    daemon_threads = True


@dataclass
class WebhookReceiver:
    """POST / records the delivery; the first `fail_first` requests (or all, with `fail_always`) get `fail_status`."""

    secret: str
    fail_first: int = 0
    fail_always: bool = False
    fail_status: int = 503
    delay: float = 0.0
    port: int = 0
    deliveries: list[Delivery] = field(default_factory=list)
    refused: int = 0

    def start(self) -> WebhookReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            # HTTP/1.1: a notifier's connection is kept between messages, as real receivers keep it.
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with lock:
                    failing = receiver.fail_always or receiver.refused < receiver.fail_first
                    if failing:
                        receiver.refused += 1
                if receiver.delay:
                    time.sleep(receiver.delay)
                if failing:
                    self.send_response(receiver.fail_status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                signature = self.headers.get(SIGNATURE_HEADER)
                expected = "sha256=" + hmac.new(receiver.secret.encode(), body, hashlib.sha256).hexdigest()
                valid = signature is not None and hmac.compare_digest(signature, expected)
                with lock:
                    receiver.deliveries.append(Delivery(time.time(), body, signature, valid))
                self.send_response(200 if valid else 401)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        lock = threading.Lock()
        self._server = _Server(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/hook"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def articles(self) -> list[str]:
        """The article ids of every alert received, in order."""
        return [alert["article_id"] for delivery in self.deliveries for alert in delivery.payload["alerts"]]


class SmtpServer:
    """aiosmtpd on 127.0.0.1 that requires STARTTLS before AUTH and AUTH before mail."""

    def __init__(self, folder: Path, username: str = "alerts", password: str = "smtp-password") -> None:
        self.cert, key = self_signed_certificate(folder, stem="smtp-cert")
        self.username, self.password = username, password
        self.messages: list[Message] = []
        self.logins: list[tuple[str, bool]] = []
        self._tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._tls.load_cert_chain(self.cert, key)

    def start(self) -> SmtpServer:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        server = self

        class Handler:
            async def handle_DATA(self, smtp: Any, session: Any, envelope: Any) -> str:
                server.messages.append(message_from_bytes(envelope.content))
                return "250 OK"

        def authenticate(smtp: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
            ok = isinstance(data, LoginPassword) and data.login.decode() == self.username and data.password.decode() == self.password
            self.logins.append((mechanism, ok))
            # handled=False: aiosmtpd then answers 535 itself (with True it would answer nothing).
            return AuthResult(success=ok, handled=False)

        self._controller = Controller(
            Handler(),
            hostname="127.0.0.1",
            # Not 0: the controller connects to its own port to check that it is up.
            port=free_port(),
            tls_context=self._tls,
            require_starttls=True,
            authenticator=authenticate,
            auth_required=True,
            auth_require_tls=True,
        )
        self._controller.start()
        return self

    @property
    def port(self) -> int:
        return self._controller.port

    def stop(self) -> None:
        self._controller.stop()
