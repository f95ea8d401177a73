"""Lines a converter broke at the edges of inline elements, joined back by the spaces it left.

A converter that prints each text node of the page on a line of its own (BeautifulSoup's
`get_text("\\n")`, lxml's `itertext()` joined by newlines) breaks a sentence at every link and
every bold word: `A series of recent ` / `manhole fires` / ` in the heart of Manhattan`. The space
between the words stays at one side of the break, at the end of a line or at the start of the
next, where no converter that prints blocks leaves one: theirs indent by several spaces or by none.
The line model would otherwise judge `manhole fires` alone, two words without a verb, as furniture.
"""

from __future__ import annotations

import itertools
import re

from pipelines.extraction.dumps.char_classes import TERMINAL_CHARS
from pipelines.extraction.dumps.lines import LIST_MARKER

# A line that is only a list's bullet (an empty `<li>`'s "* ", inscriptis' "o " of a nested list) ends
# in a space too, and so does the line before a bulleted item: neither is a sentence broken at a link.
_BULLET = re.compile(rf"{LIST_MARKER}(?:\s|$)")
_BARE_BULLET = re.compile(rf"{LIST_MARKER}|o")
# A row of a table of numbers (a calendar's week) is no sentence, whatever its spaces.
_NUMBERS = re.compile(r"[\d\s]+")
_TERMINAL = tuple(TERMINAL_CHARS)
# Marks that go on a sentence and never open one: a line that opens with one is the text node after
# an inline element (`<a>Read more</a>: …`, `<b>Paris</b>, the capital`).
_CONTINUING = (",", ":", ";")
# The share of a dump's breaks between two lines of text that must be such breaks. A page dumped by
# block leaves a stray single space here and there: on the dev pages, 99 in 100 dumps by inscriptis
# and html2text have under 2.5% such breaks, by markdownify under 8%, and 14 of 1,385 reach 5%. A
# page dumped by text node has them at a quarter of its breaks (median), and 376 of 428 reach 5%.
MIN_SHARE = 0.05
# A converter that prints every text node as it is keeps the spaces at both sides of a link inside a
# sentence: `said it was ` / `likely` / ` to pass`. Two such links mark a dump as one (277 of the 506
# dev pages dumped by BeautifulSoup's `get_text("\n")`; none dumped by html2txt, inscriptis, lynx,
# w3m, links, elinks, html2text, markdownify or html-text, whose stray spaces pass `MIN_SHARE` in
# some dumps): only there are the breaks that leave no space at all read as inline (see `_closed`,
# `_bracketed`, `_source_breaks`), as a block converter breaks there too.
MIN_SANDWICHED = 2
# Marks that close a sentence or a bracket, printed right after an element inside it
# (`<a>standards</a>.`, `(codenamed <a>Fennec</a>) is`).
_CLOSING = (".", "!", "?", ")")


def join_inline_breaks(lines: list[str]) -> list[str]:
    """`lines` with each line broken at an inline element's edge joined to the line before it,
    when the dump is one that breaks there (see `MIN_SHARE`); else `lines` unchanged."""
    breaks = {i for i in _spaced_edges(lines) if _broken_inline(lines[i].strip(), lines[i + 1].strip())}
    if not breaks:
        return lines
    between_text = sum(1 for before, after in itertools.pairwise(lines) if before.strip() and after.strip())
    if len(breaks) < MIN_SHARE * between_text:
        return lines
    continued = _continued(lines)
    spaces = _inline_spaces(lines)
    if _sandwiched_links(lines) >= MIN_SANDWICHED:
        continued |= _closed(lines) | _bracketed(lines)
        breaks |= _source_breaks(lines)
    joined = lines[:1]
    for i, line in enumerate(lines[1:]):
        if i in continued:
            joined[-1] = f"{joined[-1].rstrip()}{line.lstrip()}"
        elif i in breaks or i in spaces:
            joined[-1] = f"{joined[-1].rstrip()} {line.lstrip()}"
        elif i + 1 not in spaces:
            joined.append(line)
    return joined


