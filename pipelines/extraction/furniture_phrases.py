"""What a page's furniture says, in the languages of the dev pages and their neighbours (English,
German, French, Spanish, Italian, Portuguese, Polish, Dutch): the interface's lines ("Share",
"Artikel teilen", "Lire la suite"), with the labels that announce links to other stories ("Read also",
"Lesen Sie auch", "Czytaj też"; kept in `extraction.teaser_labels`, which the HTML reader reads too).

A line that is one of these, compared by `text_keys.text_key`, is furniture whatever the line model
makes of it: two words next to article text read as a subheading. No maintained library lists
interface text by language (jusText's stop lists are a language's frequent words, trafilatura
reads HTML's structure), so the lists are kept here.
"""

from __future__ import annotations

import functools
import re

from pipelines.extraction.teaser_labels import LINK_LABELS, TEASER_LABELS
from pipelines.extraction.text_keys import text_key

# The interface's lines besides the teasers' labels: sharing, printing, comments, accounts, advertising, navigation.
_INTERFACE = {
    "en": [
        "no time to read",
        "get a summary",
        "share",
        "share this",
        "share this article",
        "share this story",
        "print",
        "email",
        "comments",
        "comment",
        "comments are closed",
        "comments closed",
        "subscribe",
        "sign up",
        "log in",
        "login",
        "sign in",
        "register",
        "advertising",
        "sponsored",
        "read full article",
        "continue reading",
        "continue reading the main story",
        "show more",
        "load more",
        "follow us",
        "follow",
        "skip to content",
        "skip to main content",
        "skip navigation",
        "toggle navigation",
        "main menu",
        "click here",
        "view all",
        "reply",
        "menu",
        "search",
        "home",
        "back to top",
        "cookie settings",
        "accept",
        "accept all",
        "listen to this article",
        "listen",
        "save",
        "copy link",
        "more news",
        "newsletter",
        "tags",
        "tagged",
        "topics",
        "keywords",
        "photo",
        "video",
        "gallery",
    ],
    "de": [
        "teilen",
        "artikel anhören",
        "artikel teilen",
        "beitrag teilen",
        "diese geschichte teilen",
        "drucken",
        "kommentare",
        "kommentar",
        "kommentare geschlossen",
        "kommentieren",
        "abonnieren",
        "jetzt abonnieren",
        "anmelden",
        "registrieren",
        "weiterlesen",
        "mehr lesen",
        "mehr anzeigen",
        "folgen sie uns",
        "zum inhalt springen",
        "navigation überspringen",
        "gefällt mir",
        "antworten",
        "zurück zur übersicht",
        "zur person",
        "weitere informationen",
        "suche",
        "startseite",
        "nach oben",
        "alle akzeptieren",
        "akzeptieren",
        "schlagworte",
        "themen",
        "bildergalerie",
    ],
    "fr": [
        "partager",
        "écouter cet article",
        "partager cet article",
        "imprimer",
        "commentaires",
        "commenter",
        "commentaires fermés",
        "s'abonner",
        "abonnez-vous",
        "se connecter",
        "connexion",
        "lire la suite",
        "voir plus",
        "suivez-nous",
        "rechercher",
        "accueil",
        "retour en haut",
        "tout accepter",
    ],
    "es": [
        "compartir",
        "escucha esta nota",
        "escucha esta nota aquí",
        "responder",
        "imprimir",
        "comentarios",
        "comentar",
        "comentarios cerrados",
        "suscríbete",
        "suscribirse",
        "iniciar sesión",
        "leer más",
        "seguir leyendo",
        "ver más",
        "síguenos",
        "buscar",
        "inicio",
        "volver arriba",
        "aceptar",
        "etiquetas",
    ],
    "it": ["condividi", "stampa", "commenti", "abbonati", "accedi", "leggi di più", "continua a leggere", "seguici", "cerca"],
    "pt": ["compartilhar", "comentários", "assine", "entrar", "leia mais", "siga-nos"],
    "pl": ["udostępnij", "drukuj", "komentarze", "skomentuj", "subskrybuj", "zaloguj się", "czytaj więcej", "szukaj"],
    "nl": ["delen", "reacties", "abonneren", "inloggen", "lees meer", "zoeken"],
}
# An advertisement's label, part of the interface's text (`_INTERFACE`).
_ADVERTISEMENT_LABELS = {
    "en": ["advertisement"],
    "de": ["anzeige", "werbung"],
    "fr": ["publicité"],
    "es": ["publicidad"],
    "it": ["pubblicità"],
    "pt": ["publicidade"],
    "pl": ["reklama"],
    "nl": ["advertentie"],
}
_INTERFACE = {language: [*phrases, *_ADVERTISEMENT_LABELS.get(language, [])] for language, phrases in _INTERFACE.items()}
# An advertisement's label a flattened line glues between two of the article's sentences ("…
# Regionen. ANZEIGE Die Bundesregierung …"), capitalised or in capitals, before a capitalised word
# or the line's end; where a sentence ends before it or the line starts (`split_at_advertisements`).
_ADVERTISEMENT_FORMS = [
    form for labels in _ADVERTISEMENT_LABELS.values() for label in labels for form in (label.capitalize(), label.upper())
]
# One pattern for each first letter, which the search skips ahead to: a pattern of them all opens on
# the set of first letters, which it tested at every character of a flattened page. No label holds
# another's first letter where that one could open (capitals inside a label spell none), so their
# matches never overlap.
_ADVERTISEMENTS = tuple(
    re.compile(rf"{initial}(?:{'|'.join(form[1:] for form in _ADVERTISEMENT_FORMS if form[0] == initial)})(?= [^\W\d_a-z]| ?$)")
    for initial in dict.fromkeys(form[0] for form in _ADVERTISEMENT_FORMS)
)
# Any of them, for the test of whether a text holds one: a single scan instead of one a pattern.
_ANY_ADVERTISEMENT = re.compile("|".join(pattern.pattern for pattern in _ADVERTISEMENTS))
_SENTENCE_ENDS = frozenset('.!?…»”"’)')
# Share buttons name their network ("Share on Facebook", "Auf WhatsApp teilen", "Udostępnij na
# Twitterze"); a flattened dump glues a row of them between the byline and the lede.
_NETWORKS = (
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "telegram",
    "pinterest",
    "reddit",
    "xing",
    "flipboard",
    "tumblr",
    "pocket",
    "skype",
    "nextdoor",
    "google+",
    "mastodon",
    "bluesky",
    "threads",
    "email",
    "e-mail",
)
_SHARE_ON = {
    # WordPress's share buttons (Jetpack) read "Click to share on Twitter (Opens in new window)".
    "en": ("share on {}", "share to {}", "share via {}", "share by {}", "click to share on {}"),
    "de": (
        "auf {} teilen",
        "bei {} teilen",
        "per {} teilen",
        "via {} teilen",
        "teilen auf {}",
        "teilen per {}",
        "klicken, um auf {} zu teilen",
        "klick, um über {} zu teilen",
        "klick, um auf {} zu teilen",
    ),
    "fr": ("partager sur {}", "partager par {}", "partager via {}"),
    "es": ("compartir en {}", "compartir por {}", "compartir vía {}"),
    "it": ("condividi su {}", "condividi via {}", "condividi per {}"),
    "pt": ("compartilhar no {}", "compartilhe no {}", "partilhar no {}", "compartilhar por {}"),
    "nl": ("delen op {}", "deel op {}", "delen via {}", "deel via {}"),
}
# What a share link tells a screen reader it will do, printed after its text ("Click to share on
# Twitter (Opens in new window)"): part of the button's label. As a whole line, a label with its
# hint is furniture (`UI_PHRASES`); inside a longer one the hint goes with the label cut out of it.
_LINK_HINTS = {
    "en": ["opens in new window", "opens in a new window", "opens in a new tab"],
    "de": ["wird in neuem fenster geöffnet", "öffnet in neuem fenster"],
    "fr": ["s'ouvre dans une nouvelle fenêtre", "ouvre dans une nouvelle fenêtre"],
    "es": ["se abre en una ventana nueva", "se abre en una nueva ventana"],
    "it": ["si apre in una nuova finestra"],
    "pt": ["abre em nova janela", "abre numa nova janela"],
    "nl": ["opent in een nieuw venster"],
    "pl": ["otwiera się w nowym oknie"],
}
_HINT = rf"(?: \((?i:{'|'.join(re.escape(hint) for hints in _LINK_HINTS.values() for hint in hints)})\))?"
_SHARE_LABELS = {
    language: [template.format(network) for template in templates for network in _NETWORKS] for language, templates in _SHARE_ON.items()
}
_SHARE_LABELS["en"] += ["click to print", "click to email a link to a friend", "click to email this to a friend"]
# Polish declines the network's name after "na".
_SHARE_LABELS["pl"] = [
    "udostępnij na facebooku",
    "udostępnij na twitterze",
    "udostępnij na linkedinie",
    "udostępnij na whatsappie",
    "udostępnij przez e-mail",
    "udostępnij przez email",
]
_SHARE_BUTTONS = {
    language: labels + [f"{label} ({hint})" for label in labels for hint in _LINK_HINTS[language]]
    for language, labels in _SHARE_LABELS.items()
}

