"""Bytes to text (mojibake undone), and text-vs-HTML sniffing by content (file names and MIME types lie)."""

from __future__ import annotations

import codecs
import re

from foundation.vocabulary import ExtractionWarning
from pipelines.extraction.errors import ExtractionError
from pipelines.extraction.mojibake import repair_mojibake

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
HTML_MARKERS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:p|div|article|span|a|br|title|meta|script|table|h[1-6])[\s/>]",
    re.IGNORECASE,
)
PAGE_OPENING = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
# Any opening, closing or declaration tag.
_TAG = re.compile(r"<[a-zA-Z!/]")
# The share of a page's lines that hold a tag, above which a document declared as text is HTML.
MARKUP_LINES = 0.5
# charset-normalizer is thorough but slow on big inputs; its verdict on a prefix is as good.
DETECTION_SAMPLE = 256 * 1024


def _lookup(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _declared_charset(data: bytes, content_type: str | None) -> str | None:
    if content_type:
        match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
        if match and _lookup(match[1]):
            return _lookup(match[1])
    meta = META_CHARSET.search(data[:4096])
    if meta:
        return _lookup(meta[1].decode("ascii", "ignore"))
    return None


def decode(data: bytes | str, content_type: str | None = None) -> tuple[str, list[str]]:
    """Return the text and warnings. Bytes are decoded (`decode_bytes`); text decoded wrongly
    before it came here, by a scraper or a server, has its mojibake undone (`repair_mojibake`)."""
    text, warnings = (data, []) if isinstance(data, str) else decode_bytes(data, content_type)
    repaired = repair_mojibake(text)
    if repaired is None:
        return text, warnings
    return repaired, [*warnings, ExtractionWarning.MOJIBAKE_REPAIRED]


def decode_bytes(data: bytes, content_type: str | None = None) -> tuple[str, list[str]]:
    """Return the text and warnings. Order: BOM, declared charset (HTTP/meta), strict UTF-8, detection."""
    warnings: list[str] = []
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), warnings
    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data[:4096]) // 8:
        # Many NULs and no BOM: binary, not a document in any charset we could trust.
        raise ExtractionError("binary content (NUL bytes), not a text or HTML document")
    declared = _declared_charset(data, content_type)
    if declared:
        try:
            return data.decode(declared), warnings
        except UnicodeDecodeError:
            warnings.append(f"declared charset {declared} does not match the bytes")
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    # Imported here: most documents are UTF-8 or declare their charset, and the import costs a
    # hundredth of a second of every process.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECTION_SAMPLE]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace"), [*warnings, f"charset guessed as {best.encoding}"]
    warnings.append(ExtractionWarning.UNDECODABLE_BYTES)
    return data.decode("utf-8", errors="replace"), warnings


def looks_like_html(text: str, content_type: str | None = None) -> bool:
    """HTML when the start of the document carries markup; a text dump quoting one tag is not HTML.

    A document declared as plain text (a `.txt` file, a JSON Lines `text` field, `text/plain`) is
    HTML only when it opens as a page (`<!DOCTYPE html>`, `<html>`) or begins with markup that runs
    through it: dumps of whole pages hold markup (a page's `<noscript>` tracking pixel, even as
    their first line, or an article's code sample, printed as text), and read as HTML they lose
    the article.
    """
    head = text[:4096]
    stripped = head.lstrip()
    opens_with_markup = stripped.startswith("<") and HTML_MARKERS.search(stripped[:200]) is not None
    if content_type is not None and content_type.split(";")[0].strip().lower() == "text/plain":
        return PAGE_OPENING.match(stripped) is not None or (opens_with_markup and _markup_throughout(head))
    return opens_with_markup or (len(HTML_MARKERS.findall(head)) >= 3 and head.count("<") >= 5)


def _markup_throughout(head: str) -> bool:
    """Tags on at least half the non-blank lines (a page saved on one line has one line)."""
    lines = [line for line in head.splitlines() if line.strip()]
    return sum(1 for line in lines if _TAG.search(line)) >= MARKUP_LINES * len(lines)


# Replacement characters and the control characters text never holds (tab, newlines and form feed it may).
_JUNK = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1f]")


def looks_binary(text: str) -> bool:
    """Decoded junk: a large share of replacement or control characters in the first few KB."""
    sample = text[:8192]
    if not sample:
        return False
    return len(_JUNK.findall(sample)) / len(sample) > 0.1
