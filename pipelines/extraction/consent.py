"""Cookie consent notices: "This website uses cookies…", "Wir verwenden Cookies…", "Ta strona
korzysta z plików cookies…". A converter prints the banner with the page, often right before or
inside the article, where the dump's line model takes its well-formed sentences for article text;
trafilatura keeps some in an HTML page's text too.

A notice is found by what it says, in the languages `furniture_phrases` covers: the site or
"we" using cookies, or the cookie policy or settings named (`states_consent`). The sentences after
it that go on about cookies belong to it (`consent_runs`). An article that merely mentions cookies
("browsers block third-party cookies") says neither, and is left alone. No maintained library
lists consent wording (the consent managers' filter lists match HTML elements, not text).

The privacy terms a form asks the reader to accept are the site's too: a newsletter's or a comment
form's "I agree to the processing of my data", "By signing up, you agree to our Privacy Policy", a
consent wall's "would like to process and share personal data" (`_AGREEMENTS`). They are told from
an article about privacy by who speaks: the reader agreeing, in the first or second person, not
a writer reporting on consent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines.extraction.wording import holding, without

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
# The reader agreeing to the site's privacy terms, in the same languages, read in lower case.
_AGREEMENTS = [
    r"\bby (?:clicking|tapping|signing up|subscribing|submitting|registering|continuing|entering)\b[^.]{0,80}\byou (?:agree|accept|consent|acknowledge)",
    r"\byou (?:agree|consent) to (?:our|the) (?:privacy|terms|data|use of)",
    r"\b(?:i|you) (?:hereby )?(?:agree|consent) to (?:the )?(?:processing|storage|collection|use) of (?:my|your)",
    r"\b(?:grant|withdraw|give) (?:your|my) consent\b",
    r"\bwould like to process (?:and share )?(?:your )?personal data",
    r"\b(?:administrator|controller) of (?:your|the) personal data\b",
    r"\baccept our privacy (?:terms|policy)\b",
    r"\bich bin (?:damit |hiermit )?einverstanden\b",
    r"\bwillige ich\b",
    r"\beinwilligung (?:kann|können) (?:ich|sie|du)\b",
    r"\bhabe ich (?:die )?datenschutz\w* (?:gelesen|zur kenntnis)",
    r"\bmit (?:der|ihrer|meiner|dem) (?:registrierung|anmeldung|absenden)\b[^.]{0,60}\b(?:akzeptier|stimm|willig|einverstanden)",
    r"\ben (?:cliquant|vous inscrivant|soumettant)\b[^.]{0,60}\bvous acceptez",
    r"\bj'accepte (?:les|la) (?:conditions|politique)",
    r"\bal (?:hacer clic|registrarte|suscribirte|enviar)\b[^.]{0,60}\bacept",
    r"\bacepto (?:los |las |la )?(?:términos|condiciones|política)",
    r"\bao (?:clicar|se inscrever|enviar)\b[^.]{0,60}\b(?:aceita|concorda)",
    r"\bcliccando\b[^.]{0,60}\bacconsent",
    r"\bacconsento al trattamento\b",
    r"\bwyrażam zgodę na (?:przetwarzanie|otrzymywanie)",
    r"\badministratorem (?:\w+ )?danych\b",
    r"\bik ga akkoord met\b",
]
_AGREEMENT = re.compile("|".join(_AGREEMENTS))
# A word every agreement above holds: looking for these spares most lines the patterns, whose
# alternatives the regex engine tries at every character.
_AGREEMENT_HINTS = (
    "agree",
    "accept",
    "consent",
    "personal data",
    "einverstanden",
    "willig",
    "datenschutz",
    "akzeptier",
    "stimm",
    "acept",
    "zgod",
    "danych",
    "akkoord",
    "aceit",
    "concord",
)
# A sentence of the notice that goes on about them names them too ("These cookies will be stored…"),
# or the data it is about.
_NOTICE_WORDS = ("privacy policy", "personal data", "datenschutz", "personenbezogen", "danych osobowych")
_COOKIE = re.compile(rf"\bcookies?\b|{'|'.join(_NOTICE_WORDS)}")
# Sentences of the notice that do not name cookies ("Read more", "You can change this at any time.").
GAP = 1


def states_consent(text: str) -> bool:
    """Whether `text` says the site uses cookies, names its cookie policy or settings, or has the
    reader agree to its privacy terms."""
    return _states(text.casefold(), _AGREEMENT_HINTS)


def _states(folded: str, hints: Sequence[str]) -> bool:
    """`states_consent` of a text in lower case, looking for agreements only where one of `hints` stands."""
    if "cookie" in folded and _STATEMENT.search(folded) is not None:
        return True
    return any(hint in folded for hint in hints) and _AGREEMENT.search(folded) is not None


def consent_runs(texts: Sequence[str]) -> list[int]:
    """The indices of the units of cookie notices: a unit that `states_consent`, and the units after it
    that name cookies, across gaps of up to `GAP` units that do not."""
    folded, joined = _folded(texts)
    # Only the agreements' words the whole text holds are looked for in each unit: most dumps hold
    # none or a few of them.
    hints = [hint for hint in _AGREEMENT_HINTS if hint in joined]
    if not hints and "cookie" not in joined:
        return []
    # A unit states consent only where it holds "cookie" or a hint: those are found where they stand
    # in the joined text, and only those units are asked.
    stating = holding(folded, joined, ["cookie", *hints])
    found: list[int] = []
    end: int | None = None
    for index, text in enumerate(folded):
        if end is not None and index - end <= GAP + 1 and _COOKIE.search(text):
            found.extend(range(end + 1, index + 1))
            end = index
        elif index in stating and _states(text, hints):
            found.append(index)
            end = index
    return found


def _folded(texts: Sequence[str]) -> tuple[list[str], str]:
    """The texts in lower case, and joined by line breaks: lower-cased in one pass where no text holds a line break."""
    joined = "\n".join(texts).casefold()
    folded = joined.split("\n")
    if len(folded) == len(texts):
        return folded, joined
    folded = [text.casefold() for text in texts]
    return folded, "\n".join(folded)


def without_consent(paragraphs: list[str]) -> list[str]:
    """`paragraphs` less the cookie notices' (see `consent_runs`)."""
    return without(paragraphs, consent_runs(paragraphs))
