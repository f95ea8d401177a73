"""The publisher a text dump names: a short line it prints three times or more (the site's name in
its header, its footer and the structured data a converter printed), taken only where the page's
address spells it. A dump repeats its menu's sections ("News", "World"), its interface ("Reply",
"Undo") and its bylines far more often than the site's name: over the dev set's 1,012 dumps the
most repeated such line was one of those on nearly every page that got a publisher from it."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from tld import get_tld

from pipelines.extraction.urls import address_spellings

# Words shorter than this ("The", "Le", "El") are left out when a name is spelt against an address.
MIN_WORD = 3
# The name's words must spell more than this share of the registered domain: a part of it is a
# section or a topic ("News" on kaieteurnewsonline.com, "Chemie" on internetchemie.info).
DOMAIN_SHARE = 0.5
_WORD = re.compile(r"[^\W\d_]+")


def repeated_name(counts: Counter[str], url: str | None) -> str | None:
    """The most repeated of the lines `counts` holds (each line's text with how often the dump
    prints it) that the address `url` spells (`spells_site`); None without an address."""
    if not url:
        return None
    domain, host = _domain_and_host(url)
    return next((name for name, _ in counts.most_common() if _spelt(name, domain, host)), None)


def spells_site(name: str, url: str) -> bool:
    """Whether the host of `url` spells `name`: its words spell most of the registered domain, and
    most of them are in the host ("Sputnik Africa" on en.sputniknews.africa, "The Seattle Times" on
    www.seattletimes.com); a section's name is in no registered domain ("News" on news.example.com)
    or a small part of it."""
    return _spelt(name, *_domain_and_host(url))


def _spelt(name: str, domain: str, host: str) -> bool:
    """`spells_site` for an address already read into its registered domain's name and its host."""
    if not domain:
        return False
    words = [address_spellings(word) for word in _WORD.findall(name.casefold()) if len(word) >= MIN_WORD]
    in_domain = sum(max((len(spelling) for spelling in spellings if spelling in domain), default=0) for spellings in words)
    if in_domain <= DOMAIN_SHARE * len(domain):
        return False
    return 2 * sum(any(spelling in host for spelling in spellings) for spellings in words) >= len(words)


def _domain_and_host(url: str) -> tuple[str, str]:
    """The registered domain's name ("sputniknews") and the whole host without its dots; a host
    under a suffix the public list does not know (an intranet's, `.example`) is read as name.suffix."""
    hostname = (urlsplit(url).hostname or "").casefold()
    parts = get_tld(url, as_object=True, fail_silently=True)
    if parts is not None and not isinstance(parts, str):
        domain = parts.domain
    else:
        labels = hostname.split(".")
        domain = labels[-2] if len(labels) > 1 else ""
    return domain.replace("-", ""), hostname.replace(".", "").replace("-", "")
