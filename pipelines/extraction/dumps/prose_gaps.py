"""Paragraphs of prose the line model drops amid the article's text (`prose_between`), the
sentences of a flattened dump it drops between two it keeps (`sentences_between`) or at the end of
a block after one it keeps (`sentences_closing_block`), a sentence's
first word a flattened dump's block cut parted from it (`openers_cut_off`), and a list of short
items (`items_between`) or a subheading (`headings_between`) inside the article that the rules took
for a menu's or the interface's.

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

from pipelines.extraction.dumps.lines import ELLIPSIS, Line, LineKind, ends_sentence, n_words

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
# A block's closing statements after a sentence the model keeps are the paragraph's from this chance on
# (the dev pages' html2txt dumps: 5 must-have snippets more, 1 must-not; at 0.4, 4 and 1).
BLOCK_END_CHANCE = 0.3
# How many units after the headline the standfirst's sentences may stand: a byline or a date may
# come between. Further on, the sentences the model drops before the article's start are an author's
# bio, a video player's notices or a teaser's summary (on the dev pages' html2txt dumps Readability's
# body F1 went 0.9282 → 0.9280 at four units, → 0.9275 at eight).
STANDFIRST_UNITS = 4
# A statement's last mark, and the quotes and brackets that may close it.
FULL_STOPS = (".", "。")
CLOSING_MARKS = '"”’»)]'
# A run of short bulleted items between two kept lines is the article's list from this mean chance on.
ITEM_CHANCE = 0.3


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
    sentences stands between two blocks, which rarely both end on a sentence the model keeps. So is
    a run of such sentences with a kept one just before and after it, all in one block of the page
    (one `source`): the model's doubt about one sentence spreads to the next ("So etwas gibt es
    beispielsweise bei V-Couture. Stärker kann man …! Doch was macht den Unterschied …?")."""
    doubted = {line.position for line in dropped if _doubted_sentence(line)}
    found = []
    for position in sorted(doubted):
        first, last = position, position
        while first - 1 in doubted and lines[first - 1].source == lines[position].source:
            first -= 1
        while last + 1 in doubted and lines[last + 1].source == lines[position].source:
            last += 1
        if first == 0 or last == len(lines) - 1:
            continue
        before, after = lines[first - 1], lines[last + 1]
        # A run of two or more stays inside one paragraph of the page (one block): across blocks,
        # a run the model doubts is a box between two of the article's paragraphs.
        inside = first == last or before.source == after.source == lines[position].source
        if before.kind == LineKind.CONTENT and after.kind == LineKind.CONTENT and inside:
            found.append(lines[position])
    return found


def _doubted_sentence(line: Line) -> bool:
    return line.content >= SENTENCE_CHANCE and n_words(line.text) >= SENTENCE_WORDS and ends_sentence(line.text)


def sentences_closing_block(lines: Sequence[Line], dropped: Iterable[Line]) -> list[Line]:
    """The lines of `dropped` in runs that close a block of a flattened page (one `source`) whose
    sentence just before the run the model keeps, where each is a statement (`SENTENCE_WORDS` words
    or more that hold a letter, ending on a full stop, not an ellipsis) it gives `BLOCK_END_CHANCE`
    or more. The second stage reads a paragraph's last sentences beside the furniture after it (a
    byline, a share row, a sign-up box) and doubts them ("… Relotius legt auf Facebook ein
    Fake-Profil an. Es stützt seine Version." / "Von Clemens Höges"); furniture glued into the
    paragraph's block after the article's last sentence is a teaser's cut-off line, a question to
    the reader or a label, which are no statements."""
    doubted = {line.position for line in dropped if _closing_statement(line)}
    found = []
    for position in sorted(doubted):
        source = lines[position].source
        first, last = position, position
        while first - 1 in doubted and lines[first - 1].source == source:
            first -= 1
        while last + 1 in doubted and lines[last + 1].source == source:
            last += 1
        closes = last == len(lines) - 1 or lines[last + 1].source != source
        if first > 0 and closes and lines[first - 1].kind == LineKind.CONTENT and lines[first - 1].source == source:
            found.append(lines[position])
    return found


def _closing_statement(line: Line) -> bool:
    text = line.text.rstrip(CLOSING_MARKS)
    return (
        line.content >= BLOCK_END_CHANCE
        and _lettered_words(line.text) >= SENTENCE_WORDS
        and text.endswith(FULL_STOPS)
        and not text.endswith(ELLIPSIS)
    )


