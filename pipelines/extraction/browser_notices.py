"""The page's notices about the reader's browser: "Please enable JavaScript to view the comments",
"Bitte aktivieren Sie JavaScript in Ihrem Browser", "Your browser does not support the audio
element", "Ihr Browser unterstützt Inlineframes nicht", "Using an ad blocker?". A converter prints
them where the script, player or frame would have been, often between the article's paragraphs,
and the dump's line model takes their well-formed sentences for article text.

A notice is found by what it says, in the languages `furniture_phrases` covers: the reader
asked to enable JavaScript or turn off an ad blocker, or told that their browser lacks something.
An article about JavaScript or browsers ("Rhino is an open source JavaScript engine", "the most
complete browser for building the Web") says neither and is left alone. No maintained library
lists this wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines.extraction.wording import saying, without

# Written in lower case, matched whatever the case.
_NOTICES = (
    r"\b(?:enable|turn on|activate|allow) (?:your )?javascript\b",
    r"\bjavascript (?:must|needs to|has to) be (?:enabled|turned on|activated)\b",
    r"\bjavascript is (?:required|needed|necessary) (?:to|for)\b",
    r"\byour (?:web )?browser (?:does not|doesn't|doesn’t|cannot|can't|can’t) (?:support|display|play|show)\b",
    r"\b(?:using|disable|turn off|pause|whitelist us in) (?:an |your )?ad ?blocker\b",
    r"\bjavascript (?:aktivier|einschalt|zulass)",
    r"\baktivieren sie (?:bitte )?(?:in ihrem browser )?javascript\b",
    r"\b(?:ihr|dein) browser unterstützt\b[^.]{0,40}\bnicht\b",
    r"\b(?:werbe|ad)blocker\b[^.]{0,40}\b(?:deaktivier|ausschalt|abschalt)",
    r"\bactive[zr]? (?:le )?javascript\b",
    r"\bvotre navigateur ne (?:supporte|prend|permet)\b",
    r"\b(?:habilit|activ)[ae]r? (?:el |o )?javascript\b",
    r"\b(?:tu|su) navegador no (?:soporta|admite|es compatible)\b",
    r"\bseu navegador não (?:suporta|é compatível)\b",
    r"\babilita(?:re)? (?:il )?javascript\b",
    r"\bil tuo browser non supporta\b",
    r"\bwymaga\w* (?:uruchomienia |włączenia )?(?:obsługi )?javascript",
    r"\bwłącz(?:yć)? (?:obsługę )?javascript",
    r"\btwoja przeglądarka nie obsługuje\b",
    r"\bschakel javascript in\b",
    r"\b(?:uw|je) browser ondersteunt\b[^.]{0,30}\bniet\b",
)
_NOTICE = re.compile("|".join(_NOTICES), re.IGNORECASE)
# Every match of `_NOTICE` holds one of these once lower-cased (see `wording.saying`).
_STEMS = ("javascript", "browser", "blocker", "navigateur", "navegador", "przeglądarka")


def browser_notices(texts: Sequence[str]) -> list[int]:
    """The indexes of the `texts` that are notices about the reader's browser."""
    return saying(texts, _STEMS, _NOTICE)


def without_browser_notices(paragraphs: list[str]) -> list[str]:
    """`paragraphs` less the notices about the reader's browser."""
    return without(paragraphs, browser_notices(paragraphs))
