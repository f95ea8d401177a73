"""Markdown in a text dump, reduced to the text a reader of the page sees.

Converters such as html2text, markdownify and pandoc, and the "reader" endpoints of crawling
services, print a page as Markdown: links as `[text](url)`, images as `![alt](src)`, headings
with `#`, emphasis with `**`, punctuation escaped (`\\-`). Left in, every link's target becomes
words of the article (a search then finds it by the words of its menu's URLs) and the syntax hides
each line's shape (a menu of links reads as a line of brackets and slashes, not of short words).

Inline syntax and line markers are undone with patterns, line by line, rather than by a Markdown
renderer: a renderer needs well-formed Markdown and would reflow a dump that merely holds a
bracket or an asterisk; the patterns touch only what is unmistakably syntax. Links and images are
undone in any dump (plain text does not write `[text](target)`); emphasis, headings, quotes, rules
and escapes only in a dump that reads as Markdown, where a `*` or `#` is syntax, not text.
"""

from __future__ import annotations

import re

# A link's target: no spaces or parentheses, one level of balanced parentheses (Wikipedia's URLs), an optional title.
_TARGET = r"\((?:[^()\s]|\n(?=[^()\s])|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
# A target the converter left unencoded, spaces and all (a saved page's file path, a share link's
# text: `(mailto:?subject=Ferry fares rise)`): a scheme or a path, then up to the closing parenthesis
# within three lines. An image inlined as a data URI (an SVG's markup) is one of them.
_LOOSE_TARGET = r"\([ \t]*(?:[a-z][a-z0-9+.-]*:|\.{0,2}/)[^()\n]*(?:\n[^()\n]+){0,2}\n?[ \t]*\)"
# A bracket inside an image's or a link's text is escaped (`![\[QGIS main interface\]](/qgis.png)`).
_ALT = r"(?:\\.|[^\]\n\\])*"
IMAGE = re.compile(r"!\[" + _ALT + r"(?:\n" + _ALT + r"){0,2}\](?:" + _TARGET + "|" + _LOOSE_TARGET + ")")
# A link's text may run over lines, blank ones too (markdownify prints a teaser's card, heading and
# excerpt, as one link), and hold bracketed words that link nowhere (Wikipedia's `[[265]](#cite_note)`);
# a link inside it is undone first (see `_undo_links`). Bounded, so that a stray bracket does not
# take in the page after it.
_LINK_TEXT = r"(?:\\.|[^\[\]\\]|\[[^\[\]\n]*\](?!\())"
LINK = re.compile(r"\[(" + _LINK_TEXT + r"{0,600})\](?:" + _TARGET + "|" + _LOOSE_TARGET + ")")
# Links inside links (a teaser's "Read more" inside the teaser's link): undone from the inside out, this deep.
LINK_DEPTH = 3
# Links printed side by side (`[Tech](/tech)[Games](/games)`) are a menu's items: their texts stay apart.
ADJACENT_LINK = re.compile(r"\)(?=\[[^\[\]\n]*\]\()")
REFERENCE_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE)
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
# Three links or two headings make a dump Markdown, or a heading that opens it with a blank line
# after: converters print the page's headline first (a short test page, a bare article, holds no
# other mark), and plain text opens with a hash and a space only in a script's comment.
MARKDOWN_LINKS = 3
MARKDOWN_HEADINGS = 2
HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
# A heading underlined with `=` or `-` (markdownify's default, html2text's for none): the underline
# is a rule's, so only the count tells it from one.
SETEXT_HEADING = re.compile(r"^ {0,3}\S[^\n]*\n {0,3}(?:={3,}|-{3,})[ \t]*$", re.MULTILINE)
OPENING_HEADING = re.compile(r"\s*#{1,6}[ \t]+\S[^\n]*\n[ \t]*(?:\n|$)")
QUOTE = re.compile(r"^ {0,3}(?:> ?)+", re.MULTILINE)
RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|={3,}[ \t]*)$", re.MULTILINE)
# A table's rule. Blanks around an optional bar are one run up to the bar: two runs side by side
# (`[ \t]*\|?[ \t]*`) split a line of blanks in every way before failing, quadratic in its length.
TABLE_RULE = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*(?:\|[ \t]*)?$", re.MULTILINE)
# The bars at a table row's edges, with the empty cells next to them (a check mark's picture, a
# spacer): left in, a row reads as a line of bars, "RHEL | | | |", not as its words. Empty cells
# inside a row stay: a layout table flattened onto one line is cut into its blocks at them.
# A row's closing run is read only from right after its last word, and without giving back a bar
# (tried from each bar of a run of thousands inside a line, it was quadratic in the run); the blanks
# before its first bar stay, as a line's last space tells a text node's inline break.
EDGE_BARS = re.compile(r"^[ \t]*\|(?:[ \t]*\|)*[ \t]*|(?<=[^ \t|])([ \t]*)\|(?:[ \t]*\|)*+[ \t]*$", re.MULTILINE)
FENCE = re.compile(r"^ {0,3}(?:```|~~~).*$", re.MULTILINE)
# Strong emphasis may run over the lines of a paragraph, not past its end.
STRONG = re.compile(r"(\*\*|__)(?=\S)((?:.|\n(?![ \t]*\n))+?)(?<=\S)\1")
# Each alternative opens on its mark, so that the engine skips ahead to one; the look-behind (the
# character before and the mark itself) is tried only there, not at every character of the dump.
EMPHASIS = re.compile(r"\*(?<![\w*]\*)(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])|_(?<![\w_]_)(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
# A converter that spaces a closing mark from the punctuation after it (html2text: "**Host** : Xing",
# "_Bankmagazin_ , _Versicherungsmagazin_") keeps the mark a closing one; the space is not the page's.
SPACED_CLOSE = re.compile(r"(?<=[^\s*_])([*_]{1,3}) (?=[,;:](?:\s|$))", re.MULTILINE)
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def _headings(text: str) -> int:
    """How many headings `text` holds, marked with `#` or underlined; the underlined ones are counted
    only where the marked ones are too few, as their pattern reads every line of the dump."""
    marked = len(HEADING.findall(text))
    return marked if marked >= MARKDOWN_HEADINGS else marked + len(SETEXT_HEADING.findall(text))


def unmark(text: str) -> str:
    """The dump with Markdown's links and images reduced to their text (images dropped), and, where
    the dump reads as Markdown, its emphasis, headings' and quotes' marks, rules and escapes too."""
    if "](" not in text and "][" not in text and "#" not in text and "---" not in text and "===" not in text:
        return text
    printed = text
    text = ADJACENT_LINK.sub(") ", IMAGE.sub("", text))
    text, links = _undo_links(text)
    text, references = REFERENCE_LINK.subn(r"\1", text)
    if links + references < MARKDOWN_LINKS and _headings(printed) < MARKDOWN_HEADINGS and not OPENING_HEADING.match(text):
        return text
    text = REFERENCE_DEFINITION.sub("", text)
    text = AUTOLINK.sub(r"\1", text)
    tables = TABLE_RULE.search(text) is not None
    for pattern in (RULE, TABLE_RULE, FENCE):
        text = pattern.sub("", text)
    if tables:
        text = EDGE_BARS.sub(r"\1", text)
    text = HEADING.sub(r"\1", text)
    text = QUOTE.sub("", text)
    text = SPACED_CLOSE.sub(r"\1", text)
    text = STRONG.sub(r"\2", text)
    text = EMPHASIS.sub(lambda match: match.group(1) or match.group(2), text)
    return ESCAPE.sub(r"\1", text)


def _undo_links(text: str) -> tuple[str, int]:
    """`text` with its links reduced to their text, and how many there were."""
    total = 0
    for _ in range(LINK_DEPTH):
        text, links = LINK.subn(r"\1", text)
        total += links
        if not links:
            break
    return text, total
