"""Mojibake undone: text whose UTF-8 bytes were once read in a single-byte charset ("FundacjÄ™"
for "Fundację", "MÃ¤scot" for "Mäscot"), as a scraper saving a dump or a server misdeclaring its
charset leaves it. The words are no longer the article's words: no search finds them and the
line model reads them as noise. ftfy tells mojibake from real text and reverses it; this module
only decides where it is worth asking. Text in a Central European code page read in a Western one
("zag³osowa³"), which ftfy does not reverse, is read back by `code_pages`."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import ftfy
import ftfy.bad_codecs  # registers the "sloppy-" codecs `_reversed` encodes with

from foundation.records import SourceHints
from pipelines.extraction.code_pages import repair_code_page

# A UTF-8 lead byte (C2–F4) read as Latin-1 or cp1252, then a continuation byte (80–BF) read the
# same way: every mojibake of a non-ASCII letter opens so. ftfy's own badness check costs sixty
# times more on the dev dumps; this one passes most real text at once and leaves the verdict to ftfy.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_SIGNATURE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{re.escape(_CP1252_HIGH)}]")
# The steps that reverse a wrong decoding, without the explanation ftfy writes by default. Where
# the text holds C1 controls, ftfy reads them as cp1252, the likeliest charset: a page in another
# code page keeps wrong letters ("Wiadomo\x9cci", cp1250's "Wiadomości", becomes "Wiadomoœci"),
# which `code_pages` then reads back where the text shows its code page.
_QUIET = ftfy.TextFixerConfig(explain=False)
# This many broken pairs, with every other character of the text reversing to valid UTF-8 with
# them, make the whole text mojibake: sound text with accents never reverses so (its "ä" is no
# lead byte before two continuation bytes). One or two pairs may be real ("NESTLÉ®" reverses to
# "NESTLɮ"), and ftfy judges them.
WHOLE_TEXT_PAIRS = 3
# ftfy's judgment reads a line at about a millisecond per thousand characters: a longer line (a
# minified page) with fewer pairs than `WHOLE_TEXT_PAIRS` is left as it is.
LINE_CHARS = 20_000


def repair_mojibake(text: str) -> str | None:
    """The text with its mojibake undone, or None where it holds none: UTF-8 read in a single-byte
    charset (`_repaired_utf8`), then a Central European code page read in a Western one
    (`code_pages.repair_code_page`)."""
    if text.isascii():
        return None
    utf8 = _repaired_utf8(text)
    return repair_code_page(utf8 or text) or utf8


def _repaired_utf8(text: str) -> str | None:
    """The text with its UTF-8 mojibake undone, or None where it holds none: the whole text at once
    where it all reverses (a dump saved, or a page served, in the wrong charset), else line by line
    as ftfy judges each (a header from one system, an article body from another). ftfy's judgment
    of the whole text would cost as much as extracting it, and it passes a sentence with only a few
    broken letters ("sprzeciwiajÄ… siÄ™")."""
    pairs = sum(1 for _ in itertools.islice(_SIGNATURE.finditer(text), WHOLE_TEXT_PAIRS))
    if pairs == 0:
        return None
    if pairs == WHOLE_TEXT_PAIRS:
        whole = _reversed(text)
        if whole is not None:
            # Mojibake of mojibake (a text broken twice) is undone once more.
            return _repaired_utf8(whole) or whole
    # Split on "\n" only: `splitlines` would also split at U+0085, which is cp1252's "…" byte read
    # as Latin-1, and so in the middle of mojibake.
    repaired = "\n".join(_repaired_line(line) for line in text.split("\n"))
    return repaired if repaired != text else None


def _reversed(text: str) -> str | None:
    """The text's characters as cp1252 bytes (Latin-1's C1 controls kept, as ftfy's sloppy codec
    keeps them) read as UTF-8, if they are UTF-8."""
    try:
        return text.encode("sloppy-windows-1252").decode("utf-8")
    except UnicodeError:
        return None


def _repaired_line(line: str) -> str:
    if len(line) > LINE_CHARS or _SIGNATURE.search(line) is None:
        return line
    return ftfy.fix_encoding(line, _QUIET)


def repaired_hints(hints: SourceHints) -> SourceHints:
    """`hints` with the mojibake of their texts undone (the same object where they hold none): a
    feed's titles, summaries and authors are broken the way documents are, and stand in for the
    page's where it has none, or are the whole article of a feed-only entry."""
    title, summary = _repaired(hints.title), _repaired(hints.summary)
    authors = tuple(_repaired(author) or author for author in hints.authors)
    tags = tuple(_repaired(tag) or tag for tag in hints.tags)
    if title is None and summary is None and authors == hints.authors and tags == hints.tags:
        return hints
    return replace(hints, title=title or hints.title, summary=summary or hints.summary, authors=authors, tags=tags)


def _repaired(text: str | None) -> str | None:
    return repair_mojibake(text) if text else None
