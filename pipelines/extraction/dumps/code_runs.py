"""Source code a converter printed a token or a statement a line, joined back into one line
(`join_code_runs`, `join_statement_runs`).

A converter that prints every text node on a line of its own (BeautifulSoup's `get_text("\\n")`)
breaks a syntax-highlighted code sample at every token: `fetch` / `("/data.json").` / `then` /
`(function` / `(res)` / `{`. Hundreds of one-token lines then stand between a tutorial's
paragraphs, and the line model, which judges a unit by its neighbours too, drops the paragraphs
among them: a dump of a tutorial kept three of its hundred paragraphs. Joined, a sample is one
line, as other converters print it. No library undoes this: the breaks are the converter's.

A run is told from a menu or a table's cells, which are short lines too, by its signs: most of
its lines hold a bracket, a semicolon, an operator or end on a comma, and one at least a sign
prose and menus do not print (a brace, a semicolon, an equals sign); and it runs long. A list of
categories with their counts ("Politics (12)") prints round brackets only, a list of a blog's
teasers square ones.

Terminal browsers and pandoc print a `<pre>` sample as it is written, a statement a line
(`var cow = new Cow();` / `expect(cow.name).to.equal("Kate");` / `});`). Among the tutorial's
paragraphs, dozens of such lines read as a menu or a table to the line model, which then drops the
paragraphs between samples too. A run of them is joined as html2txt and inscriptis print a sample: most
of its lines end a statement or open or close a block (`;`, `{`, `}`), or are a tag of markup.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

# A token's line: a few characters, a word or two ("FROM unnest", "(function", "});"). A line
# of code as other converters print it holds more ("cls.browser = webdriver.PhantomJS()"): joined,
# a sample they print line by line would lose its lines.
FRAGMENT_CHARS = 40
FRAGMENT_WORDS = 2
# What a code token's line holds or ends on; a count in brackets ("Oktober 2014 (12)") is a menu's.
# The brackets and operators code prints, which a token's or a statement's line holds.
_BRACKETS = r"[(){}\[\];=<>]"
_SIGN = re.compile(rf"{_BRACKETS}|,$")
_COUNT = re.compile(r"\(\d+\)")
# What code prints and a menu, a table's cells or prose broken at its links do not.
_CODE_SIGN = re.compile(r"[{};=]")
_CODE_SIGNS = "{};="
# A formula set as text nodes (MathML, Wikipedia's TeX annotations) is broken up the same way and
# prints the same signs; it is told by its operators and arrows ("−", "⋅", "⇒": code writes ASCII)
# or a TeX command, and, where it has neither, by its names: code names things in words
# ("console", "SELECT", "unnest"), a formula in letters ("( M , c x ) = R ( M , x )"). It is left as it is.
_MATH = re.compile(r"[\u2190-\u22ff\u2212]|\\[a-zA-Z]{4,}")
_NAME = re.compile(r"[A-Za-z_]{4,}")
_WORD = re.compile(r"\w")
_LEADING_NAME = re.compile(r"[a-z_$][\w$]*\.?")
NAMES = 2
# The fewest lines a joined run holds, and the share of them that hold a sign.
MIN_RUN = 8
SIGNED_SHARE = 0.4


def join_code_runs(lines: list[str]) -> list[str]:
    """`lines` with each run of code tokens (see the module's docstring) joined into one line, its
    tokens parted by a space. A run opens and closes on a line with a sign: a subheading or a
    word of prose before or after the sample stays a line of its own."""
    # Every run joined holds one of `_CODE_SIGN`'s signs: most dumps hold none, and their lines are
    # not read one by one.
    if not _holds_any("\n".join(lines), _CODE_SIGNS):
        return lines
    out: list[str] = []
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and _is_fragment(lines[end]):
            end += 1
        if end == start:
            out.append(lines[start])
            start += 1
            continue
        out.extend(_joined(lines[start:end]))
        start = end
    return out


def _is_fragment(line: str) -> bool:
    """A token's line, or a blank one: a converter that keeps the text nodes' whitespace prints the
    spaces and line breaks between the tokens as lines of their own. A comment ("// true console.")
    is one of the sample's text nodes too, however many words it holds: the sample goes on after it."""
    return len(line) <= FRAGMENT_CHARS and (line.count(" ") < FRAGMENT_WORDS or line.startswith("//"))


def _joined(run: list[str]) -> list[str]:
    """The run of short lines with its code, if it is code, joined."""
    signed = [index for index, line in enumerate(run) if _SIGN.search(_COUNT.sub("", line))]
    if not signed:
        return run
    first, last = signed[0], signed[-1]
    code = [line for line in run[first : last + 1] if line]
    # An operator or a mark on a line of its own ("*", "-", "||") signs code too: a query's keywords
    # are words ("SELECT", "FROM", "AS"), and they would outnumber its brackets and commas.
    marked = len(signed) + sum(1 for line in run[first : last + 1] if line.strip() and not _SIGN.search(line) and not _WORD.search(line))
    if len(code) < MIN_RUN or marked < SIGNED_SHARE * len(code) or not any(_CODE_SIGN.search(line) for line in code):
        return run
    if any(_MATH.search(line) for line in code) or sum(len(_NAME.findall(line)) for line in code) < NAMES:
        return run
    # The statement's first words hold no sign ("var" / "content" / "= …", "console." / "log" / "(…"):
    # lower-case names just before the first sign open the sample; a capitalised heading does not.
    while first > 0 and _LEADING_NAME.fullmatch(run[first - 1]):
        first -= 1
    return [*run[:first], " ".join(line for line in run[first : last + 1] if line), *run[last + 1 :]]


# A statement's line: it ends a statement or opens or closes a block, or it is one tag of markup
# (`<head>`, `<script src="mocha.js"></script>`); a line that ends a sentence does neither.
_STATEMENT_END = re.compile(r"[;{}]\s*$|^\s*<[!/]?[A-Za-z][^<>]*>(?:.*</[A-Za-z]+>)?\s*$")
# What a sample of a few lines prints at least once, and a menu of braced names (`• {do it yourself}`) does not.
_STATEMENT_SIGN = re.compile(r"[;=]")
_STATEMENT_SIGNS = ";="
# What most lines of a sample hold, and a list of clauses ending on semicolons does not: a call, an
# assignment or comparison, a brace, a tag's bracket, a comment.
_CODE_TOKEN = re.compile(r"\w\(|[={}<>]|^\s*//")
# Prose's end, which no line of code has: a sentence's mark or a colon that introduces the sample.
_SENTENCE_END = re.compile(r"[.!?:]\s*$")
# What a line inside a sample holds though it ends no statement (`if (!target)`, `return a +`), besides
# a comment's opening (`// cow.js`, see `_in_sample`).
_INSIDE_SAMPLE = re.compile(_BRACKETS)
STATEMENT_LINE_CHARS = 120
# The fewest lines a statement run holds, and the share of them that end a statement or are a tag.
MIN_STATEMENTS = 4
STATEMENT_SHARE = 0.5


def join_statement_runs(lines: list[str]) -> list[str]:
    """`lines` with each run of a code sample's statements (see the module's docstring) joined into
    one line, parted by a space; a blank line inside a sample stays in it. The sample runs from its
    first line that ends no sentence to its last that ends a statement: the prose around it that
    names a call (`The fetch() function's arguments …`) stays a line of its own."""
    # Every sample holds one of `_STATEMENT_SIGN`'s signs (see `_is_sample`), which most dumps hold nowhere.
    if not _holds_any("\n".join(lines), _STATEMENT_SIGNS):
        return lines
    out: list[str] = []
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and _in_sample(lines[end]):
            end += 1
        if end == start:
            out.append(lines[start])
            start += 1
        else:
            out.extend(_join_statements(lines[start:end]))
            start = end
    return out


def _join_statements(lines: list[str]) -> list[str]:
    """A run of lines that may be in a sample (`_in_sample`), its sample joined: tried from each of
    its lines on until one opens a sample, as a list of bracketed counts ("* Aaron Kwok (13)") may
    run on into one. Each line is read once and counted in prefix sums, so that trying a run of a
    thousand such lines from each of them is not read a thousand times over."""
    if sum(1 for line in lines if line) < MIN_STATEMENTS:
        return lines
    nonblank = _prefix_counts(lines, bool)
    ends = _prefix_counts(lines, _STATEMENT_END.search)
    coded = _prefix_counts(lines, _CODE_TOKEN.search)
    signs = _prefix_counts(lines, _STATEMENT_SIGN.search)
    maths = _prefix_counts(lines, _MATH.search)
    # The run's last statement's end: a sample tried from any line up to it ends there.
    last_end = max((index for index, line in enumerate(lines) if _STATEMENT_END.search(line)), default=-1)
    out: list[str] = []
    start = 0
    while start < len(lines):
        while start < len(lines) and (not lines[start] or _SENTENCE_END.search(lines[start])):
            out.append(lines[start])
            start += 1
        last = last_end + 1 if last_end >= start else start
        size = nonblank[last] - nonblank[start]
        if _is_sample(size, ends[last] - ends[start], coded[last] - coded[start], signs[last] > signs[start], maths[last] > maths[start]):
            out.append(" ".join(line.strip() for line in lines[start:last] if line))
            start = last
        elif start < len(lines):
            out.append(lines[start])
            start += 1
    return out


def _prefix_counts(lines: list[str], test: Callable[[str], object]) -> list[int]:
    """How many of the lines before each index (and before the end) pass `test`."""
    return [0, *itertools.accumulate(1 if test(line) else 0 for line in lines)]


def _in_sample(line: str) -> bool:
    """Asked of every line of a dump: the comment's opening is read by `str` methods, as one pattern
    for the brackets and the comment, an alternation, is tried at each character (twice the cost)."""
    return not line or (len(line) <= STATEMENT_LINE_CHARS and (_INSIDE_SAMPLE.search(line) is not None or line.lstrip().startswith("//")))


def _holds_any(text: str, signs: str) -> bool:
    """Whether `text` holds any of `signs`: a scan for each, in C."""
    return any(sign in text for sign in signs)


def _is_sample(lines: int, ends: int, coded: int, signed: bool, formula: bool) -> bool:
    """Whether a run of `lines` (not blank) is a sample: how many of them end a statement or are a
    tag (`ends`) and hold a sign of code (`coded`), whether any holds an assignment or a statement's
    end (`signed`) or a formula's sign (`formula`)."""
    if lines < MIN_STATEMENTS or ends < STATEMENT_SHARE * lines:
        return False
    return coded >= STATEMENT_SHARE * lines and signed and not formula
