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
    r"subscribe (?:now|today|to (?:our|the|my)\b)|full (?:story|article)\b.{0,40}\bsubscri|subscri\w* (?:for|to read) the full"
    r"|already (?:a )?subscriber|confirm your subscription\b|exclusive(?:ly)? (?:for|to) subscribers\b"
    r"|subscribers (?:also )?(?:get|receive|enjoy)\b"
    r"|exclusiv[oa]s? para suscriptor|suscr[ií]b(?:ite|ete|irse|irme)\b|ya (?:soy|sos|estoy|eres) suscript"
    r"|abonnieren sie\b|newsletter abonnieren\b|für abonnent|jetzt abonnieren\b"
    r"|réservé aux abonnés\b|abonnez-vous\b|zapraszamy (?:też )?do (?:subskrypcji|prenumeraty)\b"
    r"|sign up (?:for|to) (?:(?:our|my) (?:[\w-]+ ){0,2}|the )newsletter\b|get our newsletter\b"
    # "Sign up to receive …" with its capital is the site's call (after a box's heading too: "PC Gamer
    # Newsletter Sign up to get …"); "residents can sign up to receive alerts" is news.
    r"|(?-i:Sign) up (?:now |today )?to (?:get|receive)\b"
    r"|(?:melde dich|melden sie sich|ich melde mich)\b.{0,40}\bnewsletter an\b|(?:jetzt )?zum (?:kostenlosen )?newsletter anmelden\b"
    r"|(?:den|unseren) (?:kostenlosen )?newsletter bestellen\b|inscr[ií]bete (?:a|en) (?:nuestro|el) (?:newsletter|bolet[ií]n)\b"
    r"|inscrivez-vous à (?:notre|la) newsletter\b|zapisz się do newslettera\b"
    # WordPress's subscription box ("Enter your email address to subscribe to this blog and receive
    # notifications of new posts by email", as its translations say it).
    r"|subscribe to this blog\b|um diese[nm] blog zu (?:abonnieren|folgen)\b|pour suivre ce blog\b"
    # Any sign-up box's call for the reader's address ("Enter your email below to receive future updates").
    r"|enter your e-?mail(?: address)?(?: below| here)? to (?:receive|get|subscribe|sign up)\b"
    r"|suscribirte a este blog\b|subskrybować ten blog\b"
)
# A sign-up box's heading: a few words that end on the word ("PC Gamer Newsletter", "GET THE
# BOING BOING NEWSLETTER", "Email Newsletter").
_NEWSLETTER_HEADING = r"^(?:[\w&'’.-]+ ){0,4}newsletter$"
# "Follow The Gleaner on Twitter": the site's own name in capitals, so that "follow him on" or "follow
# the debate on" in an article's sentence is no call. An app is the site's when it is "our" app or
# brings its news: "download the app" alone is a how-to's step.
_FOLLOW = (
    r"follow (?:us\b|(?-i:The [A-Z][\w.]*(?: [A-Z][\w.]*)*) on\b)|(?:follow|keep up with) me (?:on|at)\b|download our (?:free )?(?:[\w.-]+ ){0,3}apps?\b"
    r"|(?:latest|breaking) (?:news|stories|updates)\b.{0,40}\bdownload (?:the|our)\b"
    r"|(?:news|stories|updates) (?:delivered )?(?:straight|directly) to your (?:phone|inbox|device)"
    r"|s[ií]guenos\b|(?:nuestro|tenemos(?: un)?) canal de (?:youtube|telegram|whatsapp)\b|descarga nuestra app\b"
    r"|siga-nos\b|nos siga (?:no|nas|em)\b|baixe o nosso app|folg(?:en sie|e) uns\b|(?:laden sie|lade dir) (?:jetzt )?unsere (?:[\w-]+-)?app\b"
    r"|suivez-nous\b|téléchargez notre appli|seguici\b|scarica la nostra app\b"
    r"|obserwuj nas\b|pobierz naszą aplikację\b|volg ons\b"
)
# "Become a member" opens its sentence: "she went on to become a member of parliament" is news.
_BECOME = r"(?:^|[.!?]\s+)(?-i:Become) a (?:member|patron|supporter)\b"
_SUPPORT = (
    r"support (?:our (?:journalism|reporting|work)|independent (?:journalism|reporting))\b"
    r"|donate (?:now|today)\b|hazte (?:miembro|socio|suscriptor)\b|apoya (?:el|nuestro) periodismo\b"
    r"|unterstütze (?:uns|das projekt)\b|unterstützen sie (?:unsere arbeit|unseren journalismus|unabhängigen journalismus)\b"
    r"|soutenez (?:notre|le) (?:journalisme|média|travail)\b|faites un don\b|devenez membre\b|sostienici\b"
    r"|apoie o (?:nosso )?jornalismo\b|torne-se (?:membro|assinante)\b|wesprzyj (?:nas|naszą)\b"
)
# The site's own earnings from its links, said by the site ("we earn", "may earn … on sales"): an
# article about affiliate marketing or a broker ("publishers earn a commission when …", "the broker
# may receive a commission") says neither.
_DISCLOSE = (
    r"we (?:may )?(?:earn|receive) (?:a )?(?:small )?(?:commission|compensation)\b"
    r"|may earn (?:a )?(?:small )?(?:commission|compensation) (?:on|from) (?:sales|purchases|qualifying purchases)\b"
    r"|(?:links? (?:above|below|in this (?:article|post)|on this (?:page|site))|this (?:post|article|page)) (?:are|is|contains?|may contain)"
    r" (?:\w+ )?affiliate links?\b|affiliate link policy\b"
    r"|für links auf dieser seite erhält\b|erhalten wir (?:ggf\. |gegebenenfalls |eventuell )?eine provision\b|enthält affiliate[- ]links\b"
)
# The phrases of the four kinds each open on a word boundary, which the pattern tests once before
# them all: tried alternative by alternative, the boundary was tested some seventy times at every
# character of a text, four to ten times the cost of the scan (`saying` reads only whether a text matches).
_APPEAL = re.compile(rf"\b(?:{_SUBSCRIBE}|{_FOLLOW}|{_SUPPORT}|{_DISCLOSE})|{_NEWSLETTER_HEADING}|{_BECOME}", re.IGNORECASE)
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
