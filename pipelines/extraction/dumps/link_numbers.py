"""Numbered links of a terminal browser's dump, reduced to their text.

`lynx -dump` and `elinks -dump` print each link's text after its number in brackets (`[12]Home`)
and list the link targets under "References" at the end of the dump. Left in, the numbers stick to
the words (a menu reads as `[12]Home [13]News`, not as a line of short words, and a search finds the
article by "12home"), and the list of targets is a line of furniture per link. The numbers are
dropped and the list cut where the dump ends with such a list, or, without one (a dump cut short),
where many numbers count up through the dump as only link numbers do. A footnote mark (`deaths.[36]`)
is glued to the word before it and is left alone.

The list is read as the browsers print it: lynx heads it "Visible links:" and "Hidden links:", elinks
prints a link's title on the entry's line and its target on the next, and a target the page left
unencoded (a share link's `mailto:?body=…`) can run over several lines.
"""

from __future__ import annotations

import itertools
import re

# A link's number: not glued to the word before it, as a footnote's is. The pattern opens on the
# bracket, so that the engine skips ahead to one; the look-behind (the character before and the
# bracket itself) is tried only there, not at every character of the dump.
MARKER = re.compile(r"\[(?<![\w.,;:!?)\]]\[)(\d{1,5})\]")
# A line that holds only numbers goes with its line break: left empty, it would read as a blank line
# between paragraphs. A converter that prints each text node on a line of its own (BeautifulSoup's
# `get_text("\n")`) prints a footnote's mark there, inside the sentence: `(primarily Android),` /
# `[13]` / ` a mobile OS called`.
MARKER_LINE = re.compile(r"^[ \t]*(?:\[\d{1,5}\][ \t]*)+\n", re.MULTILINE)
REFERENCES_HEADING = re.compile(r"^[ \t]*References[ \t]*$", re.MULTILINE)
# A line of the list: "  12. https://example.org/news", elinks' "Visible links" and "Hidden links:"
# headings. A target the page left unencoded holds spaces (a share link's text: "mailto:?subject=Raspberry
# Pi 3", "https://twitter.com/intent/tweet?text=…"); one that opens with a scheme or a path runs to the line's end.
LISTED_TARGET = re.compile(r"[ \t]*(?:\d+\.[ \t]+(?:\S+|(?:[a-z][a-z0-9+.-]*:|[/#?])[^\n]*)|(?:Visible|Hidden) links:?)[ \t]*")
LIST_HEADING = re.compile(r"[ \t]*(?:Visible|Hidden) links:?[ \t]*")
# Any entry of a numbered list, and a target alone on a line: elinks prints it under the link's title.
ENTRY = re.compile(r"[ \t]*(\d{1,5})\.[ \t]+\S.*")
BARE_TARGET = re.compile(r"[ \t]*(?:[A-Za-z][A-Za-z0-9+.-]*:|/)\S*[ \t]*")
# Without the list, this many link numbers, most of them above the one before, mark a numbered dump.
MIN_MARKERS = 5
RISING_SHARE = 0.8


def unlisted(text: str) -> tuple[str, bool]:
    """The dump without its closing list of link targets and its lines of link numbers alone, and whether
    its links are numbered. The numbers inside its lines are left to `MARKER` once the wrap is undone:
    the browser wrapped the lines with them, so that a line that ends far short of the width without
    them was full."""
    if "[" not in text:
        return text, False
    listed = _references_start(text)
    if listed is not None:
        text = text[:listed]
    elif not _counts_up(text):
        return text, False
    return MARKER_LINE.sub("", text), True


def _references_start(text: str) -> int | None:
    """Where the closing "References" list begins: its heading, followed only by listed targets."""
    # The heading's pattern is tried at every line start; most dumps do not hold the word at all.
    if "References" not in text:
        return None
    headings = list(REFERENCES_HEADING.finditer(text))
    if not headings:
        return None
    heading = headings[-1]
    rest = [line for line in text[heading.end() :].splitlines() if line.strip()]
    if rest and all(LISTED_TARGET.fullmatch(line) for line in rest):
        return heading.start()
    if _lists_links(rest) and len(MARKER.findall(text, 0, heading.start())) >= MIN_MARKERS:
        return heading.start()
    return None


def _lists_links(lines: list[str]) -> bool:
    """Whether a list's lines read as a browser's list of link targets, with the lines a target or a
    title spills onto: most entries count up and give a target, on their line or on the next one,
    and lines outside the entries are at most as many as the entries."""
    lines = [line for line in lines if not LIST_HEADING.fullmatch(line)]
    entries = [index for index, line in enumerate(lines) if ENTRY.fullmatch(line)]
    if len(entries) < MIN_MARKERS or len(lines) - len(entries) > len(entries):
        return False
    targeted = sum(
        1
        for index in entries
        if LISTED_TARGET.fullmatch(lines[index]) or (index + 1 < len(lines) and BARE_TARGET.fullmatch(lines[index + 1]))
    )
    return targeted >= RISING_SHARE * len(entries) and _rising(
        [int(match[1]) for index in entries if (match := ENTRY.fullmatch(lines[index]))]
    )


def _counts_up(text: str) -> bool:
    numbers = [int(match[1]) for match in MARKER.finditer(text)]
    return len(numbers) >= MIN_MARKERS and _rising(numbers)


def _rising(numbers: list[int]) -> bool:
    rising = sum(1 for before, after in itertools.pairwise(numbers) if after > before)
    return rising >= RISING_SHARE * (len(numbers) - 1)