def _inline_spaces(lines: list[str]) -> set[int]:
    """The lines that are a single space between two lines of text that break inside a sentence: the
    text node between two inline elements (`likely</a> <a>to`), which a text-node dump prints on a
    line of its own. Left in, it would read as a blank line, a paragraph's end, in mid-sentence."""
    return {
        i
        for i in range(1, len(lines) - 1)
        if lines[i] == " " and _broken_inline(before := lines[i - 1].strip(), after := lines[i + 1].strip()) and _in_sentence(before, after)
    }


def _sandwiched_links(lines: list[str]) -> int:
    """How many lines stand between a line ending on a single space and one opening on a single
    space, without a space at their own edges: a link's text inside a sentence (see `MIN_SANDWICHED`)."""
    return sum(
        1
        for before, link, after in zip(lines, lines[1:], lines[2:], strict=False)
        if before[-1:] == " "
        and before[-2:] != "  "
        and after[:1] == " "
        and after[1:2] not in (" ", "")
        and link
        and link.strip() == link
        and before.strip()
    )


def _closed(lines: list[str]) -> set[int]:
    """The breaks (the index of the line before) where the next line opens with a mark that closes
    the sentence or the bracket the line before left open."""
    return {
        i
        for i, (before, after) in enumerate(itertools.pairwise(lines))
        if after.startswith(_CLOSING) and _broken_inline(before.strip(), after.strip())
    }


def _source_breaks(lines: list[str]) -> set[int]:
    """The breaks (the index of the line before) that the page's source made inside a text node: an
    HTML file wraps a long paragraph at its editor's width and indents the lines after the first
    (`The people who own the` / `            Barcelona lab are accredited …`), and a text-node dump
    prints those line breaks as they are, where a browser shows a space. Such a line opens indented
    right after a line of text, with no blank line between: a text node that opens on the page's
    white space between two blocks (`</p>` / `<p>`) prints a blank line first. Read only in a dump
    already known to break at inline elements: a block converter indents a list's or a quote's lines.
    Two spaces at the end of the line before are a Markdown line break (see `_spaced_edges`)."""
    return {
        i
        for i, (before, after) in enumerate(itertools.pairwise(lines))
        if after[:1].isspace() and before[-2:] != "  " and _broken_inline(before.strip(), after.strip())
    }


def _continued(lines: list[str]) -> set[int]:
    """The breaks (the index of the line before) where the next line opens with a mark that goes on
    a sentence: no space is left at such a break, as the mark stands right after the element."""
    return {
        i
        for i, (before, after) in enumerate(itertools.pairwise(lines))
        if after.lstrip().startswith(_CONTINUING) and _broken_inline(before.strip(), after.strip())
    }


def _bracketed(lines: list[str]) -> set[int]:
    """The breaks (the index of the line before) at a bracket: a reference mark or an editing link
    printed after its sentence or heading (`web standards.` / `[42]`, `Firefox` / `[` / `edit` / `]`),
    a text node each. Glued back, they read as a block converter prints them (`standards.[42]`,
    `Firefox[edit]`), not as short lines repeated down the page, which read as a menu's."""
    return {
        i
        for i, (before, after) in enumerate(itertools.pairwise(lines))
        if (after[:1] in "[]" or before.endswith("[")) and after and before.strip() and not _BARE_BULLET.fullmatch(before.strip())
    }


def _in_sentence(before: str, after: str) -> bool:
    """Whether a lower-case word stands at the break: a menu's or a tag list's items, each a link
    between spaces, are capitalised at both sides."""
    return after[0].islower() or before.rsplit(" ", 1)[-1][0].islower()


def _spaced_edges(lines: list[str]) -> list[int]:
    """The breaks (the index of the line before) with a single space at their edge: at the end of
    the line before, or at the start of the next. Two spaces end a Markdown line broken on purpose
    (a `<br>`: an address, a verse). A cheap first pass: most breaks of most dumps have neither."""
    return [
        i
        for i, (before, after) in enumerate(itertools.pairwise(lines))
        if (before[-1:] == " " or (after[:1] == " " and after[1:2] != " ")) and before[-2:] != "  "
    ]


def _broken_inline(text: str, following: str) -> bool:
    """Whether the break between two lines of text (stripped) falls inside a sentence."""
    return (
        bool(text and following)
        and not text.endswith(_TERMINAL)
        and not _BARE_BULLET.fullmatch(text)
        and not _BULLET.match(following)
        and not _NUMBERS.fullmatch(text)
    )
