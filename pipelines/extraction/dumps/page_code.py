"""The page's own scripts, stylesheets and metadata, printed as text by a naive converter.

lxml's `text_content()`, a regular expression that strips tags, and converters like them print the
contents of `<script>`, `<style>` and JSON-LD blocks with the page's text: a news page's dump then
opens with a hundred lines of CSS rules and closes with its analytics code, and its schema.org
record holds the headline in quotes (`,"headline": "Obama admits …"`). Those lines are the page's
machinery, never its article, and the line model, which never saw them, kept many
(`without_page_code` drops them). An article's own code samples read differently, and a
converter that leaves the page's code out prints at most a few lines of that shape: only a dump
that holds `MIN_LINES` of them, or the page's schema.org record, is read as one that printed it.
"""

from __future__ import annotations

import re

# A member of a JSON record with a JSON value (`"@type": "Article"`, `,"image": {`); a list item
# opening with a quoted word and a colon before prose ("basic": normal, …) is no record's.
_JSON_MEMBER = re.compile(r'^[{}\[\],\s]*"[@\w$.:-]{1,40}"\s*:\s*(?:"|\{|\[|-?\d|true\b|false\b|null\b)')
# A record's brackets on lines of their own (`{`, `},`, `]`).
_BRACKETS = re.compile(r"[{}\[\],\s]+")
# The page's schema.org record, which only a converter printing its scripts prints.
_SCHEMA_ORG = re.compile(r'"@context"\s*:\s*"https?://schema\.org')
# A stylesheet's rule: a selector, a brace, a property and its value (`.svg-icon--rss { background-image: …`).
# A compound selector is a tag, class or id, then classes, ids, pseudo-classes and attributes, each
# opening on a sign of its own, and compounds are parted by a combinator or a space: the pattern
# never tries a word two ways.
_COMPOUND = r"(?:\*|[.#]?[\w-]+)(?:[.#][\w-]+|:{1,2}[\w-]+(?:\([^()]*\))?|\[[^\]]*\])*"
_CSS_RULE = re.compile(rf"^@?{_COMPOUND}(?:(?:\s*[>+~,]\s*|\s+){_COMPOUND})*\s*\{{\s*[\w-]+\s*:\s*[^;{{}}\s]")
# A stylesheet's at-rule around its rules (`@media screen and (max-width: 600px) { .sidebar {`).
_AT_RULE = re.compile(r"^@(?:media|supports|font-face|keyframes|-webkit-keyframes|import|charset|page)\b[^{}]{0,160}[{;]")
# What only a page's scripts print: character-data fences, writes into the document, assignments
# to the window's globals, and minified functions (`function(){` without a space). Looked for at a
# line's start only: a flattened page's line holds its whole text.
_SCRIPT = re.compile(r"<!\[CDATA\[|\]\]>|document\.write\(|\bwindow\.[\w$]+\s*=[^=]|function\(\w*(?:,\w+)*\)\{")
SCRIPT_SPAN = 200
# What each of `_SCRIPT`'s alternatives opens on (`\bwindow\.` past its boundary).
_SCRIPT_HINTS = ("<![CDATA[", "]]>", "document.write(", "window.", "function(")
# Every shape above holds one of these: most lines of prose are spared the patterns. One search of
# the set, in C, where asking a set of them for each character of a line cost twice as much.
_SIGN = re.compile(r'[{}\[\]("=;]')
# The fewest lines of page code that show the converter printed the page's scripts and styles.
MIN_LINES = 5


def without_page_code(lines: list[str]) -> list[str]:
    """`lines` without the page's scripts, stylesheets and JSON records, where the dump holds them."""
    # Each shape `_is_code` reads holds a brace, an "@" (a record's context, an at-rule) or a
    # script's hint in a line's first characters: most dumps hold none anywhere, and their lines are
    # not read one by one.
    text = "\n".join(lines)
    if "{" not in text and "@" not in text and not _script_hinted(lines):
        return lines
    records = any(_SCHEMA_ORG.search(line) for line in lines if '"@context"' in line)
    code = {index for index, line in enumerate(lines) if _is_code(line, records)}
    if len(code) < MIN_LINES and not records:
        return lines
    return [line for index, line in enumerate(lines) if index not in code]


def _script_hinted(lines: list[str]) -> bool:
    """Whether a script's hint stands in the first `SCRIPT_SPAN` characters of any of `lines`, where `_is_code` looks."""
    heads = "\n".join(line[:SCRIPT_SPAN] for line in lines)
    return any(hint in heads for hint in _SCRIPT_HINTS)


def _is_code(line: str, records: bool) -> bool:
    """Asked of every line of a dump. Each pattern is tried only where the line holds what it must
    (a rule's brace, an at-rule's "@" first, a script's words): a selector's pattern reads a line of
    prose word by word up to its first mark before it fails, and the script's alternatives, opening on
    no one character, were tried at each of a line's first characters (the lines with a sign cost a
    third of that)."""
    if _SIGN.search(line) is None:
        return False
    return (
        (records and (_JSON_MEMBER.match(line) is not None or _BRACKETS.fullmatch(line) is not None))
        or ("{" in line and _CSS_RULE.match(line) is not None)
        or (line.startswith("@") and _AT_RULE.match(line) is not None)
        or (any(hint in line[:SCRIPT_SPAN] for hint in _SCRIPT_HINTS) and _SCRIPT.search(line, 0, SCRIPT_SPAN) is not None)
    )
