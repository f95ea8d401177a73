"""URL recognition shared by the text path (URL lines) and date fallbacks (dates in URL paths),
and how an address spells a word (`address_spellings`)."""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import urlsplit

from pipelines.extraction.dates.parsing import PartialDate, make_date

URL_AT_START = re.compile(r"^(https?://[^\s<>\"']+)")
# The extension is matched case-insensitively but what follows is not, so `...jpgSputnik` splits at the `S`.
IMAGE_URL = re.compile(r"^(https?://[^\s<>\"']+?\.(?i:jpe?g|png|gif|webp|avif|bmp|svg))(?![a-z0-9])")
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|\D|$)")
# How an address spells the letters it has no room for: "Süddeutsche" as sueddeutsche.de.
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa"})
# Letters with no mark for Unicode to strip ("płatny" as platny).
_UNMARKED = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


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


@functools.lru_cache(maxsize=1 << 14)
def address_spellings(word: str) -> tuple[str, str]:
    """A lower-case word as an address (a host, a slug) may spell it: its letters spelt out
    ("sueddeutsche", "waermepumpen"), or stripped of their marks ("suddeutsche", "canonica", "platny")."""
    stripped = "".join(char for char in unicodedata.normalize("NFKD", word.translate(_UNMARKED)) if not unicodedata.combining(char))
    return word.translate(_SPELLED_OUT), stripped
