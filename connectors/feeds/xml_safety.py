"""Feed XML before feedparser sees it: entity declarations refused, HTML entity references resolved.

What is accepted, and why it is safe:

- A DOCTYPE with a public or system identifier and no internal subset (the Netscape RSS 0.91
  DTD, `<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">`)
  is harmless: no DTD is ever fetched (feedparser drops the DOCTYPE before parsing and its SAX
  parser has external entities off; newsbeam hands it bytes, never a URL).
- A DOCTYPE with an internal subset is accepted as long as it declares no entity.
- Any `<!ENTITY` declaration is refused: internal ones allow entity expansion ("billion laughs"),
  external ones read files or URLs (XXE). News feeds do not need them.
- References to entities nobody declared are what real feeds are full of: HTML's named entities
  (`&nbsp;`, `&eacute;`, `&mdash;`, the Netscape DTD's set). They are rewritten as character
  references, which every XML parser knows; an unknown name stays as literal text (`&foo;`), as
  feedparser's own loose parser keeps it, and so does a bare `&` (`?a=1&b=2`).
"""

from __future__ import annotations

import html.entities
import re

_ENTITY_DECLARATION = "<!ENTITY"
_START_TAG = re.compile(r"<[A-Za-z_:]")
# Text where `&` means nothing: CDATA sections, comments, processing instructions.
_VERBATIM = re.compile(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->|<\?.*?\?>", re.S)
_AMPERSAND = re.compile(r"&(?:(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});)?")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})


class FeedParseError(ValueError):
    """The body is not a feed newsbeam can read."""


def xml_codec(content: bytes) -> str | None:
    """The UTF-16/32 codec the document's first bytes show, None for ASCII-compatible encodings."""
    head = content[:4]
    if head.startswith((b"\x00\x00\xfe\xff", b"\x00\x00\x00<")):
        return "utf-32-be"
    if head.startswith((b"\xff\xfe\x00\x00", b"<\x00\x00\x00")):
        return "utf-32-le"
    if head.startswith((b"\xfe\xff", b"\x00<")):
        return "utf-16-be"
    if head.startswith((b"\xff\xfe", b"<\x00")):
        return "utf-16-le"
    return None


def _decoded(content: bytes, codec: str | None) -> str:
    # Latin-1 maps each byte to one character and back: ASCII-compatible documents (UTF-8,
    # ISO-8859-*, windows-125x, KOI8-R, Shift_JIS...) come back byte for byte, and `&`, `;` and
    # the entity names are ASCII in all of them (never the trail byte of a multi-byte character).
    return content.decode(codec, errors="replace") if codec else content.decode("latin-1")


def refuse_entity_declarations(content: bytes) -> None:
    """FeedParseError when the prolog declares entities: billion laughs and external entities (XXE).

    feedparser leaves them to expat, which fetches no external entity but expands internal ones
    up to its amplification limit (seconds and tens of MB for a few hundred bytes). Only the
    prolog (before the first start tag) is looked at: an article may quote `<!ENTITY` in its CDATA.
    """
    text = _decoded(content, xml_codec(content))
    start = _START_TAG.search(text)
    if _ENTITY_DECLARATION in (text[: start.start()] if start else text):
        raise FeedParseError("the document declares XML entities (refused: entity expansion and external entities)")


def resolve_html_entities(content: bytes) -> bytes:
    """The document with undeclared entity references made well-formed (see the module docstring).

    Written by hand: feedparser only resolves them in its loose (regex-based) parser, which it
    falls back to after the strict one fails, and which reads some feeds differently (Atom ids
    taken as relative URLs); lxml's recovering parser drops them (`Caf&eacute;` becomes `Caf`).
    """
    if b"&" not in content:
        return content
    codec = xml_codec(content)
    text = _decoded(content, codec)
    pieces, position = [], 0
    for verbatim in _VERBATIM.finditer(text):
        pieces.append(_AMPERSAND.sub(_reference, text[position : verbatim.start()]))
        pieces.append(verbatim.group())
        position = verbatim.end()
    pieces.append(_AMPERSAND.sub(_reference, text[position:]))
    fixed = "".join(pieces)
    if fixed == text:
        return content
    return fixed.encode(codec) if codec else fixed.encode("latin-1")


def _reference(match: re.Match[str]) -> str:
    name = match.group(1)
    if name is None:
        return "&amp;"
    if name.startswith("#"):
        return match.group() if _valid_character(name) else "&amp;" + name + ";"
    if name in _XML_ENTITIES:
        return match.group()
    characters = html.entities.html5.get(name + ";")
    if characters is None:
        return "&amp;" + name + ";"
    return "".join(f"&#{ord(character)};" for character in characters)


def _valid_character(reference: str) -> bool:
    """An XML 1.0 `Char`: expat refuses references to anything else (`&#0;`, `&#xD800;`)."""
    code = int(reference[2:], 16) if reference[1:2] in ("x", "X") else int(reference[1:])
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
