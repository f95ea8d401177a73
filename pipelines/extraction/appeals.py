"""Subscription appeals: "Subscribe now for the full story", "El contenido al que quiere acceder es
exclusivo para suscriptores", "Abonnieren Sie kostenlos den Newsletter". A paywalled page prints them
where the article stops, and a page with a newsletter box in the article's column prints one
between its paragraphs: well-formed sentences that the dump's line model keeps and trafilatura may
keep too.

An appeal is found by what it says, in the languages `dumps.furniture_phrases` covers: a call to
subscribe or a word for subscribers, with what the subscription gives ("the full story", "already a
subscriber", "exclusive to subscribers"). An article about subscriptions ("Amazon's media-subscription
programme") says no such thing and is left alone. No maintained library lists this wording.
"""

from __future__ import annotations

import re

_APPEAL = re.compile(
    r"\bsubscribe (?:now|today|to (?:our|the|my)\b)|\bfull (?:story|article)\b.{0,40}\bsubscri|\bsubscri\w* (?:for|to read) the full"
    r"|\balready (?:a )?subscriber|\bconfirm your subscription\b|\bexclusive(?:ly)? (?:for|to) subscribers\b"
    r"|\bexclusiv[oa]s? para suscriptor|\bsuscr[ií]b(?:ite|ete|irse|irme)\b|\bya (?:soy|sos|estoy|eres) suscript"
    r"|\babonnieren sie\b|\bnewsletter abonnieren\b|\bfür abonnent|\bjetzt abonnieren\b"
    r"|\bréservé aux abonnés\b|\babonnez-vous\b|\bzapraszamy (?:też )?do (?:subskrypcji|prenumeraty)\b",
    re.IGNORECASE,
)
# Every match holds one of these, as printed in lower case or capitalised.
_HINTS = ("ubscri", "uscri", "bonn", "ubskryp", "renumer", "UBSCRI", "USCRI", "BONN")


def is_appeal(text: str) -> bool:
    """Whether `text` asks the reader to subscribe for the rest, or says the rest is for subscribers."""
    return any(hint in text for hint in _HINTS) and _APPEAL.search(text) is not None


def without_appeals(paragraphs: list[str]) -> list[str]:
    """`paragraphs` less the subscription appeals."""
    return [paragraph for paragraph in paragraphs if not is_appeal(paragraph)]