TEASER_MARKERS = frozenset(text_key(phrase) for phrases in TEASER_LABELS.values() for phrase in phrases)
# The labels of a single link to another story ("Informate más", "Lesetipp"), but "Learn more": it
# also links a product page's own features ("Learn more about Page Inspector"), which are its text.
LINK_MARKERS = frozenset(text_key(phrase) for phrases in LINK_LABELS.values() for phrase in phrases) - {"learn more"}
# Interface text, the teaser labels and single links' labels among it, compared by `text_key`.
UI_PHRASES = (
    TEASER_MARKERS
    | LINK_MARKERS
    | frozenset(text_key(phrase) for labels in (_INTERFACE, _SHARE_BUTTONS) for phrases in labels.values() for phrase in phrases)
)
# The words of a teaser label that opens a longer header ("Lesen Sie auch die folgenden Beiträge:"),
# and the first words of the labels.
_LABEL_WORDS = max(len(marker.split()) for marker in TEASER_MARKERS)
_MARKER_OPENERS = frozenset(marker.split()[0] for marker in TEASER_MARKERS)


def opens_with_teaser_marker(key: str, shortest: int = 1) -> bool:
    """Whether a line's `text_key` opens with a teaser label's words (a label of `shortest` words or more)."""
    return _opens_with(key, TEASER_MARKERS, _MARKER_OPENERS, _LABEL_WORDS, shortest)


