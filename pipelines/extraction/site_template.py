"""A publisher's template: lines that recur across a site's articles are its furniture, whatever their shape.

Menus, "read also" headers, disclaimers and sign-up lines look like prose to a line classifier
and to trafilatura alike, yet a site repeats them on every page. A `SiteTemplate` counts, per
normalised line, how many distinct articles of one site carried it; once a line has been seen in
`min_documents` articles it is dropped from every later article of that site (dumps and HTML alike,
since it works on the extracted body). Memory is bounded: at most `max_lines` line keys per site
(8-byte hashes), the rarest forgotten first, and a bounded memory of article ids so an article
polled again is not counted twice.

No library keeps such a per-site line model for streaming input (trafilatura's deduplication
is a process-wide LRU over any text, not per site, and needs every page twice), hence this module.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class TemplateLimits:
    min_documents: int = 3
    """A line seen in this many of a site's documents is template."""
    max_lines: int = 1000
    remembered_documents: int = 200
    max_sites: int = 2000
    """Sites remembered at once (about 20 KB each at most), the least recently seen forgotten first."""


def site_of(url: str | None) -> str | None:
    """The site a page belongs to: its URL's host without `www.`; None for documents without a URL."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def line_key(line: str) -> int:
    """A line's identity across pages: case, spacing and numbers (dates, counts) do not matter."""
    return _hash(_SPACE.sub(" ", _DIGITS.sub("0", line.casefold())).strip())


class SiteTemplate:
    """What one site repeats: `learn` each document's lines once, then `is_template` tells a line's fate."""

    def __init__(self, limits: TemplateLimits = TemplateLimits()) -> None:
        self.limits = limits
        self._documents: dict[int, int] = {}
        self._seen: OrderedDict[int, None] = OrderedDict()

    def __len__(self) -> int:
        return len(self._documents)

    def learn(self, document: str, lines: Iterable[str]) -> None:
        """Count a document's distinct lines, once per document (`document` is its URL or source)."""
        identity = _hash(document)
        if identity in self._seen:
            self._seen.move_to_end(identity)
            return
        self._seen[identity] = None
        if len(self._seen) > self.limits.remembered_documents:
            self._seen.popitem(last=False)
        for key in {line_key(line) for line in lines if line.strip()}:
            self._documents[key] = self._documents.get(key, 0) + 1
        if len(self._documents) > self.limits.max_lines:
            self._forget_rarest()

    def is_template(self, line: str) -> bool:
        return bool(line.strip()) and self._documents.get(line_key(line), 0) >= self.limits.min_documents

    def _forget_rarest(self) -> None:
        # Python dicts keep insertion order, so among equally rare lines the oldest go first.
        excess = len(self._documents) - self.limits.max_lines
        by_rarity = sorted(self._documents.items(), key=lambda item: item[1])
        for key, _ in by_rarity[:excess]:
            del self._documents[key]


class SiteTemplates:
    """The templates of the sites seen lately, one per site, bounded by `max_sites`."""

    def __init__(self, limits: TemplateLimits = TemplateLimits()) -> None:
        self.limits = limits
        self._sites: OrderedDict[str, SiteTemplate] = OrderedDict()

    def __len__(self) -> int:
        return len(self._sites)

    def for_url(self, url: str | None) -> SiteTemplate | None:
        """The template of the URL's site (new if unseen); None for a document without a URL."""
        site = site_of(url)
        if site is None:
            return None
        template = self._sites.get(site)
        if template is None:
            template = self._sites[site] = SiteTemplate(self.limits)
            if len(self._sites) > self.limits.max_sites:
                self._sites.popitem(last=False)
        else:
            self._sites.move_to_end(site)
        return template


def strip_dump(template: SiteTemplate, document: str, text: str) -> str | None:
    """A text dump without its site's template lines, learnt from it first; None when nothing changes or nothing would be left.

    Dumps are cleaned before the line classifier runs, so that furniture shaped like prose cannot
    win the choice of the article's block.
    """
    lines = text.split("\n")
    template.learn(document, lines)
    kept = [line for line in lines if not template.is_template(line)]
    if len(kept) == len(lines) or not any(line.strip() for line in kept):
        return None
    return "\n".join(kept)


def strip_paragraphs(template: SiteTemplate, document: str, paragraphs: list[str]) -> list[str] | None:
    """An HTML extraction's paragraphs without its site's template lines; None when nothing changes or nothing would be left."""
    template.learn(document, (line for paragraph in paragraphs for line in paragraph.split("\n")))
    kept = ["\n".join(line for line in paragraph.split("\n") if not template.is_template(line)) for paragraph in paragraphs]
    kept = [paragraph for paragraph in kept if paragraph.strip()]
    if kept == paragraphs or not kept:
        return None
    return kept


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
