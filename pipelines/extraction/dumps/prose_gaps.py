"""Paragraphs of prose the line model drops amid the article's text (`prose_between`), and the
sentences of a flattened dump it drops between two it keeps (`sentences_between`).

The model's second stage reads the first stage's guesses for each unit's neighbours: where a label
("Advertisement") or a photo's caption stands between every two paragraphs, a paragraph's
neighbours are furniture, and a long paragraph of the article can fall under the threshold (a long
read with an advertisement and a caption after each paragraph lost half its text). A paragraph of
prose between lines the model keeps, a few units from each, is the article's: what a page puts
between an article's paragraphs (advertisements, captions, teasers, share rows) is short and
rarely ends a sentence.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from pipelines.extraction.dumps.lines import Line, LineKind, ends_sentence, n_words

# How many units from a kept line on each side a dropped paragraph may stand. A long read may put
# an advertisement's label, a picture's caption and credit, a share row and a teaser between two of
# its paragraphs, a dozen units or more in a dump that prints each on its own line; at five units
# the dev pages' long reads lost paragraphs the model dropped among them (`lazy-image-2` 0.81 → 0.88
# body F1 on inscriptis' dump at fifteen).
GAP_UNITS = 15
# A paragraph of prose has at least this many words (a teaser's headline or a caption has fewer).
PROSE_WORDS = 20
# A sentence between two the model keeps is the article's from this many words and this chance on
# (the dev pages' flattened dumps: four must-have snippets more, none of the must-not ones).
SENTENCE_WORDS = 4
SENTENCE_CHANCE = 0.2


def prose_between(lines: Sequence[Line], dropped: Iterable[Line]) -> list[Line]:
    """The lines of `dropped` (lines of `lines` the model did not keep) that are paragraphs of
    prose (`PROSE_WORDS` words or more, ending a sentence) with a line the model kept no more than
    `GAP_UNITS` units before and after them."""
    kept = [line.position for line in lines if line.kind == LineKind.CONTENT]
    found = []
    for line in dropped:
        if n_words(line.text) < PROSE_WORDS or not ends_sentence(line.text):
            continue
        after = bisect_left(kept, line.position)
        if 0 < after < len(kept) and line.position - kept[after - 1] <= GAP_UNITS and kept[after] - line.position <= GAP_UNITS:
            found.append(line)
    return found


def sentences_between(lines: Sequence[Line], dropped: Iterable[Line]) -> list[Line]:
    """The lines of `dropped` that are sentences (`SENTENCE_WORDS` words or more, ending one) the
    model gives `SENTENCE_CHANCE` or more, with the units just before and after them kept. A
    flattened dump's units are sentences, and one the model doubts amid a paragraph it keeps ("Die
    Erzählung ist grauenhaft.") is that paragraph's: furniture between two of the article's
    sentences stands between two blocks, which rarely both end on a sentence the model keeps."""
    return [
        line
        for line in dropped
        if 0 < line.position < len(lines) - 1
        and lines[line.position - 1].kind == LineKind.CONTENT
        and lines[line.position + 1].kind == LineKind.CONTENT
        and line.content >= SENTENCE_CHANCE
        and n_words(line.text) >= SENTENCE_WORDS
        and ends_sentence(line.text)
    ]
