"""HTML tags a converter printed as text: a page's `<noscript>` fallbacks and ad slots.

Converters print the contents of `<noscript>` and of some widgets as they find them, and there they
are markup, not text: tracking pixels (`<img src="//pixel.example/p.gif" width="1" height="1">`),
tag managers' `<iframe>`s, ad links. Left in, a pixel's address becomes words of the article, and
in a flattened dump the block the tags fill between the article and the page around it no longer
parts them (the headline runs into the menu after it).

A tag counts as leaked only when an attribute holds an address (`src="https://…"`, `href="//…"`) or
an inline style: an article about HTML quotes tags too (`<script src="vendor/app.js">`,
`<html lang="en">`), and those are its text. No HTML parser reads these: the dump is text with a
few tags in it, not a document, and a parser would take every `<` of the text for markup.
"""

from __future__ import annotations

import re

_VALUE = r"(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>\"']+)"
# A tag with attributes, with the bare tags that open and close around it (`<div><img …></div>`).
TAG = re.compile(rf"(?:<[a-zA-Z][\w-]*>\s*)*<[a-zA-Z][\w-]*(?:\s+[\w:-]+(?:\s*=\s*{_VALUE})?)+\s*/?>(?:\s*</[a-zA-Z][\w-]*>)*")
_LEAKED = re.compile(r"=\s*[\"']?(?:https?:)?//|\bstyle\s*=", re.IGNORECASE)
# A block that ends inside a tag: the block cuts (`block_breaks`) are guesses, and may fall between
# a leaked tag's attributes.
_OPEN_TAG = re.compile(r"<[a-zA-Z][^<>]*$")
# Where tags leaked, the bare ones around them did too (`こちら</a>。</p> </div>`).
_BARE = re.compile(r"</?(?:a|b|br|div|em|i|iframe|img|li|noscript|p|span|strong|ul)\s*/?>", re.IGNORECASE)


def split_at_leaked_tags(line: str) -> list[str]:
    """`line` cut where leaked tags stood, the tags dropped: each tag ends a block of the page."""
    if "<" not in line:
        return [line]
    pieces: list[str] = []
    start = 0
    for tag in TAG.finditer(line):
        if _LEAKED.search(tag[0]):
            pieces.append(line[start : tag.start()])
            start = tag.end()
    if not pieces:
        return [line]
    pieces.append(line[start:])
    return [" ".join(text.split()) for piece in pieces if (text := _BARE.sub(" ", piece)).strip()]


def mend_cut_tags(blocks: list[str]) -> list[str]:
    """`blocks` with every leaked tag a cut fell inside made whole again (the block it opens in joined
    to the next): the tag counts as leaked with the next block's attributes read too."""
    return _joined_at_open_tags(blocks, read_next=True)


def join_cut_tags(lines: list[str]) -> list[str]:
    """`lines` with every leaked tag a line break fell inside made whole again: a converter that
    wraps its lines (html2text at 78 columns) breaks a long tag between its attributes, and its
    halves, each no tag, would stay in the text as words. Here the open half must show the leak
    itself, and a blank line ends the tag."""
    return _joined_at_open_tags(lines, read_next=False)


def _joined_at_open_tags(pieces: list[str], read_next: bool) -> list[str]:
    """`pieces` with each one that a leaked tag left open joined to the next; `read_next`: whether the
    next piece's attributes count towards the leak (else the open tag must show it, and an empty
    piece is never joined)."""
    # Only a piece holding a tag's "<" is joined to the next: most dumps and pages hold none.
    if "<" not in "\n".join(pieces):
        return pieces
    joined: list[str] = []
    for piece in pieces:
        open_tag = _OPEN_TAG.search(joined[-1]) if joined and "<" in joined[-1] else None
        leaked = open_tag is not None and (
            _LEAKED.search(f"{open_tag[0]} {piece}") if read_next else bool(piece) and _LEAKED.search(open_tag[0])
        )
        if leaked:
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    return joined
