"""Tables drawn with rules (`ungrid`): each cell's text printed as a block of its own.

pandoc's plain text (and other converters' "grid" tables) draws a page's layout tables as boxes:
`+------+------+` rules between rows, `|` between cells, and every cell's text wrapped at the
cell's width beside its neighbours':

    | + Added Granite, Andesite, and    | Minecraft.net   |
    | Diorite stone blocks, with smooth | Minecraft Realms|

Read as lines, every line of an article laid out in a table's column holds a piece of the
sidebar's menu and the bars of the rules, and the line model drops the article with them (a
blog's post kept none of its text). Cut back into cells, read row by row and cell by cell, the
table prints as a converter that prints blocks prints it. A table drawn inside a cell (a layout
in a layout) is cut in turn.

Read by hand: docutils' reStructuredText grid-table parser reads the same drawing, but it is a
dependency of its own for one rule, and it rejects a whole table as markup errors where a page's
layout drew one irregularly, which this reader leaves as lines instead.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

# A rule between a grid table's rows: corners joined by dashes (`=` under a header row, `:` where a
# column's alignment is marked).
_RULE = re.compile(r"\+(?:[-=:]+\+)+")
# A rule's opening at a line's start, looked for in a line before it is read whole (a flattened
# page's line is long); most dumps draw no table, and hold none of the rule's signs at all.
_RULE_OPENING = re.compile(r" *\+[-=:]+\+")
_RULE_SIGNS = ("+-", "+=", "+:")
# A list's item as pandoc prints it in a cell: a bullet or a number and a space.
_ITEM = re.compile(r"(?:[-+*•]|\d+[.)])\s")


def ungrid(text: str) -> str:
    """`text` with each table drawn with rules replaced by its cells' text, a cell after another,
    parted by blank lines; lines that only look like a table's stay as they are."""
    if not any(sign in text for sign in _RULE_SIGNS):
        return text
    lines = text.split("\n")
    out: list[str] = []
    start = 0
    while start < len(lines):
        end = _table_end(lines, start)
        cells = _cells(lines[start:end]) if end > start else None
        if cells is None:
            out.append(lines[start])
            start += 1
            continue
        out.extend(cells)
        start = end
    return "\n".join(out)


def _table_end(lines: list[str], start: int) -> int:
    """Where a table drawn with rules that opens at `start` ends (its closing rule's next line), or
    `start` where none opens there: its lines open and close on the rule's corners, at its indent."""
    if _RULE_OPENING.match(lines[start]) is None:
        return start
    top = lines[start].rstrip()
    indent = len(top) - len(top.lstrip(" "))
    if _RULE.fullmatch(top, indent) is None:
        return start
    end = start + 1
    closed = start
    while end < len(lines):
        line = lines[end].rstrip()
        if line[indent : indent + 1] == "|" and line.endswith("|") and not line[:indent].strip():
            end += 1
        elif _RULE.fullmatch(line, indent) is not None and not line[:indent].strip():
            end += 1
            closed = end
        else:
            break
    return closed if closed > start + 1 else start


def _cells(table: list[str]) -> list[str] | None:
    """The lines of `table`'s cells, row by row and cell by cell, each cell's text parted from the
    next by a blank line; None where a row's lines do not part at the rule's corners alike."""
    indent = len(table[0]) - len(table[0].lstrip(" "))
    out: list[str] = []
    row: list[str] = []
    corners: set[int] = set()
    for raw in table:
        line = raw.rstrip()[indent:]
        if line.startswith("+"):
            if row:
                cells = _row_cells(row, corners)
                if cells is None:
                    return None
                out.extend(cells)
            row = []
            corners = {column for column, char in enumerate(line) if char == "+"}
        else:
            row.append(line)
    return out


def _row_cells(row: list[str], corners: set[int]) -> list[str] | None:
    """A row's cells' lines (see `_cells`): the row is parted where every line of it prints a bar
    at a corner of the rule above (a cell spanning two columns prints none between them)."""
    bars = [_bars(line, corners) for line in row]
    shared = set.intersection(*(set(found) for found in bars))
    if len(shared) < 2:
        return None
    columns: list[list[str]] = [[] for _ in range(len(shared) - 1)]
    for line, found in zip(row, bars, strict=True):
        cuts = [found[column] for column in sorted(shared)]
        for cell, (left, right) in zip(columns, itertools.pairwise(cuts), strict=True):
            cell.append(line[left + 1 : right].removeprefix(" ").rstrip())
    texts = [_unwrapped(ungrid("\n".join(cell)).split("\n")) for cell in columns]
    texts = [text for text in texts if text]
    if all(len(text) == 1 for text in texts):
        # A row of a table of data: its cells read as one line, as a converter of blocks prints a row.
        return [" ".join(text[0] for text in texts), ""] if texts else []
    return [line for text in texts for line in (*text, "")]


def _unwrapped(lines: list[str]) -> list[str]:
    """A cell's paragraphs, each on one line: the converter wrapped them at the cell's width, a
    line of wide characters anywhere (joined without a space). A list's item opens a line of its own.
    A word longer than the width is broken too, but a line filled up by words ends as often, so
    both are joined with a space (glued where the line was full, pandoc's layout tables lost a
    tenth of their articles' text)."""
    out: list[str] = []
    previous = ""
    for line in lines:
        text = line.strip()
        if not text:
            previous = ""
            continue
        if not previous or _ITEM.match(text):
            out.append(text)
        else:
            glued = _wide(previous[-1]) and _wide(text[0])
            out[-1] += text if glued else f" {text}"
        previous = line.rstrip()
    return out


def _wide(char: str) -> bool:
    """Whether `char` takes two display columns (an East Asian wide character: scripts that part no
    words by spaces, so that the converter breaks a line between two of them without one)."""
    return unicodedata.east_asian_width(char) in "WF"


def _bars(line: str, corners: set[int]) -> dict[int, int]:
    """The display columns among `corners` at which `line` prints a bar, with the bar's index: a
    converter lays a table out in display columns, where an East Asian wide character takes two."""
    found: dict[int, int] = {}
    column = 0
    for index, char in enumerate(line):
        if char == "|" and column in corners:
            found[column] = index
        column += 2 if _wide(char) else 1
    return found
