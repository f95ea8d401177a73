"""The labels that announce links to other stories ("Read also", "Lesen Sie auch", "Lea más: …"), in
the languages of the dev pages and their neighbours (English, German, French, Spanish, Italian,
Portuguese, Polish, Dutch), and the teaser a label opens before a colon (`is_labelled_teaser`).

Both readers use them: the text-dump reader, also through `furniture_phrases` (the interface's
other wording), and the HTML reader (`html.furniture`). No maintained library lists them by language
(trafilatura reads HTML's structure, jusText's stop lists are a language's frequent words).
"""

from __future__ import annotations

import re

# Labels that announce one or more links to other stories; the lines after them are teasers.
TEASER_LABELS = {
    "en": [
        "read also",
        "also read",
        "see also",
        "read more",
        "related",
        "related articles",
        "related news",
        "related stories",
        "related posts",
        "related content",
        "related topics",
        "related videos",
        "you might also like",
        "you may also be interested in",
        "you might also be interested in",
        "you may be interested in",
        "you might be interested in",
        "recommended for you",
        "more on this",
        "you may also like",
        "most read",
        "most popular",
        "most viewed",
        "popular posts",
        "recent posts",
        "more stories",
        "latest stories",
        "recommended",
        "trending",
        "top stories",
        "latest news",
        "previous article",
        "next article",
        "previous",
        "next",
        "prev",
    ],
    "de": [
        "lesen sie auch",
        "auch interessant",
        "mehr zum thema",
        "ähnliche artikel",
        "das könnte sie auch interessieren",
        "meistgelesen",
        "meistgelesene artikel",
        "meistdiskutierte artikel",
        "ähnliche beiträge",
        "weitere beiträge",
        "die redaktion empfiehlt",
        "das könnte dich auch interessieren",
        "das könnte sie interessieren",
        "das könnte dich interessieren",
        "das thema könnte sie auch interessieren",
        "das thema könnte dich auch interessieren",
        "auch interessant für sie",
        "auch interessant für dich",
        "weiterführende links",
        "weiterführender link",
        "zum weiterlesen",
        "auch lesen",
        "mehr themen",
        "weitere themen",
        "weitere artikel",
        "lust auf mehr",
        "verwandte beiträge",
        "empfohlene beiträge",
        "neueste beiträge",
        "passend zum thema",
        "vorheriger artikel",
        "nächster artikel",
    ],
    "fr": [
        "lire aussi",
        "à lire aussi",
        "sur le même sujet",
        "sur le même thème",
        "dans la même rubrique",
        "articles liés",
        "les plus lus",
        "article précédent",
        "article suivant",
    ],
    "es": [
        "lee también",
        "lea también",
        "te puede interesar",
        "le puede interesar",
        "vea también",
        "mira también",
        "mirá también",
        "otras noticias",
        "más noticias",
        "te recomendamos",
        "noticias relacionadas",
        "artículos relacionados",
        "lo más leído",
        "lo más visto",
        "las más vistas",
        "más leídas",
        "relacionadas",
        "notas relacionadas",
        "contenido relacionado",
        "también te puede interesar",
        "artículo anterior",
        "artículo siguiente",
    ],
    "it": ["leggi anche", "articoli correlati", "più letti", "ti potrebbe interessare", "articolo precedente", "articolo successivo"],
    "pt": ["leia também", "veja também", "notícias relacionadas", "relacionadas", "mais lidas"],
    "pl": [
        "czytaj też",
        "czytaj także",
        "zobacz też",
        "zobacz także",
        "zobacz również",
        "przeczytaj też",
        "przeczytaj także",
        "inne artykuły autora",
        "polecane",
        "najnowsze",
        "podobne artykuły",
        "najczęściej czytane",
        "poprzedni artykuł",
        "następny artykuł",
    ],
    "nl": ["lees ook", "meest gelezen", "gerelateerde artikelen"],
}
# Labels that open a line with one story's headline after a colon ("Read next: …", "Lesetipp: …") but,
# on a line of their own, are the interface's ("Weiterlesen", "Saiba mais": a link to read on).
LINK_LABELS = {
    "en": ["read next", "learn more", "related article"],
    "de": ["lesen sie mehr", "lesetipp", "weiterlesen"],
    "fr": ["voir aussi", "lire également", "à lire également"],
    "es": ["lea más", "lee más", "puedes ver", "ver también", "lea", "mira", "mire", "informate más", "más sobre", "más información"],
    "it": ["vedi anche", "potrebbe interessarti"],
    "pt": ["leia mais", "saiba mais"],
    "pl": ["czytaj więcej", "więcej informacji", "dowiedz się więcej"],
    "nl": ["meer lezen"],
}
_LABELS = sorted(
    {phrase for labels in (TEASER_LABELS, LINK_LABELS) for phrases in labels.values() for phrase in phrases}, key=len, reverse=True
)
# A link to another story that its label opens ("Read more: …", "Lesen Sie auch: …", "Czytaj też » …"):
# the label and a colon or a guillemet.
TEASER_LABEL = re.compile(rf"^(?:{'|'.join(map(re.escape, _LABELS))})\s*[:»›]\s*\S", re.IGNORECASE)


def opens_with_teaser_label(text: str) -> bool:
    """Whether `TEASER_LABEL` matches `text`. Tried only on a line holding one of the marks after a
    label (a tenth of a dump's lines): three scans for a character cost less than trying every label."""
    return (":" in text or "»" in text or "›" in text) and TEASER_LABEL.match(text) is not None


# A labelled teaser is a headline or two, never a paragraph of this many words; nor does it end on a
# full stop (a flattened dump glues the article's next sentence to it).
TEASER_WORDS = 30
# A heading that opens with a teaser label and ends on a colon ("Lesen Sie auch die folgenden
# Beiträge:") announces a list: a few words, never a sentence.
TEASER_HEADER_WORDS = 8
# Under a teasers' heading ("Related stories"), the headlines it lists: at most this many, each of
# at most so many words and ending no sentence; one under a heading of `furniture_phrases.SINGLE_TEASER` ("Next article").
LISTED_TEASERS = 6
TEASER_HEADLINE_WORDS = 25


def is_labelled_teaser(text: str) -> bool:
    """Whether `text` is a link to another story that its label opens ("Read more: Storm hits the coast"):
    the label and a mark, then at most `TEASER_WORDS` words that end on no full stop."""
    return opens_with_teaser_label(text) and len(text.split()) <= TEASER_WORDS and not text.endswith(".")