def _opens_with(key: str, markers: frozenset[str], openers: frozenset[str], longest: int, shortest: int) -> bool:
    """Whether `key` opens with one of `markers` of `shortest` to `longest` words (`openers`: their first words)."""
    # Every block of a flattened page is asked: its first word rules most out before any label is joined.
    words = key.split(maxsplit=longest)
    if not words or words[0] not in openers:
        return False
    return any(" ".join(words[:count]) in markers for count in range(shortest, min(len(words), longest) + 1))


# A single link's label of two words or more opens its headline, without the colon that
# `is_labelled_teaser` reads ("Informate más Inflación que escala: ¿…?"); one word may open a sentence ("Mira …").
_LINK_OPENERS = frozenset(marker.split()[0] for marker in LINK_MARKERS if " " in marker)
_LINK_WORDS = max(len(marker.split()) for marker in LINK_MARKERS)


def opens_with_link_label(key: str) -> bool:
    """Whether a line's `text_key` opens with one of `LINK_MARKERS` of two words or more."""
    return _opens_with(key, LINK_MARKERS, _LINK_OPENERS, _LINK_WORDS, 2)


def links_to_neighbour(text: str) -> bool:
    """Whether `text` is a link to the previous or the next post, as its arrow marks it in any
    language ("← Vorheriger Beitrag", "← Der 1. monatliche Stammtisch steht fest!", "Steuerdarling –
    Die PARTEI als Ehestifter →"): an arrow pointing back opens it, one pointing on closes it. On the
    dev pages no line so marked is in a gold article or a must-have snippet; the guillemets "«" and "»"
    are quotes too."""
    return text.startswith("←") or text.endswith("→")


# Links that close a teaser's excerpt cut short ("When you walk into any store, you're… Read more",
# "die über den derzeitigen Weiterlesen »"): the excerpt is another story's, however well it reads.
_READ_ON = {
    "en": ["read more", "read on", "continue reading", "keep reading", "read full story", "read the full story", "full story"],
    "de": ["weiterlesen", "mehr lesen", "zum artikel", "mehr erfahren"],
    "fr": ["lire la suite", "lire plus", "en savoir plus"],
    "es": ["leer más", "lee más", "seguir leyendo", "sigue leyendo", "ver más"],
    "it": ["leggi tutto", "leggi di più", "continua a leggere"],
    "pt": ["leia mais", "ler mais", "continue lendo", "continuar lendo", "saiba mais"],
    "pl": ["czytaj więcej", "czytaj dalej"],
    "nl": ["lees meer", "lees verder", "verder lezen"],
}
_READ_ON_PHRASES = sorted({phrase for phrases in _READ_ON.values() for phrase in phrases}, key=len, reverse=True)
# Printed as a link prints it, capitalised or in capitals, once or twice (a visible and a hidden copy),
# with an arrow or a guillemet after it.
_READ_ON_LABEL = "|".join(re.escape(variant) for phrase in _READ_ON_PHRASES for variant in (phrase[0].upper() + phrase[1:], phrase.upper()))
_READ_ON_END = re.compile(rf"(?:\s*(?:{_READ_ON_LABEL})\s*[»›→>]*)+\s*$")
# The links as a whole line's key: a headline is never one (`headlines.text.reads_as_interface`).
READ_ON_KEYS = frozenset(text_key(phrase) for phrase in _READ_ON_PHRASES)
# The last words of the links (`str.rsplit` of the text spares most units the pattern).
_READ_ON_LAST = frozenset(phrase.split()[-1] for phrase in _READ_ON_PHRASES)


