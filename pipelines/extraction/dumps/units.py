"""Units of a plain-text dump, about a paragraph each, whatever the converter's layout.

A dump's lines are not the page's blocks: one converter puts the whole page on one line, another
breaks every link onto its own line, a third wraps paragraphs at a fixed width. `split_units`
first undoes fixed-width wrapping (on the dump as printed, its links' targets and all), reduces
Markdown to its text (see `markdown`), joins lines broken at links (see `inline_breaks`) and code
samples printed a token a line (see `code_runs`), drops the page's scripts and stylesheets a naive
converter printed (see `page_code`), then cuts a line that holds the whole page where its blocks
ended (see `block_breaks`), where HTML tags leaked into it (see `leaked_markup`) and around the
interface's labels glued into it ("Share this article", "Lesen Sie auch"), and very long lines into
sentences, so that every converter's output becomes units of about a paragraph or less.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pipelines.extraction.dates.written import MONTH_AFTER_DAY
from pipelines.extraction.dumps import block_breaks
from pipelines.extraction.dumps.code_runs import join_code_runs, join_statement_runs
from pipelines.extraction.dumps.grid_tables import ungrid
from pipelines.extraction.dumps.inline_breaks import join_inline_breaks
from pipelines.extraction.dumps.leaked_markup import join_cut_tags, mend_cut_tags, split_at_leaked_tags
from pipelines.extraction.dumps.lines import BYLINE_WORDS, LIST_MARKER, TERMINAL
from pipelines.extraction.dumps.link_numbers import MARKER, unlisted
from pipelines.extraction.dumps.markdown import unmark
from pipelines.extraction.dumps.name_lists import holds_menu_run
from pipelines.extraction.dumps.page_code import without_page_code
from pipelines.extraction.dumps.photo_credits import split_at_credits
from pipelines.extraction.dumps.reading_times import may_hold_reading_time, split_at_reading_times
from pipelines.extraction.dumps.sentence_cuts import cut_after_marks
from pipelines.extraction.dumps.stamp_breaks import split_after_stamps
from pipelines.extraction.dumps.widgets import without_widgets
from pipelines.extraction.dumps.wrap_reach import COLUMNS, Measure, columns, measures, reach
from pipelines.extraction.furniture_phrases import label_openers, may_hold_advertisement, split_at_advertisements, split_at_labels
from pipelines.extraction.normalize import clean_line
from pipelines.extraction.scripts import break_joint

# A paragraph is rarely longer; a longer line is a converter's flattening of many blocks.
LONG_LINE = 1000
# A fixed-width wrap is at least this wide (a narrower "width" is a column of short lines, or CJK
# text, which wraps without spaces) and at most this wide; a few of its lines run far over it.
MIN_WRAP_WIDTH = 40
MAX_WRAP_WIDTH = 160
OVERLONG_SHARE = 0.05
# A word this long is a link's or an image's target, or a path: a wrap leaves it whole, over the width.
UNBROKEN_WORD = 40
# Lines that end near the width, as a share of the lines of half the width or more. A terminal
# browser (w3m, links, lynx at 80 columns) prints many such lines a wrap did not make (headings,
# menu items and teasers a line each, a paragraph's last line): at 0.6 one dump in five by each of
# them was left wrapped, its paragraphs read a line at a time.
NEAR_SHARE = 0.4
# A line "near" the width ends this close to it.
NEAR_WIDTH = 15
# The share of a wrapped dump's breaks after a line near the width where the next word would have
# fitted on it: a paragraph's end before a line of its own with no blank line between (a heading, a
# caption). Real wraps: a tenth or less in most browser dumps; a dump broken at tags: over half.
FITTED_SHARE = 0.4
_WRAPPED_HYPHEN = re.compile(r"\w-$")
# A line opening on one of these continues the line before it.
_CONTINUING = frozenset(",.;:)]!?")
# A line ending on an opening bracket or quote, or a line opening on an apostrophe's ending ("'s",
# "’re") or a closing quote (before a space or a mark: an opening one stands before its word), was
# broken at a link inside the sentence: "Phil Connors (" / "Bill Murray) is forced …", "Claire Denis"
# / "'s graduation work", "the story \"" / "12:01 PM" / "\" by …". A straight quote opens or closes:
# only one the text before leaves unpaired does either here.
_OPENED = re.compile(r"(?:^|\s)[(\[“‘„«\"]$")
_CLOSING = re.compile(r"['’][a-z]{1,2}\b|[\"”](?:$|[\s,.;:!?)])")
# A sentence left open may end on these besides a letter or a digit (a comma, a closing bracket or quote).
_OPEN_END = frozenset(",)'\"”’")
# A sentence's last mark (or a colon, before a list or a quote) at a line's end, closing quotes or brackets after it;
# a bracket alone closes a tag ("north atlantic treaty organization (nato)"), not a sentence.
_SENTENCE_CLOSE = re.compile(r"[.!?…。！？:][\"”’»)\]]*$")
# A converter that prints each text node stripped on a line of its own (`get_text("\n", strip=True)`)
# prints no blank line (fewer than this share of its lines: 489 of its 506 dev dumps; one line
# per block, 503; each other layout, 7 at most), and it prints a sentence's mark after a link at
# the start of a line (`standards` / `.`), which one that prints blocks rarely does: both, with
# two such lines or more, in 277 of its dumps, 7 printed one line per block, 3 by `get_text("\n")`
# and none by the other ten converters (html2txt and inscriptis included).
BARE_SHARE = 0.01
MIN_MARKS_AFTER_LINKS = 2
# Words that leave a sentence open, in the languages the dumps are mostly in: an article, a
# conjunction or a preposition ends no heading, no label and no menu's item, so the line after one
# goes on with the sentence whatever it opens with (`the` / `4th generation.`, `von` / `Dr. Anna Berg`).
_OPEN_WORDS = frozenset(
    {"the", "a", "an", "of", "to", "with", "from", "and", "or"}  # English
    | {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines"}  # German
    | {"und", "oder", "mit", "von", "zu"}
    | {"le", "la", "les", "un", "une", "du", "et"}  # French
    | {"el", "los", "las", "una", "del", "y"}  # Spanish
    | {"il", "lo", "gli", "di"}  # Italian
)
# A link right after an opening bracket or quote that follows a space (`BD cultes (` / `V pour
# Vendetta`) is inside the sentence; a bracket alone on a line is a code sample's token.
_OPENING = frozenset("([“‘„«")
# A capitalised line inside a sentence broken at its links has at most this many words (a link's text, a name).
LINK_WORDS = 4
# A byline in lower case ("by Ahiza Garcia @ahiza_garcia February 1, 2016") opens a line of its own
# under the headline: joined to it, the headline reads on into the author's name.
_BYLINE = re.compile(rf"(?:{'|'.join(BYLINE_WORDS)})\s+(?=\w)")
# The share of a dump's characters a long line holds when the converter put the whole page on it.
FLAT_SHARE = 0.5
# A month's abbreviation before a day or a year ("Dec. 6, 2024", "Sept. 25, 2018", "01. Dez. 2022")
# is not a sentence's end: cut there, a date would lose its month. Other abbreviations stay cuts (a
# title before a name, "Mr. Smith", is language-specific and left to the line model's neighbours).
_MONTH_ABBREVIATIONS = "Jan|Feb|Mar|Mär|Mrz|Apr|Jun|Jul|Aug|Sep|Oct|Okt|Nov|Dec|Dez"
_MONTH_BEFORE_DAY = rf"(?!(?:(?<=\b(?:{_MONTH_ABBREVIATIONS})\.)|(?<=\bSept\.))\s+\d)"
# Nor is a day's ordinal before a month's name ("04. Dezember 2022", "01. Dez. 2022 | 14:08 Uhr").
_DAY_BEFORE_MONTH = rf"(?!(?:(?<=(?<![\d.])\d\.)|(?<=(?<![\d.])[0-3]\d\.))\s+{MONTH_AFTER_DAY})"
# Nor is the mark of an abbreviation that a number or a name follows in running text ("Pressemitteilung
# Nr. 48/22", "§ 7 Abs. 4", "bzw. Sonntag"): cut there, the article's sentence falls into two units
# and the model drops the one left without a verb. Only abbreviations that never end a sentence:
# a title before a name ("Dr.") or "ca." also do in captions and price lines, and keeping them moved
# menus and product details onto the article's units on the dev dumps.
_NOT_ABBREVIATION = r"(?<!\bNr\.)(?<!\b(?:Abs|bzw)\.)"
SENTENCE_END = re.compile(
    _NOT_ABBREVIATION + _MONTH_BEFORE_DAY + _DAY_BEFORE_MONTH + r"(?<=[.!?…。！？])[\"”’»)\]]*\s+(?=[\"“„«(\[]?(?:[^\W\d_a-z]|\d))"
)
# A list's item as converters open it: a bullet symbol or a number, then a space.
LIST_ITEM = re.compile(rf"^{LIST_MARKER}\s")
URLISH = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|html?|php|aspx?)\b", re.IGNORECASE)
# SENTENCE_END's matches with the sentence's last mark taken in: they start one character earlier, in
# the same unit, and the engine skips ahead to the mark instead of trying the look-behind everywhere
# (which takes the pattern opening on the mark: the month's test comes after it, as in SENTENCE_END).
SENTENCE_MARK = re.compile(
    rf"[.!?…。！？]{_NOT_ABBREVIATION}{_MONTH_BEFORE_DAY}{_DAY_BEFORE_MONTH}[\"”’»)\]]*\s+(?=[\"“„«(\[]?(?:[^\W\d_a-z]|\d))"
)


@dataclass(slots=True)
class Unit:
    text: str
    source: int
    """The paragraph the unit belongs to: an (unwrapped) dump line, or a block of a flattened one."""
    blank_before: bool
    flat: bool = False
    """Cut from a line that held the whole page (see `block_breaks`): its edges are guesses."""
    glued: bool = False
    """Flat, and a block cut, not a sentence end, parts it from the unit before."""


def _wrap_width(lines: list[str], measure: Measure = COLUMNS) -> int | None:
    """The column a converter wrapped the dump at, when it did (most long lines end just before it).

    Read on the dump as the converter printed it (`lines` right-stripped), Markdown and all: its
    widths are the converter's. Only lines of running text are measured: a converter leaves a list's
    items and a word longer than the width (a URL, a link's target) on lines of their own, however long
    (html2text does both), so a few lines may run far over it."""
    text = [line for line in lines if _runs_on(words := line.strip()) and not LIST_ITEM.match(words)]
    # The width is read off the lines a wrap could have kept within it: one that a link's target
    # opens runs over it, and, on a dump whose menus and teasers link to long addresses, such lines
    # would set the percentile past the width or count as the overlong lines of an unwrapped dump.
    measured = [(line, measure.line(line)) for line in text]
    lengths = [length for line, length in measured if not _unwrappable(line)]
    if len(lengths) < 5:
        return None
    width = sorted(lengths)[int(0.95 * (len(lengths) - 1))]
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH or sum(1 for n in lengths if n > width * 1.5) > OVERLONG_SHARE * len(lengths):
        return None
    # Near the wrap's last column, not the percentile's: on a short dump the lines that fill the
    # last column may all be past the percentile.
    edge = reach(lengths, width)
    long = sum(1 for _, length in measured if length >= width / 2)
    near = [line for line, length in measured if edge - NEAR_WIDTH <= length <= edge]
    # Wrapping breaks lines mid-sentence; lines of similar length that each end a sentence are
    # one paragraph per line.
    open_ended = sum(1 for line in near if not line.endswith(TERMINAL))
    if len(near) < 5 or len(near) < NEAR_SHARE * long or open_ended < 0.5 * len(near):
        return None
    return edge if _breaks_where_full(lines, width, measure) else None


def _unwrappable(line: str) -> bool:
    """Whether a line may run over the width whatever the wrap: it is a table's row (Markdown
    converters print one a line), or it opens on a word longer than a wrap could fit (a link's or
    an image's target, which a converter leaves whole and moves to a line of its own). Such a word
    inside a line of running text is a converter's unwrapped paragraph's, whose length tells."""
    first = line.lstrip().split(" ", 1)[0]
    # Chinese or Japanese text, written without spaces, is one long word a wrap breaks anywhere.
    return " | " in line or (len(first) > UNBROKEN_WORD and columns(first) == len(first))


def _runs_on(words: str) -> bool:
    """Whether a line holds running text: words apart, or Chinese or Japanese, written without spaces."""
    return " " in words or (not words.isascii() and columns(words) > len(words))


def _breaks_where_full(lines: list[str], width: int, measure: Measure) -> bool:
    """Whether the lines that end near `width` and go on on the next line mostly break where the next
    word would not have fitted, as a wrap breaks them: lines broken at a converter's tags (a text
    node a line) that end near a width by chance break where it would have."""
    return _fitted_share(lines, width, measure) <= FITTED_SHARE


def _fitted_share(lines: list[str], width: int, measure: Measure) -> float:
    """The share of the breaks after a line near `width` where the next word would have fitted on it."""
    fitted = wrapped = 0
    for line, after in itertools.pairwise(lines):
        words = after.lstrip()
        if not words or not width - NEAR_WIDTH <= measure.line(line) <= width or LIST_ITEM.match(words):
            continue
        if measure.line(line) + 1 + measure.piece(words) <= width:
            fitted += 1
        else:
            wrapped += 1
    return fitted / (fitted + wrapped) if fitted + wrapped else 0.0


def _unwrap(lines: list[str]) -> list[str]:
    """Join lines a fixed-width wrap broke: a break is a wrap when the next word would not have
    fitted on a line that did fit. A break after a hyphen joins without a space: a wrap breaks a
    hyphenated word ("well-" / "known") or a link's target ("manhole-" / "fires-force") there; so
    does one inside Chinese or Japanese text (`scripts.break_joint`)."""
    trimmed = [line.rstrip() for line in lines]
    # Where a wrap is found in columns and in characters (Chinese text with Latin words in it), the
    # measure it was counted in is the one whose full lines break where the next word would not fit.
    found = [(width, measure) for measure in measures(trimmed) if (width := _wrap_width(trimmed, measure)) is not None]
    if not found:
        return lines
    # Most dumps are measured one way only, and their breaks need not be read again to choose it.
    width, measure = found[0] if len(found) == 1 else min(found, key=lambda candidate: _fitted_share(trimmed, *candidate))
    out: list[str] = []
    # The line being joined, held apart from `out` so that CPython extends it in place (a string
    # only one name holds): a report wrapped into one paragraph of thousands of lines is joined in
    # linear time, not copied at every line. Its hyphen is looked for at its end only, for the same reason.
    current: str | None = None
    # The last printed line of `current`: the one the next word would have had to fit on.
    last = ""
    for line, printed in zip(lines, trimmed, strict=True):
        words = printed.lstrip()
        if (
            current is not None
            and words
            and last
            and width >= measure.line(last) > width - measure.piece(words) - 1
            and not LIST_ITEM.match(words)
        ):
            current = current.rstrip()
            current += "" if _WRAPPED_HYPHEN.search(current, max(0, len(current) - 2)) else break_joint(current, words)
            current += words
        else:
            if current is not None:
                out.append(current)
            # Unjoined, a line keeps its spaces at the end: they tell a break at a link (`inline_breaks`).
            current = line
        last = printed
    if current is not None:
        out.append(current)
    return out


def _rejoin(lines: list[str]) -> list[str]:
    """Lines joined back where a converter broke a sentence at an inline tag (a link, a bold word):
    after a line that does not end a sentence, a line opening on a comma or a closing mark continues
    it, and so does running text opening in lower case after running text that ends in a lower-case
    letter (three words or more each: a locale, a date, a tag list or a URL does not)."""
    out: list[str] = []
    # The line being joined, extended in place as in `_unwrap`, and whether it leaves a straight
    # quote open (counted line by line, not over the joined text at each line).
    current: str | None = None
    open_quote = False
    for line in lines:
        if current and line and _broken_at_link(current, line, open_quote):
            current += line
        elif current and line and _continues(current, line):
            current += ("" if line[0] in _CONTINUING else " ") + line
        else:
            if current is not None:
                out.append(current)
            current = line
            open_quote = False
        open_quote ^= line.count('"') % 2 == 1
    if current is not None:
        out.append(current)
    return out


def _join_sentence_runs(lines: list[str]) -> list[str]:
    """Runs of lines joined back where a converter that strips the text nodes' spaces
    (BeautifulSoup's `get_text("\\n", strip=True)`) broke a sentence at every link and every
    bold word: `Python allows you to specify that an argument is` / `optional` / `by providing a` /
    `default value` / `for it. While ...`. Neither a space nor a wrap width is left to tell such a
    break, so a run is read by its shape: each line opens in lower case where the one before left
    off mid-sentence (or is a link's few capitalised words between two such lines), and the run is
    joined only up to a line that ends a sentence or holds a sentence's end: a menu of lower-case
    items ("heise Autos" / "heise Developer") never gets there and stays apart. In a dump of stripped
    text nodes (see `BARE_SHARE`) a run also goes on after an article or a preposition and after an
    opening bracket, and ends on a capitalised line (see `_closes_run`)."""
    out: list[str] = []
    bare = _stripped_nodes(lines)
    start = 0
    while start < len(lines):
        end = start
        at = start
        while at + 1 < len(lines) and _carries_on(lines[at], lines[at + 1], lines[at + 2] if at + 2 < len(lines) else "", bare):
            at += 1
            if _SENTENCE_CLOSE.search(lines[at]) or SENTENCE_MARK.search(lines[at]):
                end = at
        if bare and end < at < len(lines) - 1 and _closes_run(lines[start], lines[at], lines[at + 1]):
            at = end = at + 1
        joined = lines[start]
        for line in lines[start + 1 : end + 1]:
            joined += ("" if line[0] in _CONTINUING or joined[-1] in _OPENING else " ") + line
        out.append(joined)
        # A run from any later line of the chain reaches the same `at` and finds no sentence end
        # after `end`: those lines stay apart. Skipping them keeps a dump of thousands of lower-case
        # lines (a page of links) linear instead of rescanning the chain from each of its lines.
        out.extend(lines[end + 1 : at + 1])
        start = at + 1
    return out


def _stripped_nodes(lines: list[str]) -> bool:
    """Whether `lines` are a dump of stripped text nodes (see `BARE_SHARE`)."""
    if lines.count("") >= BARE_SHARE * len(lines):
        return False
    marks = 0
    for before, line in itertools.pairwise(lines):
        if line[:1] in _CONTINUING and before[-1:].isalnum():
            marks += 1
            if marks >= MIN_MARKS_AFTER_LINKS:
                return True
    return False


def _closes_run(first: str, before: str, line: str) -> bool:
    """Whether `line`, capitalised, ends the sentence a run from `first` (running text of five words
    or more) left open at `before`, a few words in lower case: `Bei der Mandatierung … dass` /
    `fachliche Erfahrung` / `und` / `menschliche Kompetenz` / `Hand in Hand gehen. Anders …`.
    Only a line that ends a sentence or holds a sentence's end does: a heading or a menu's
    item after a run that stopped short (`get our newsletter` / `Contact us`) stays apart."""
    return (
        first.count(" ") >= LINK_WORDS
        and before[0].islower()
        and before[-1].isalpha()
        and before.count(" ") < LINK_WORDS
        and line[:1].isupper()
        and (line.endswith(TERMINAL) or SENTENCE_MARK.search(line) is not None)
    )


def _carries_on(before: str, line: str, after: str, bare: bool = False) -> bool:
    """Whether `line` may go on with the sentence `before` left open (`after`: the line that follows
    it; `bare`: the dump is one of stripped text nodes, see `BARE_SHARE`). Called for nearly every line of
    every dump: the characters at the edges are read first, and the patterns only where they leave
    the answer open."""
    if not before or not line:
        return False
    last = before[-1]
    if bare and last in _OPENING and before[-2:-1].isspace():
        return True
    # Ending on a letter or a digit, or on a comma, the line closes no sentence.
    if not last.isalnum() and (last not in _OPEN_END or _SENTENCE_CLOSE.search(before)):
        return False
    first = line[0]
    if bare and last.isalpha() and before[before.rfind(" ") + 1 :].lower() in _OPEN_WORDS:
        return not _opens_byline(line) and not URLISH.match(line)
    # A link's or a name's capitalised words inside the sentence: the sentence goes on in lower case after them.
    if not (first.islower() or first in _CONTINUING) and not (
        first.isupper()
        and after
        and (after[0].islower() or after[0] in _CONTINUING)
        and line.count(" ") < LINK_WORDS
        and not line.endswith(TERMINAL)
    ):
        return False
    return not _opens_byline(line) and not URLISH.match(line)


def _broken_at_link(before: str, line: str, open_quote: bool) -> bool:
    """Whether `line` goes on with `before` across a link that opens after a bracket or quote, or is
    followed by an apostrophe's ending or a closing quote, with no space at the break (see `_OPENED`;
    `open_quote`: `before` leaves a straight quote open)."""
    # A straight quote opens or closes: which one it does matters only when the edge is one.
    if _OPENED.search(before[-2:]) is not None and (before[-1] != '"' or open_quote):
        return True
    return _CLOSING.match(line) is not None and (line[0] != '"' or open_quote)


def _continues(before: str, line: str) -> bool:
    if before.endswith(TERMINAL) or _opens_byline(line):
        return False
    if line[0] in _CONTINUING:
        return True
    return line[0].islower() and before[-1].islower() and line.count(" ") >= 2 and _two_spaces(before) and not URLISH.match(line)


def _two_spaces(text: str) -> bool:
    """Whether `text` holds two spaces or more, found from its start: `text` may be a paragraph
    joined from thousands of lines, which counting every space at each line would read again."""
    return text.find(" ", text.find(" ") + 1) > 0


def _opens_byline(line: str) -> bool:
    """A line of its own that opens with the word for "by" and a capitalised name, and ends no sentence."""
    by = _BYLINE.match(line)
    return by is not None and line[by.end()].isupper() and not line.endswith(TERMINAL)


def split_units(text: str) -> list[Unit]:
    # Tables drawn with rules cut into their cells (`grid_tables`), then unwrapped on the dump as printed (its widths are the converter's), a terminal browser's pictures'
    # placeholders and form controls taken out (`widgets`), then its Markdown reduced to
    # text, then the lines broken at links joined: `inline_breaks` reads the spaces before cleaning,
    # `_join_sentence_runs` the sentences a converter that left no spaces broke, `join_code_runs` and
    # `join_statement_runs` its code samples; `join_cut_tags` the leaked tags a wrap broke; and the page's own scripts and
    # styles a naive converter printed are dropped (`page_code`).
    listed, numbered = unlisted(ungrid(text))
    unwrapped = _unwrap(listed.splitlines())
    printed = "\n".join(without_widgets([MARKER.sub("", line) for line in unwrapped] if numbered else unwrapped))
    cleaned = [clean_line(raw) for raw in join_inline_breaks(unmark(printed).splitlines())]
    lines = without_page_code(join_cut_tags(_rejoin(join_statement_runs(join_code_runs(_join_sentence_runs(cleaned))))))
    total = sum(map(len, lines))
    units: list[Unit] = []
    blank = False
    source = 0
    for line in lines:
        if not line:
            blank = True
            continue
        long = len(line) > LONG_LINE
        # Only a line that holds most of the dump is a flattened page; a long line among others is a long paragraph.
        # A short page flattened onto one line is one too where the line prints a menu bar: read as one
        # unit, its menu and footer went with the article (a single paragraph prints no menu).
        flat = len(line) > FLAT_SHARE * total and (long or holds_menu_run(line))
        long = long or flat
        first = True
        # The interface's labels are looked for in any long line: a converter that glues blocks
        # without a break (BeautifulSoup's `get_text()`) prints a "Read more: …" teaser inside a paragraph.
        # A long line's words are split once for both readers of them (a flattened page's line is the whole page).
        words = line.split() if long else []
        openers = label_openers(line, words) if long else frozenset()
        for block in mend_cut_tags(block_breaks.split_blocks(line, words)) if flat else [line]:
            for segment in _segments(block, openers, long):
                opening = True
                for piece in _sentences(segment) if long else [segment]:
                    piece = piece.strip()
                    if piece:
                        # Whether a sentence ends between the two units: `SENTENCE_END` is found
                        # wherever `SENTENCE_MARK` is, and the pattern opening on the mark is cheaper.
                        glued = flat and opening and not first and not SENTENCE_MARK.search(f"{units[-1].text[-4:]} {piece[:2]}")
                        units.append(Unit(piece, source, blank and first, flat, glued))
                        first = opening = False
                source += flat
        source += not flat
        blank = False
    return units


def _segments(block: str, openers: frozenset[str], long: bool) -> list[str]:
    """`block` cut where HTML tags leaked into it (see `leaked_markup`) and, in a `long` line, around
    the reading times printed in it (see `reading_times`), the pictures' credits (`photo_credits`),
    the advertisements' labels after a sentence (`furniture_phrases.split_at_advertisements`), after
    a byline's date and clock time glued before the lede (`stamp_breaks`) and the
    interface's labels glued into it (see `furniture_phrases.split_at_labels`; `openers`: the labels'
    first words the line holds): where any stands, a block of the page ended. A line of its own that prints a date and a reading
    time ("Last updated on 20 Feb, 2020. 3 min read") is left whole: the date alone would read as a
    timestamp line, and a teaser's timestamp would then be taken for the article's."""
    segments = split_at_leaked_tags(block)
    if not long:
        return segments
    segments = [piece for segment in segments for piece in _furniture_cuts(segment)]
    return [piece for segment in segments for piece in split_at_labels(segment, openers)] if openers else segments


def _furniture_cuts(segment: str) -> list[str]:
    """`segment` cut around the reading times, credits and advertisements' labels printed in it, and
    after its stamps (see `_segments`). Each of them holds a mark: a reading time "min", a credit a
    colon or "©", a stamp a colon's clock, an advertisement its label. Most of a flattened page's
    blocks hold none, and are left whole without asking each cut (four calls and their lists a block)."""
    if ":" not in segment and "©" not in segment and not may_hold_reading_time(segment) and not may_hold_advertisement(segment):
        return [segment]
    pieces = [segment]
    for split in (split_at_reading_times, split_at_credits, split_at_advertisements, split_after_stamps):
        pieces = [cut for piece in pieces for cut in split(piece)]
    return pieces


def _sentences(block: str) -> list[str]:
    """`SENTENCE_END.split(block)`: the block cut where `SENTENCE_MARK` finds a sentence's end, one
    character into its match (the mark stays with its sentence). Found by the pattern that opens on
    the mark, which the regex engine skips ahead to, instead of trying SENTENCE_END's look-behind at
    every character (five times cheaper)."""
    return cut_after_marks(SENTENCE_MARK, block)