def openers_cut_off(lines: Sequence[Line], dropped: Iterable[Line], stop_words: frozenset[str]) -> list[tuple[Line, Line]]:
    """(the word, the line it opens) for each line of `dropped` that is one capitalised word the
    block cuts parted from the kept line after it, inside a name that opens a sentence: the kept line
    opens with a capitalised word and goes on in lower case ("Microsoft" / "Corp said on Thursday …",
    "Simon" / "Wittenberg travels to …"). The block model reads a run of capitalised words (a share
    row's "Share Comment Print" glued before the lede's subject) as a menu's and cuts between each,
    up to the first lower-case word; the name's first word alone is then too short for the line
    model to keep. A line opening on a stop word ("The last 33 days …") opens its sentence, and a
    word in capitals is a label."""
    found = []
    for line in dropped:
        word = line.text
        if line.kind != LineKind.BOILERPLATE:
            continue
        after = lines[line.position + 1] if line.position + 1 < len(lines) else None
        if after is None or after.kind != LineKind.CONTENT or not after.glued:
            continue
        first, _, rest = after.text.partition(" ")
        if (
            word.isalpha()
            and word[0].isupper()
            and word[1:].islower()
            and first.isalpha()
            and first[0].isupper()
            and rest[:1].islower()
            and word.casefold() not in stop_words
            and first.casefold() not in stop_words
        ):
            found.append((line, after))
    return found


def sentences_before(dropped: Iterable[Line], title: int, start: int, *, rest_of_headline: bool = False) -> list[Line]:
    """The lines of `dropped` (sentences of a flattened page the model did not keep) that stand
    among the `STANDFIRST_UNITS` units after the headline (unit `title`) and before unit `start`,
    the article's first, and are statements (`SENTENCE_WORDS` words or more that hold a letter,
    ending on a full stop) the model gives `SENTENCE_CHANCE` or more: the standfirst, which a page
    prints under its headline, a byline, a date or a picture between it and the paragraphs the
    article's start is found at ("Eine Schneedecke auf der Photovoltaikanlage sorgt … Das Gewicht
    belastet auch Module …" / "10.12.2022 18:27 von Hinrich Neumann"). What stands there besides (a
    byline, a date, a share row, a credit) ends no sentence, and a menu's or a teaser's line that
    does ends on a question ("Need help?", "OnePlus 3T vs OnePlus 3: what's the difference?").

    With `rest_of_headline`, the headline was cut from the front of unit `title`, and what followed
    it there is the standfirst's first sentence as well: a flattened page glues the standfirst to
    the headline above it, and the model doubts the sentence for the headline's block around it.
    A date and a label left there ("15. Juni 2022 *Werbung.") are no statement: its figures are
    not words."""
    first = title if rest_of_headline else title + 1
    return [
        line
        for line in dropped
        if first <= line.position <= title + STANDFIRST_UNITS
        and line.position < start
        and line.content >= SENTENCE_CHANCE
        and _lettered_words(line.text) >= SENTENCE_WORDS
        and line.text.rstrip(CLOSING_MARKS).endswith(FULL_STOPS)
    ]


def _lettered_words(text: str) -> int:
    """`n_words(text)` less the words that hold no letter (a date's figures are not a statement's words)."""
    return n_words(text) - sum(1 for word in text.split() if not any(char.isalpha() for char in word))


def items_between(lines: Sequence[Line], items: Sequence[int], start: int) -> list[Line]:
    """The lines at `items` (ascending positions of short bulleted lines, which the patterns take for
    a menu's items) in runs after unit `start`, the article's first, with a kept line just before and
    after the run and a mean chance of `ITEM_CHANCE` or more from the model. A menu stands before
    the article or around it; a list inside it ("* offen und neugierig sind", "* Effektiver
    Jahreszins: 3,9 Prozent") stands between its paragraphs."""
    found: list[Line] = []
    positions = [position for position in items if position > start]
    first = 0
    while first < len(positions):
        last = first
        while last + 1 < len(positions) and positions[last + 1] == positions[last] + 1:
            last += 1
        before, after = positions[first] - 1, positions[last] + 1
        run = lines[positions[first] : after]
        if (
            after < len(lines)
            and lines[before].kind == LineKind.CONTENT
            and lines[after].kind == LineKind.CONTENT
            and sum(line.content for line in run) >= ITEM_CHANCE * len(run)
        ):
            found.extend(run)
        first = last + 1
    return found


# A short line between two kept lines is the article's subheading from this chance on.
HEADING_CHANCE = 0.6
# A subheading is printed once, or twice where the article opens with its contents.
HEADING_COPIES = 2


def headings_between(lines: Sequence[Line], short: Sequence[int], start: int) -> list[Line]:
    """The lines at `short` (short lines printed at most `HEADING_COPIES` times, which the rules
    take for the interface's) after unit `start`, the article's first, with a kept line just before
    and after and a chance of `HEADING_CHANCE` or more from the model: a subheading ("Fazit",
    "Vision", "How to install it"). It opens with a capital, and one word is a capitalised word of
    letters: an acronym, a figure, a domain or an agency's initials ("GIS", "532", "BVINEWS.COM",
    "aja/PAP") is a label or a credit."""
    return [
        lines[position]
        for position in short
        if start < position < len(lines) - 1
        and lines[position].content >= HEADING_CHANCE
        and _heading_shaped(lines[position].text)
        and lines[position - 1].kind == LineKind.CONTENT
        and lines[position + 1].kind == LineKind.CONTENT
    ]


def _heading_shaped(text: str) -> bool:
    if " " in text:
        return text[0].isupper()
    return text.isalpha() and text[0].isupper() and text[1:].islower()
