"""The page's furniture that trafilatura keeps as article text where the page prints it as paragraphs:
links to other stories, a paragraph that is a labelled link ("MIRA: Madre se acerca a conocer …",
see `teaser_labels.is_labelled_teaser`) or a teasers' heading ("Noticias relacionadas", "Lesen Sie
auch die folgenden Beiträge:") with the headlines listed under it, and the interface's lines
("Anzeige", "Partager sur Facebook", "Mehr lesen..."), read as the text-dump reader reads them."""

from __future__ import annotations

from pipelines.extraction.furniture_phrases import READ_ON_KEYS, SINGLE_TEASER, TEASER_MARKERS, UI_PHRASES, opens_with_teaser_marker
from pipelines.extraction.teaser_labels import LISTED_TEASERS, TEASER_HEADER_WORDS, TEASER_HEADLINE_WORDS, is_labelled_teaser
from pipelines.extraction.text_keys import text_key

_SENTENCE_MARKS = (".", "!", "?", "…")
_CLOSING = '"”’»)'


def without_furniture(paragraphs: list[str]) -> list[str]:
    """`paragraphs` less the labelled links to other stories, the teasers' headings with the
    headlines listed under them (up to `LISTED_TEASERS`, one after "Next article", none after "Read
    more"), and the interface's lines (a one-word teaser label, "Next", may head the article's own
    section and stays)."""
    kept: list[str] = []
    listed = 0
    for paragraph in paragraphs:
        key = text_key(paragraph)
        if _heads_teasers(paragraph, key):
            listed = 0 if key in READ_ON_KEYS else 1 if key in SINGLE_TEASER else LISTED_TEASERS
            continue
        if listed and not paragraph.rstrip(_CLOSING).endswith(_SENTENCE_MARKS) and len(paragraph.split()) <= TEASER_HEADLINE_WORDS:
            listed -= 1
            continue
        listed = 0
        if not is_labelled_teaser(paragraph) and (key not in UI_PHRASES or key in TEASER_MARKERS):
            kept.append(paragraph)
    return kept


def _heads_teasers(paragraph: str, key: str) -> bool:
    """A teasers' heading of two words or more ("Related Videos", "Mehr zum Thema:"): one word
    ("Next", "Related") may head a section of the article itself."""
    if " " not in key:
        return False
    return key in TEASER_MARKERS or (
        paragraph.endswith(":") and len(paragraph.split()) <= TEASER_HEADER_WORDS and opens_with_teaser_marker(key, shortest=2)
    )
