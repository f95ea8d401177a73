"""A line a page prints again and again, kept once before the line model reads the dump.

A terminal browser prints each picture's alternative text where the picture stands; a page that
gives every picture the same one ("Illustration for article titled …", a photo blog's site name)
gets that line between every two of its paragraphs. Converters that print text only (the layouts
the line model learnt from) print none of them, and among dozens of such copies the model took the
paragraphs for a gallery's captions and dropped them (w3m's `lazy-image-2` kept its first screen).
Only a capitalised line of several words that ends no sentence and is printed many times is read so
(a program's output a tutorial shows again and again, "added 1 changesets with 1 changes to 1 files",
is the article's, and a list's item is left to the rules that read lists), and only where most
stretches between its copies hold a paragraph of prose, as a picture's text between paragraphs does:
a maker's name printed in each row of a product table, or a member's in each item of a list, stands
between short rows, and without its copies the line model read the list page as another one. A headline
is printed a few times (its `<title>`, its heading, a breadcrumb), and the headline search reads its
copies; a short interface label ("Advertisement", "Read more") is the model's to read, as it learnt
it; a sentence repeated is a quote or a pull-quote. The first copy stays where it stood.
"""

from __future__ import annotations

from collections import Counter

from pipelines.extraction.dumps.lines import ends_sentence, n_words
from pipelines.extraction.dumps.units import Unit

# More than a headline's copies: at three or four the search lost headlines on the dev pages (w3m's
# `medicalnewstoday`, `wapo-1`).
MIN_COPIES = 5
# Longer than an interface label or a code sample's repeated statement.
MIN_WORDS = 8
# A paragraph of prose between two copies: a sentence's end, and more words than a table's row holds.
PROSE_WORDS = 10


def without_repeated(units: list[Unit]) -> list[Unit]:
    """`units` less the second and later copies of a line of `MIN_WORDS` words or more that opens on a
    capital, ends no sentence and is printed `MIN_COPIES` times or more, most of them a paragraph of
    prose apart (`PROSE_WORDS`)."""
    counts = Counter(unit.text for unit in units)
    repeated = {
        text
        for text, count in counts.items()
        if count >= MIN_COPIES
        and text[0].isupper()
        and not ends_sentence(text)
        and n_words(text) >= MIN_WORDS
        and _between_paragraphs(units, text)
    }
    if not repeated:
        return units
    seen: set[str] = set()
    kept = []
    for unit in units:
        if unit.text in repeated:
            if unit.text in seen:
                continue
            seen.add(unit.text)
        kept.append(unit)
    return kept


def _between_paragraphs(units: list[Unit], text: str) -> bool:
    """Whether more than half of the stretches between the copies of `text` in `units` hold a
    paragraph of prose (`PROSE_WORDS`)."""
    stretches = 0
    with_prose = 0
    prose = False
    seen = False
    for unit in units:
        if unit.text == text:
            if seen:
                stretches += 1
                with_prose += prose
            seen = True
            prose = False
        elif seen and not prose:
            prose = ends_sentence(unit.text) and n_words(unit.text) >= PROSE_WORDS
    return with_prose * 2 > stretches
