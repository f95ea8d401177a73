"""A safe HTTP GET for feeds, article pages and robots.txt (httpx underneath).

Every request has connect and read timeouts and a total deadline, the body is streamed and
cut off past a maximum size, redirects are followed here (up to a limit) so that each hop is
checked, and the User-Agent names newsbeam.

Server-side request forgery: a feed is untrusted input, and its links (or their redirects)
may point at loopback, private, link-local or cloud-metadata addresses. The check sits in the
connection itself (`_GuardedBackend`): the host name is resolved once, every address is
checked, and the socket connects to the checked address, so a DNS answer that changes between
check and connect (rebinding) cannot slip through. Hosts in `allow_private_hosts` skip it.
Proxies from the environment are ignored: through a proxy the check would see the proxy's
address, not the target's.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpcore
import httpx

from foundation.feed_settings import HttpSettings

log = logging.getLogger(__name__)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


class FetchError(Exception):
    """The request failed before a complete response: network, timeout, size, refused address.

    `retryable` is False for what another try cannot fix (a refused address, a bad scheme).
    """

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


class BlockedAddress(FetchError):
    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=False)


@dataclass(frozen=True)
class HttpResponse:
    url: str
    """The final URL, after redirects."""
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    """Lower-case names."""
    content: bytes = b""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def is_public_address(address: str) -> bool:
    """False for loopback, private, link-local (cloud metadata), shared, reserved and multicast addresses."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


_deadline = threading.local()
"""The monotonic time by which the current thread's request must be done (`HttpClient.get`)."""


def _capped(timeout: float | None) -> float | None:
    """`timeout` shortened to what is left before the request's deadline."""
    at = getattr(_deadline, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """Every socket operation waits at most until the deadline: a server that trickles its
    headers or body, each byte within the read timeout, cannot hold a request past it."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _capped(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _capped(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _capped(timeout)))

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves, checks and connects to the checked address; TLS still verifies the host name."""

    def __init__(self, allowed_hosts: Iterable[str]) -> None:
        self._allowed = frozenset(host.lower().strip("[]") for host in allowed_hosts)
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._connect_tcp(host, port, _capped(timeout), local_address, socket_options))

    def _connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None,
        local_address: str | None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None,
    ) -> httpcore.NetworkStream:
        if host.lower().strip("[]") in self._allowed:
            return self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        # An IPv4 or IPv6 socket address starts with the host as a str (typeshed allows an int for other families).
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        refused = [address for address in addresses if not is_public_address(address)]
        if refused:
            # All or nothing: a name with one private address among public ones is not a news site.
            raise BlockedAddress(f"{host} resolves to a non-public address ({refused[0]}); add it to http.allow_private_hosts to allow it")
        last: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _GuardedTransport(httpx.BaseTransport):
    """httpx's public transport interface over an httpcore pool that connects through `_GuardedBackend`.

    httpx's own HTTPTransport takes no network backend; httpcore's pool does, so this transport
    hands requests to such a pool itself, as HTTPTransport does to its own.
    """

    def __init__(self, allowed_hosts: Iterable[str], ca_certs: str | None = None) -> None:
        self._pool = httpcore.ConnectionPool(
            # Certificates and host names are always verified: against `ca_certs` when given.
            ssl_context=ssl.create_default_context(cafile=ca_certs) if ca_certs else httpx.create_ssl_context(),
            max_connections=20,
            max_keepalive_connections=10,
            keepalive_expiry=5.0,
            network_backend=_GuardedBackend(allowed_hosts),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host, port=request.url.port, target=request.url.raw_path)
        core_request = httpcore.Request(
            request.method, url, headers=request.headers.raw, content=request.stream, extensions=request.extensions
        )
        with _as_httpx_errors():
            response = self._pool.handle_request(core_request)
        assert isinstance(response.stream, Iterable)  # a sync pool's body is a sync stream, as httpx's own transport asserts
        return httpx.Response(response.status, headers=response.headers, stream=_Body(response.stream), extensions=response.extensions)

    def close(self) -> None:
        self._pool.close()