def read_on_excerpt(text: str) -> str | None:
    """The excerpt before a closing read-on link (`_READ_ON`), if `text` ends on one; None for any other text."""
    last = text.rstrip(" »›→>").rsplit(maxsplit=1)[-1:]
    if not last or last[0].casefold() not in _READ_ON_LAST:
        return None
    match = _READ_ON_END.search(text)
    return text[: match.start()].rstrip() if match is not None and match.start() > 0 else None


# Labels of a single link (the previous or next article), not of a list.
SINGLE_TEASER = frozenset(
    text_key(phrase)
    for phrase in [
        "previous article",
        "next article",
        "previous",
        "next",
        "prev",
        "vorheriger artikel",
        "nächster artikel",
        "article précédent",
        "article suivant",
        "artículo anterior",
        "artículo siguiente",
        "articolo precedente",
        "articolo successivo",
        "poprzedni artykuł",
        "następny artykuł",
    ]
)
# The one-word labels that head a list of other stories ("Related", "Trending").
LIST_HEADING_WORDS = frozenset(marker for marker in TEASER_MARKERS if " " not in marker) - SINGLE_TEASER
# Labels that open a line of the article's tags with a colon ("Tags: …", "Schlagwörter: …", "Tagi: …"):
# what follows is a list of topics, never the article's text.
_TAG_LABELS = [
    "tags",
    "tag",
    "tagged",
    "tagged with",
    "topics",
    "keywords",
    "schlagwörter",
    "schlagworte",
    "stichwörter",
    "themen",
    "getaggt mit",
    "verschlagwortet mit",
    "markiert mit",
    "mots-clés",
    "mots clés",
    "étiquettes",
    "etiquetas",
    "temas",
    "tag correlati",
    "parole chiave",
    "tagi",
    "słowa kluczowe",
    "trefwoorden",
]
TAG_LABEL = re.compile(rf"^(?:{'|'.join(map(re.escape, sorted(_TAG_LABELS, key=len, reverse=True)))})\s*:\s*", re.IGNORECASE)


def _labels_by_opener() -> dict[str, frozenset[str]]:
    """The labels of two words or more by their first word as a label prints it, capitalised or in capitals."""
    by_opener: dict[str, set[str]] = {}
    for labels in (TEASER_LABELS, _INTERFACE, _SHARE_LABELS):
        for phrase in (phrase for phrases in labels.values() for phrase in phrases if " " in phrase):
            first = phrase.split()[0]
            for opener in (first[0].upper() + first[1:], first.upper()):
                by_opener.setdefault(opener, set()).add(phrase)
    return {opener: frozenset(phrases) for opener, phrases in by_opener.items()}


# Labels of two words or more: a flattened dump prints them inside a longer unit ("… Foto: dpa Beitrag
# teilen Die Bundesregierung …"), where they are told from prose ("read more about it") by their
# capital and by what follows them: a capitalised word (the teaser's headline), a colon or nothing.
_BY_OPENER = _labels_by_opener()


def label_openers(text: str, words: list[str] | None = None) -> frozenset[str]:
    """The labels' first words `text` holds as a label prints them (see `split_at_labels`); `words`:
    its `str.split()`, if the caller has it."""
    return frozenset(_BY_OPENER.keys() & set(text.split() if words is None else words))


# What follows a label printed inside a longer unit: a colon or an arrow, a number, a capitalised word, or nothing.
_LABEL_FOLLOWERS = r"\s*[:»›]|\s*\d|\s+[^\W\d_a-z]|\s*$"


def _opened_by(opener: str) -> str:
    """The labels that open with `opener` as alternatives of a pattern, the longest first."""
    return "|".join(map(re.escape, sorted(_BY_OPENER[opener], key=len, reverse=True)))


@functools.lru_cache(maxsize=512)
def _labels_opened_by(opener: str) -> re.Pattern[str]:
    """The labels that open with `opener`, followed by what may follow one or by a bracket, matched
    where `opener` stands. The screen reader's hint a bracket may open is left to `_hinted_labels_opened_by`:
    repeated in each of the page's patterns, compiled on first use by every process, its alternatives
    took more than half of their compiling."""
    return re.compile(rf"(?<!\w)(?i:{_opened_by(opener)})(?={_LABEL_FOLLOWERS}| \()")


