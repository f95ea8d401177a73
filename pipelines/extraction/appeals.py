"""The site's appeals to its readers: to subscribe ("Subscribe now for the full story", "El contenido
al que quiere acceder es exclusivo para suscriptores", "Sign up for our newsletter", "Melden Sie sich für
unseren Newsletter an"), to follow it where it posts or get its app
("Follow us on Facebook and Twitter", "Síguenos en Telegram", "For the latest stories download the
Nationnews apps"), and to support it ("Become a member", "Hazte miembro y disfruta de beneficios
exclusivos", "Unterstütze das Projekt"); and its notice that it earns from the links it prints ("we
earn a commission at no additional cost to you", "Für Links auf dieser Seite erhält CHIP ggf. eine
Provision"). A paywalled page prints them where the article stops, and
a page with a newsletter or social box in the article's column prints one between its paragraphs:
well-formed sentences that the dump's line model keeps and trafilatura may keep too.

An appeal is found by what it says, in the languages `furniture_phrases` covers: a call in
the imperative or the first person plural ("follow us", "our app", "support our journalism"), or a
word for subscribers with what the subscription gives ("the full story", "already a subscriber").
An article about subscriptions, apps or social networks ("Amazon's media-subscription programme",
"supporters followed the senator on Twitter") says no such thing and is left alone. No maintained
library lists this wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines.extraction.wording import saying, without

_SUBSCRIBE = (
    r"\bsubscribe (?:now|today|to (?:our|the|my)\b)|\bfull (?:story|article)\b.{0,40}\bsubscri|\bsubscri\w* (?:for|to read) the full"
    r"|\balready (?:a )?subscriber|\bconfirm your subscription\b|\bexclusive(?:ly)? (?:for|to) subscribers\b"
    r"|\bsubscribers (?:also )?(?:get|receive|enjoy)\b"
    r"|\bexclusiv[oa]s? para suscriptor|\bsuscr[ií]b(?:ite|ete|irse|irme)\b|\bya (?:soy|sos|estoy|eres) suscript"
    r"|\babonnieren sie\b|\bnewsletter abonnieren\b|\bfür abonnent|\bjetzt abonnieren\b"
    r"|\bréservé aux abonnés\b|\babonnez-vous\b|\bzapraszamy (?:też )?do (?:subskrypcji|prenumeraty)\b"
    r"|\bsign up (?:for|to) (?:(?:our|my) (?:[\w-]+ ){0,2}|the )newsletter\b|\bget our newsletter\b"
    # "Sign up to receive …" with its capital is the site's call (after a box's heading too: "PC Gamer
    # Newsletter Sign up to get …"); "residents can sign up to receive alerts" is news.
    r"|\b(?-i:Sign) up (?:now |today )?to (?:get|receive)\b"
    r"|\b(?:melde dich|melden sie sich|ich melde mich)\b.{0,40}\bnewsletter an\b|\b(?:jetzt )?zum (?:kostenlosen )?newsletter anmelden\b"
    r"|\b(?:den|unseren) (?:kostenlosen )?newsletter bestellen\b|\binscr[ií]bete (?:a|en) (?:nuestro|el) (?:newsletter|bolet[ií]n)\b"
    r"|\binscrivez-vous à (?:notre|la) newsletter\b|\bzapisz się do newslettera\b"
    # WordPress's subscription box ("Enter your email address to subscribe to this blog and receive
    # notifications of new posts by email", as its translations say it).
    r"|\bsubscribe to this blog\b|\bum diese[nm] blog zu (?:abonnieren|folgen)\b|\bpour suivre ce blog\b"
    # Any sign-up box's call for the reader's address ("Enter your email below to receive future updates").
    r"|\benter your e-?mail(?: address)?(?: below| here)? to (?:receive|get|subscribe|sign up)\b"
    r"|\bsuscribirte a este blog\b|\bsubskrybować ten blog\b"
    # A sign-up box's heading: a few words that end on the word ("PC Gamer Newsletter", "GET THE
    # BOING BOING NEWSLETTER", "Email Newsletter").
    r"|^(?:[\w&'’.-]+ ){0,4}newsletter$"
)
# "Follow The Gleaner on Twitter": the site's own name in capitals, so that "follow him on" or "follow
# the debate on" in an article's sentence is no call. An app is the site's when it is "our" app or
# brings its news: "download the app" alone is a how-to's step.
_FOLLOW = (
    r"\bfollow (?:us\b|(?-i:The [A-Z][\w.]*(?: [A-Z][\w.]*)*) on\b)|\b(?:follow|keep up with) me (?:on|at)\b|\bdownload our (?:free )?(?:[\w.-]+ ){0,3}apps?\b"
    r"|\b(?:latest|breaking) (?:news|stories|updates)\b.{0,40}\bdownload (?:the|our)\b"
    r"|\b(?:news|stories|updates) (?:delivered )?(?:straight|directly) to your (?:phone|inbox|device)"
    r"|\bs[ií]guenos\b|\b(?:nuestro|tenemos(?: un)?) canal de (?:youtube|telegram|whatsapp)\b|\bdescarga nuestra app\b"
    r"|\bsiga-nos\b|\bnos siga (?:no|nas|em)\b|\bbaixe o nosso app|\bfolg(?:en sie|e) uns\b|\b(?:laden sie|lade dir) (?:jetzt )?unsere (?:[\w-]+-)?app\b"
    r"|\bsuivez-nous\b|\btéléchargez notre appli|\bseguici\b|\bscarica la nostra app\b"
    r"|\bobserwuj nas\b|\bpobierz naszą aplikację\b|\bvolg ons\b"
)
# "Become a member" opens its sentence: "she went on to become a member of parliament" is news.
_SUPPORT = (
    r"\bsupport (?:our (?:journalism|reporting|work)|independent (?:journalism|reporting))\b|(?:^|[.!?]\s+)(?-i:Become) a (?:member|patron|supporter)\b"
    r"|\bdonate (?:now|today)\b|\bhazte (?:miembro|socio|suscriptor)\b|\bapoya (?:el|nuestro) periodismo\b"
    r"|\bunterstütze (?:uns|das projekt)\b|\bunterstützen sie (?:unsere arbeit|unseren journalismus|unabhängigen journalismus)\b"
    r"|\bsoutenez (?:notre|le) (?:journalisme|média|travail)\b|\bfaites un don\b|\bdevenez membre\b|\bsostienici\b"
    r"|\bapoie o (?:nosso )?jornalismo\b|\btorne-se (?:membro|assinante)\b|\bwesprzyj (?:nas|naszą)\b"
)
# The site's own earnings from its links, said by the site ("we earn", "may earn … on sales"): an
# article about affiliate marketing or a broker ("publishers earn a commission when …", "the broker
# may receive a commission") says neither.
_DISCLOSE = (
    r"\bwe (?:may )?(?:earn|receive) (?:a )?(?:small )?(?:commission|compensation)\b"
    r"|\bmay earn (?:a )?(?:small )?(?:commission|compensation) (?:on|from) (?:sales|purchases|qualifying purchases)\b"
    r"|\b(?:links? (?:above|below|in this (?:article|post)|on this (?:page|site))|this (?:post|article|page)) (?:are|is|contains?|may contain)"
    r" (?:\w+ )?affiliate links?\b|\baffiliate link policy\b"
    r"|\bfür links auf dieser seite erhält\b|\berhalten wir (?:ggf\. |gegebenenfalls |eventuell )?eine provision\b|\benthält affiliate[- ]links\b"
)
_APPEAL = re.compile(f"{_SUBSCRIBE}|{_FOLLOW}|{_SUPPORT}|{_DISCLOSE}", re.IGNORECASE)
# Every match of `_APPEAL` holds one of these once lower-cased (see `wording.saying`). Each is as much
# of its phrases' fixed text as they all share: a shorter stem an article's own words hold too
# ("support", "app", "unterstützt", "follow") had the pattern tried on three times as many texts.
_STEMS = (
    *("subscri", "suscr", "abonn", "zapraszamy", "newsletter", "bolet", "sign up", "diesem blog", "ce blog", "ten blog", "enter your e"),
    *(
        "follow us",
        "follow the",
        "follow me",
        "keep up with me",
        "download our",
        "download the",
        "straight to your",
        "directly to your",
        "guenos",
        "canal de",
    ),
    *("nuestra app", "siga-nos", "nos siga", "nosso app", "folgen sie uns", "folge uns", "unsere ", "suivez", "notre appli"),
    *("seguici", "nostra app", "obserwuj", "aplikac", "volg ons"),
    *("support our", "support independent", "become a", "donate now", "donate today", "hazte", "apoya"),
    *("unterstütze uns", "unterstütze das projekt", "unterstützen sie", "soutenez", "faites un don", "devenez", "sostienici"),
    *("apoie", "torne-se", "wesprzyj"),
    *("commission", "compensation", "affiliate", "provision", "für links auf dieser seite"),
)


def appeals(texts: Sequence[str]) -> list[int]:
    """The indexes of the `texts` that ask the reader to subscribe, to follow the site or get its app,
    or to support it."""
    return saying(texts, _STEMS, _APPEAL)


def is_appeal(text: str) -> bool:
    """Whether `text` is an appeal (see `appeals`)."""
    return bool(appeals([text]))


def without_appeals(paragraphs: list[str]) -> list[str]:
    """`paragraphs` less the site's appeals."""
    return without(paragraphs, appeals(paragraphs))