class _Body(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx_errors():
            yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


_HTTPCORE_ERRORS = (
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpcore.ProxyError,
)


@contextmanager
def _as_httpx_errors() -> Iterator[None]:
    """httpcore's errors raised as httpx's of the same name (ReadTimeout, ConnectError…), as httpx's own transport does."""
    try:
        yield
    except _HTTPCORE_ERRORS as exc:
        raise getattr(httpx, type(exc).__name__, httpx.TransportError)(str(exc)) from exc


class HttpClient:
    """GET with timeouts, a deadline, a size cap and checked redirects. Thread-safe; close() when done."""

    def __init__(self, settings: HttpSettings) -> None:
        self._settings = settings
        self._client = httpx.Client(
            transport=_GuardedTransport(settings.allow_private_hosts, settings.ca_certs),
            timeout=httpx.Timeout(
                connect=settings.connect_timeout, read=settings.read_timeout, write=settings.read_timeout, pool=settings.connect_timeout
            ),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=False,
            trust_env=False,
        )

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> HttpResponse:
        """The response to GET `url` (any status, redirects followed); FetchError when there is none."""
        deadline = time.monotonic() + self._settings.deadline
        _deadline.at = deadline
        requested = url
        try:
            for _ in range(self._settings.max_redirects + 1):
                try:
                    _check_scheme(url)
                    if time.monotonic() > deadline:
                        raise FetchError(f"no response within {self._settings.deadline:.0f}s")
                    response = self._get_once(url, headers or {}, deadline)
                except FetchError as exc:
                    if url != requested:
                        # Same error and class, but saying it was a redirect's target that failed.
                        exc.args = (f"redirected from {shown_url(requested)} to {shown_url(url)}: {exc}",)
                    raise
                location = response.header("location")
                if response.status not in _REDIRECTS or not location:
                    return response
                url = urljoin(url, location)
        finally:
            _deadline.at = None
        raise FetchError(f"more than {self._settings.max_redirects} redirects", retryable=False)

    def _get_once(self, url: str, headers: Mapping[str, str], deadline: float) -> HttpResponse:
        try:
            with self._client.stream("GET", url, headers=dict(headers)) as response:
                content = b"" if response.status_code in _REDIRECTS else self._read_body(response, deadline)
                return HttpResponse(str(response.url), response.status_code, {k.lower(): v for k, v in response.headers.items()}, content)
        except httpx.TimeoutException as exc:
            if time.monotonic() >= deadline:
                raise FetchError(f"response not complete within {self._settings.deadline:.0f}s") from exc
            raise FetchError(f"timed out: {type(exc).__name__}") from exc
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL: {exc}", retryable=False) from exc
        except httpx.ConnectError as exc:
            if isinstance(exc.__context__, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(exc):
                raise FetchError(f"TLS certificate not trusted: {exc} (http.ca_certs names a CA file to trust)", retryable=False) from exc
            raise FetchError(f"{type(exc).__name__}: {exc}") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from exc

    def _read_body(self, response: httpx.Response, deadline: float) -> bytes:
        limit = self._settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"response of {declared} bytes is over the {limit}-byte limit", retryable=False)
        chunks, size = [], 0
        # iter_bytes decodes gzip as it goes, so the cap applies to the decoded size (no zip bombs).
        for chunk in response.iter_bytes(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise FetchError(f"response over the {limit}-byte limit", retryable=False)
            if time.monotonic() > deadline:
                raise FetchError(f"response not complete within {self._settings.deadline:.0f}s")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def shown_url(url: str) -> str:
    """The URL for a message or log line: without user info or query, where a feed's token may sit."""
    parts = urlsplit(url)
    host = f"[{parts.hostname}]" if ":" in (parts.hostname or "") else parts.hostname or ""
    try:
        port = parts.port
    except ValueError:
        port = None
    return urlunsplit((parts.scheme, host if port is None else f"{host}:{port}", parts.path, "", ""))


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise BlockedAddress(f"only http and https URLs are fetched, not {scheme or 'a relative URL'}")


class HostLimiter:
    """Politeness per host: at most `max_concurrent` requests at once, starts `min_delay` seconds apart.

    Per process (`shared`): on a distributed runner each worker process keeps its own limits.
    """

    _shared: ClassVar[dict[tuple[int, float], HostLimiter]] = {}
    _shared_lock = threading.Lock()

    @classmethod
    def shared(cls, max_concurrent: int, min_delay: float) -> HostLimiter:
        """The limiter of this process for these limits: several workers in one process (a runner's
        threads, each with its own DoFn) must count each host's requests together, not each their own."""
        with cls._shared_lock:
            if (max_concurrent, min_delay) not in cls._shared:
                cls._shared[(max_concurrent, min_delay)] = cls(max_concurrent, min_delay)
            return cls._shared[(max_concurrent, min_delay)]

    def __init__(self, max_concurrent: int, min_delay: float) -> None:
        self._max_concurrent = max_concurrent
        self._min_delay = min_delay
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self._max_concurrent))
        with semaphore:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next_start.get(host, now))
                self._next_start[host] = start + self._min_delay
            if start > now:
                time.sleep(start - now)
            yield
