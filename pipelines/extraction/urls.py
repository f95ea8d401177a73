"""URL recognition shared by the text path (URL lines) and date fallbacks (dates in URL paths)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pipelines.extraction.dates.parsing import PartialDate, make_date

URL_AT_START = re.compile(r"^(https?://[^\s<>\"']+)")
# The extension is matched case-insensitively but what follows is not, so `...jpgSputnik` splits at the `S`.
IMAGE_URL = re.compile(r"^(https?://[^\s<>\"']+?\.(?i:jpe?g|png|gif|webp|avif|bmp|svg))(?![a-z0-9])")
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|\D|$)")


def looks_like_article(url: str) -> bool:
    """A page under a path with a slug or an id, not a home page or a bare section."""
    path = urlsplit(url).path.strip("/")
    return bool(path) and (path.count("/") >= 1 or "-" in path or any(ch.isdigit() for ch in path))


def date_from_url(url: str | None) -> PartialDate | None:
    if not url:
        return None
    match = URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    return make_date(int(match[1]), int(match[2]), int(match[3]))
