"""Cookie consent notices: "This website uses cookies…", "Wir verwenden Cookies…", "Ta strona
korzysta z plików cookies…". A converter prints the banner with the page, often right before or
inside the article, where the dump's line model takes its well-formed sentences for article text;
trafilatura keeps some in an HTML page's text too.

A notice is found by what it says, in the languages `dumps.furniture_phrases` covers: the site or
"we" using cookies, or the cookie policy or settings named (`states_consent`). The sentences after
it that go on about cookies belong to it (`consent_runs`). An article that merely mentions cookies
("browsers block third-party cookies") says neither, and is left alone. No maintained library
lists consent wording (the consent managers' filter lists match HTML elements, not text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# "… uses cookies", "we use … cookies", "cookie policy", in English, German, French, Spanish,
# Italian, Portuguese, Polish and Dutch; read on the text in lower case.
_STATEMENTS = [
    r"\b(?:we|site|website|webpage) (?:also )?uses? (?:\w+ ){0,3}cookies",
    r"\bcookies? (?:policy|settings|statement|preferences|consent|notice)\b",
    r"\baccept (?:all )?cookies\b",
    r"\b(?:wir|seite|website|webseite) (?:verwende[nt]|nutz(?:en|t)|benutz(?:en|t)|setz(?:en|t)|speicher(?:n|t))\b(?: \w+){0,4} cookies",
    r"\b(?:verwendung|einsatz|nutzung) von cookies\b",
    r"\bcookie-?(?:einstellungen|richtlinie|hinweis)\b",
    r"\b(?:utilise|utilisons)\b(?: \S+){0,3} (?:des |de )?cookies",
    r"\b(?:politique|gestion|utilisation) (?:de |des |relative aux )?cookies\b",
    r"\b(?:utiliza|utilizamos|usa|usamos|utilizziamo|utilizza)\b(?: \S+){0,3} cookies?",
    r"\bpol[ií]tica de cookies\b",
    r"\b(?:korzysta\w*|wykorzystuj\w*|używa\w*|stosuje\w*)\b(?: \S+){0,3} cookies",
    r"\b(?:plik\w*|polityk\w*|informacja o) cookies\b",
    r"\b(?:gebruikt|gebruiken|maakt gebruik van)\b(?: \S+){0,3} cookies",
    r"\bcookiebeleid\b",
]
_STATEMENT = re.compile("|".join(_STATEMENTS))
# A sentence of the notice that goes on about them names them too ("These cookies will be stored…").
_COOKIE = re.compile(r"\bcookies?\b")
# Sentences of the notice that do not name cookies ("Read more", "You can change this at any time.").
GAP = 1


def states_consent(text: str) -> bool:
    """Whether `text` says the site uses cookies, or names its cookie policy or settings."""
    # Most lines name no cookie: the test for the word's letters spares them the lower-casing.
    if "ookie" not in text and "OOKIE" not in text:
        return False
    return _STATEMENT.search(text.casefold()) is not None


def consent_runs(texts: Sequence[str]) -> list[int]:
    """The indices of the units of cookie notices: a unit that `states_consent`, and the units after it
    that name cookies, across gaps of up to `GAP` units that do not."""
    found: list[int] = []
    end: int | None = None
    for index, text in enumerate(texts):
        if end is not None and index - end <= GAP + 1 and _COOKIE.search(text.casefold()):
            found.extend(range(end + 1, index + 1))
            end = index
        elif states_consent(text):
            found.append(index)
            end = index
    return found


def without_consent(paragraphs: list[str]) -> list[str]:
    """`paragraphs` less the cookie notices' (see `consent_runs`)."""
    notice = set(consent_runs(paragraphs))
    return [paragraph for index, paragraph in enumerate(paragraphs) if index not in notice] if notice else paragraphs
