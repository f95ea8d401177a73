"""A line a page prints again and again, kept once before the line model reads the dump.

A terminal browser prints each picture's alternative text where the picture stands; a page that
gives every picture the same one ("Illustration for article titled …", a photo blog's site name)
gets that line between every two of its paragraphs. Converters that print text only (the layouts
the line model learnt from) print none of them, and among dozens of such copies the model took the
paragraphs for a gallery's captions and dropped them (w3m's `lazy-image-2` kept its first screen).
Only a capitalised line of several words that ends no sentence and is printed many times is read so
(a program's output a tutorial shows again and again, "added 1 changesets with 1 changes to 1 files",
is the article's, and a list's item is left to the rules that read lists): a headline
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


def without_repeated(units: list[Unit]) -> list[Unit]:
    """`units` less the second and later copies of a line of `MIN_WORDS` words or more that opens on a
    capital, ends no sentence and is printed `MIN_COPIES` times or more."""
    counts = Counter(unit.text for unit in units)
    repeated = {
        text
        for text, count in counts.items()
        if count >= MIN_COPIES and text[0].isupper() and not ends_sentence(text) and n_words(text) >= MIN_WORDS
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