@functools.lru_cache(maxsize=512)
def _hinted_labels_opened_by(opener: str) -> re.Pattern[str]:
    """The labels that open with `opener`, with the hint a share link may print after its label, and what must follow them."""
    return re.compile(rf"(?<!\w)(?i:{_opened_by(opener)}){_HINT}(?={_LABEL_FOLLOWERS})")


def _second_words(opener: str) -> frozenset[tuple[int, str]] | None:
    """For the labels that open with `opener`, where their second word starts and its first letter
    lower-cased; None where one of those letters is beyond ASCII, whose case-insensitive match
    `str.lower` does not give (the long s matches "s", the Kelvin sign "k")."""
    seconds = frozenset((phrase.index(" ") + 1, phrase[phrase.index(" ") + 1 :][:1].lower()) for phrase in _BY_OPENER[opener])
    return seconds if all(letter.isascii() for _, letter in seconds) else None


_SECOND_WORDS = {opener: _second_words(opener) for opener in _BY_OPENER}


def _may_open_label(text: str, at: int, opener: str) -> bool:
    """Whether a label that opens with `opener` may stand at `at`: a space and a letter its second
    word may open with follow. Where the letter rules out every label, the labels' pattern is not
    needed, nor compiled: in a process, a third of the openers a page prints are never followed by one."""
    seconds = _SECOND_WORDS[opener]
    if seconds is None:
        return True
    for start, letter in seconds:
        following = text[at + start : at + start + 1]
        if text[at + start - 1 : at + start] == " " and (not following.isascii() or following.lower() == letter):
            return True
    return False


def _label_at(text: str, at: int, opener: str) -> re.Match[str] | None:
    """The label that opens with `opener` at `at` in `text`, with its hint if it prints one."""
    if not _may_open_label(text, at, opener):
        return None
    label = _labels_opened_by(opener).match(text, at)
    # A label followed by " (" matches only with its hint or not at all (nothing else that may
    # follow a label opens so), and then a shorter label may: the full pattern tells.
    if label is not None and text.startswith(" (", label.end()):
        return _hinted_labels_opened_by(opener).match(text, at)
    return label


def split_at_labels(text: str, openers: frozenset[str] | None = None) -> list[str]:
    """`text` cut before and after the interface's labels printed inside it: capitalised, and
    followed by a capitalised word, a colon or nothing. `openers`: the labels' first words the page
    holds (`label_openers`), if known. The labels are matched only where one of those words stands
    (found by `str.find`): one pattern of all the labels, tried at every word, cost a tenth of a
    flattened dump's reading. The page's openers are narrowed to the text's by one C-level filter:
    a flattened page's few hundred blocks were each searched for every one of them."""
    spans: list[tuple[int, int]] = []
    for opener in label_openers(text) if openers is None else filter(text.__contains__, openers):
        at = text.find(opener)
        while at >= 0:
            label = _label_at(text, at, opener)
            if label is not None:
                spans.append(label.span())
            at = text.find(opener, at + len(opener))
    return cut_out(text, spans, " :»›")


def cut_out(text: str, spans: list[tuple[int, int]], separators: str) -> list[str]:
    """`text` cut before and after each of `spans` (a span overlapping an earlier one is skipped),
    the pieces stripped of `separators` and empty ones left out."""
    if not spans:
        return [text]
    pieces: list[str] = []
    start = 0
    for begin, end in sorted(spans):
        if begin >= start:
            pieces += [text[start:begin], text[begin:end]]
            start = end
    pieces.append(text[start:])
    return [piece.strip(separators) for piece in pieces if piece.strip(separators)]


def may_hold_advertisement(text: str) -> bool:
    """Whether an advertisement's label stands anywhere in `text` (`split_at_advertisements` cuts only at one)."""
    return _ANY_ADVERTISEMENT.search(text) is not None


def split_at_advertisements(text: str) -> list[str]:
    """`text` cut before and after the advertisements' labels printed in it between two sentences
    (see `_ADVERTISEMENTS`): one word, so only where a sentence ends before it, never inside one."""
    spans = [
        label.span()
        for pattern in _ADVERTISEMENTS
        for label in pattern.finditer(text)
        if label.start() == 0 or (label.start() >= 2 and text[label.start() - 1] == " " and text[label.start() - 2] in _SENTENCE_ENDS)
    ]
    return cut_out(text, spans, " ")
