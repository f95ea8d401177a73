"""Wire-style datelines at the start of an article: `TOKYO, February 2. /TASS/.`, `MOSCOW (Sputnik) -`,
`Tokyo Japan, January 22 ANISputnik:`, `LONDON, Jan 5 (Reuters) -`.

Conventions (the same for HTML and text documents):
- The dateline stays in the body as written; `Article.dateline` is parsed from it. Cutting it out
  would change the first sentence, and quoting the body should quote the source.
- `place` is title-cased when the source shouted it in capitals (`MOSCOW` -> `Moscow`,
  `NEW YORK` -> `New York`, particles such as `de`/`of` lower-cased) and kept as written otherwise
  (`Tokyo Japan`), so the same city reads the same whichever outlet wrote it.
- `agency` uses the agency's usual spelling when it is a known wire (`TASS`, `Sputnik`, `ANI`);
  two agencies glued or slashed together (`ANISputnik`, `ANI/Sputnik`) become `ANI/Sputnik`.
- A dateline date without a year is returned as month/day only; callers must not guess the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.extraction.dates.parsing import MONTH_PATTERN, MONTHS

KNOWN_AGENCIES = {
    name.casefold(): name
    for name in (
        "TASS",
        "Sputnik",
        "ANI",
        "AP",
        "AFP",
        "Reuters",
        "Xinhua",
        "IANS",
        "PTI",
        "UNI",
        "dpa",
        "RIA Novosti",
        "Interfax",
        "EFE",
        "ANSA",
        "Kyodo",
        "Yonhap",
        "UPI",
        "Bernama",
        "Anadolu",
        "IRNA",
        "WAM",
        "SPA",
        "BSS",
        "BelTA",
        "KUNA",
        "QNA",
        "MENA",
        "PRNewswire",
        "Bloomberg",
        "CNA",
        "AA",
        "KCNA",
        "Ukrinform",
        "RIA",
        "Tasnim",
        "Antara",
        "Prensa Latina",
        "APA",
        "Lusa",
        "Europa Press",
        "Kyodo News",
        "Jiji",
        "NHK",
        "IRNA",
        "AzerTac",
        "Trend",
        "Kazinform",
        "Akipress",
        "ISNA",
        "Mehr",
        "Fars",
        "SANA",
        "Petra",
        "WAFA",
        "NNA",
    )
}
_PARTICLES = {
    "de",
    "da",
    "do",
    "dos",
    "das",
    "del",
    "la",
    "le",
    "les",
    "el",
    "al",
    "of",
    "on",
    "upon",
    "am",
    "an",
    "der",
    "di",
    "du",
    "van",
    "von",
    "y",
    "e",
}
_NOT_PLACES = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "but",
    "and",
    "or",
    "this",
    "that",
    "it",
    "he",
    "she",
    "we",
    "they",
    "i",
    "as",
    "if",
    "when",
    "after",
    "before",
    "while",
    "mr",
    "mrs",
    "ms",
    "dr",
}

_PLACE = r"(?P<place>[A-Z][\w.'’-]*(?:(?:\s|/|,\s)[A-Z][\w.'’-]*){0,4})"
_DATE = rf"(?P<date>(?i:{MONTH_PATTERN}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_PATTERN})(?:,?\s+\d{{4}})?)"
_AGENCY = r"(?:\(\s*(?P<paren>[^()]{2,40}?)\s*\)|/\s*(?P<slashed>[^/\n]{2,40}?)\s*/\.?|(?P<bare>[A-Z][A-Za-z]{1,24}(?:/[A-Z][A-Za-z]{1,24})?)(?=\s*:))"
# The place ends at a dash, a colon or a full stop before the text. A hyphen with no space on
# either side is a compound word's ("ERP-Interview mit …", "T-distributed …"), not a dateline's dash.
DATELINE_RE = re.compile(rf"^{_PLACE}(?:\s*,\s*{_DATE})?\.?\s*(?:{_AGENCY})?\s*(?P<sep>[–—:]+|(?<=\s)-+|-+(?=\s)|(?<=\.)(?=\s))\s*(?=\S)")
# Every dateline opens on a capital A to Z and holds its separator's dash, colon or full stop: a
# test for a character before the pattern, which tries a place of up to five words (each word's
# length given back one character at a time), a date and an agency at the start of every line and
# headline candidate asked, most of which hold none of them.
_SEPARATOR_CHARACTER = re.compile(r"[–—:.-]")


@dataclass(frozen=True)
class DatelineMatch:
    place: str
    agency: str | None
    month: int | None
    day: int | None
    year: int | None
    raw_agency: str | None
    """The agency token exactly as written, so a stray trailing copy of it can be recognised."""
    end: int


def normalize_place(place: str) -> str:
    place = place.strip(" ,.")
    if place.upper() != place:
        return place
    parts = re.split(r"([\s/,-]+)", place)
    out = []
    for index, part in enumerate(parts):
        lower = part.lower()
        if index and lower in _PARTICLES:
            out.append(lower)
        else:
            out.append(part[:1].upper() + part[1:].lower())
    return "".join(out)


def normalize_agency(raw: str) -> str:
    raw = raw.strip(" ./")
    pieces = [p.strip() for p in re.split(r"\s*/\s*", raw) if p.strip()]
    names: list[str] = []
    for piece in pieces:
        known = KNOWN_AGENCIES.get(piece.casefold())
        names.extend([known] if known else _split_glued(piece))
    return "/".join(names)


def _split_glued(token: str) -> list[str]:
    """`ANISputnik` -> [`ANI`, `Sputnik`] when the whole token is made of known agency names."""
    folded = token.casefold()
    for size in range(len(folded) - 1, 1, -1):
        head, tail = folded[:size], folded[size:]
        if head in KNOWN_AGENCIES and tail in KNOWN_AGENCIES:
            return [KNOWN_AGENCIES[head], KNOWN_AGENCIES[tail]]
    return [token]


def _agency_like(raw: str) -> bool:
    if normalize_agency(raw) != raw.strip(" ./") or raw.casefold() in KNOWN_AGENCIES:
        return True
    # Unknown wires are usually short acronyms or one capitalised word.
    return bool(re.fullmatch(r"[A-Z][A-Za-z]{1,15}(?: [A-Z][A-Za-z]{1,15})?", raw.strip()))


def find_dateline(paragraph: str) -> DatelineMatch | None:
    if not "A" <= paragraph[:1] <= "Z" or _SEPARATOR_CHARACTER.search(paragraph) is None:
        return None
    match = DATELINE_RE.match(paragraph)
    if not match:
        return None
    place = match["place"]
    first_word = re.split(r"[\s/,]", place)[0].strip(".").lower()
    if first_word in _NOT_PLACES:
        return None
    raw_agency = match["paren"] or match["slashed"] or match["bare"]
    if raw_agency and not _agency_like(raw_agency):
        return None
    shouted = place.upper() == place and any(c.isalpha() for c in place)
    # Without an agency a dateline needs a shouted place or a date: `Officials - ...` is not one.
    if not raw_agency and not (shouted and match["sep"].strip("-–—") == "" and match["sep"]) and not match["date"]:
        return None
    if not match["sep"].strip() and not match["slashed"]:
        return None
    month = day = year = None
    if match["date"]:
        date_text = match["date"]
        mon = re.search(MONTH_PATTERN, date_text, re.IGNORECASE)
        month = MONTHS[mon[0].lower().rstrip(".")] if mon else None
        numbers = re.findall(r"\d+", date_text)
        day = int(numbers[0]) if numbers else None
        year = int(numbers[1]) if len(numbers) > 1 else None
    return DatelineMatch(
        place=normalize_place(place),
        agency=normalize_agency(raw_agency) if raw_agency else None,
        month=month,
        day=day,
        year=year,
        raw_agency=raw_agency.strip() if raw_agency else None,
        end=match.end(),
    )
