"""Stable identifiers: the same article fetched twice (or via a tracking link) gets the same id."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ID_LENGTH = 32
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga"})


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment, default ports and tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and (scheme, parts.port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{parts.port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMS
    ]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(url: str | None, normalized_body: str) -> str:
    """Prefer the URL so re-fetches with edited text keep their id; fall back to the body."""
    basis = normalize_url(url) if url else normalized_body
    return _sha256(basis)[:ID_LENGTH]


def feed_entry_id(source: str) -> str:
    """A feed entry without a link: `source` is `<feed name>#<guid, or a key from title, summary and date>`.

    Not the body's hash: entries that differ only in title or date may share a summary.
    """
    return _sha256(f"feed-entry\n{source}")[:ID_LENGTH]


def content_hash(normalized_title: str, normalized_body: str) -> str:
    return _sha256(f"{normalized_title}\n{normalized_body}")
