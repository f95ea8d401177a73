"""One clear line for each way a call to Elasticsearch fails, shared by replay, watch, search and es."""

from __future__ import annotations

import re

from elastic_transport import TlsError
from elasticsearch import ApiError, AuthenticationException, AuthorizationException, TransportError

# The ssl module's verification message sits deep inside urllib3's wrapped error text
# ("... Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate
# verify failed: self-signed certificate in certificate chain (_ssl.c:1000)'))"); this picks it out.
_VERIFY_FAILED = re.compile(r"certificate verify failed: ([^()'\"]+)")
_SSL_REASON = re.compile(r"\[SSL: [A-Z_]+\] ([^()'\"]+)")


def describe_es_error(exc: ApiError | TransportError, url: str) -> str:
    """What went wrong talking to Elasticsearch at `url`, and what to change; never a credential."""
    if isinstance(exc, TlsError):
        return _describe_tls(exc, url)
    if isinstance(exc, AuthenticationException):
        return (
            f"Elasticsearch at {url} refused the credentials (authentication failed, 401): set a valid "
            "NEWSBEAM_ES_API_KEY, or NEWSBEAM_ES_USERNAME and NEWSBEAM_ES_PASSWORD"
        )
    if isinstance(exc, AuthorizationException):
        return f"Elasticsearch at {url} does not allow this to these credentials (403): {_reason(exc)}"
    if isinstance(exc, ApiError):
        return f"Elasticsearch at {url} answered {exc.meta.status}: {_reason(exc)}"
    if _caused_by(exc, ConnectionRefusedError):
        return (
            f"cannot reach Elasticsearch at {url}: nothing listens there (connection refused); start the local node "
            "with `newsbeam es up`, or check --es-url (NEWSBEAM_ES_URL, elasticsearch.url)"
        )
    hint = ""
    if url.startswith("http://") and "RemoteDisconnected" in str(exc.message):
        # What a server that speaks only HTTPS does to a plain HTTP request.
        hint = " (if it serves HTTPS, use an https:// URL)"
    return f"cannot reach Elasticsearch at {url}: {exc.message}{hint}"


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether `kind` is in the chain of causes (the transport wraps urllib3's error, which wraps the socket's)."""
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, kind):
        cause = cause.__cause__
    return cause is not None


def _describe_tls(exc: TlsError, url: str) -> str:
    text = str(exc.message)
    failed = _VERIFY_FAILED.search(text)
    if failed:
        return (
            f"cannot trust Elasticsearch at {url}: certificate verify failed: {failed.group(1).strip()}; "
            "give the CA certificate that signed it with --es-ca-certs or NEWSBEAM_ES_CA_CERTS (elasticsearch.ca_certs)"
        )
    reason = _SSL_REASON.search(text)
    detail = reason.group(1).strip() if reason else text
    return f"TLS with Elasticsearch at {url} failed: {detail} (does it serve HTTPS on that port?)"


def _reason(exc: ApiError) -> str:
    """`type: reason` from Elasticsearch's error body (e.g. which privilege an action needs)."""
    error = exc.body.get("error") if isinstance(exc.body, dict) else None
    if isinstance(error, dict):
        return f"{error.get('type')}: {error.get('reason')}"
    if error or exc.body:
        return str(error or exc.body)
    if exc.meta.status == 403:
        # Answers to HEAD requests (does this alias exist?) carry no body; that question has one privilege.
        return "no reason given (asked whether an index or alias exists, which needs the index privilege view_index_metadata on it)"
    return "no reason given"
