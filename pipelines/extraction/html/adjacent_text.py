"""Runs of text nodes merged into one after trafilatura strips inline tags, so its XPaths over text stay linear.

lxml's `strip_tags` splices a stripped element's children into its parent without merging the text
nodes that end up side by side. trafilatura strips inline tags (`<span>`, links, `<small>`,
`<font>`, bold and italic once renamed) and then asks libxml2 for `//p//text()`
(`main_extractor._extract`), which costs the square of a run of adjacent text nodes: a transcript
with each word in a `<span>` took 19 s for 16,000 words, a paragraph of 12,000 bold or small words
8 to 10 s, one of 8,000 tag links 5 s. lxml reads a run of text nodes as one string (`.text`,
`.tail`) and writes it back as one node, so writing each back merges the runs and changes no text
the page's readers see. Written here because neither lxml nor trafilatura merges them; `install`
puts the merge where trafilatura has pruned the body, just before that XPath (through
`foundation.workarounds`, which guards trafilatura's version).
"""

from __future__ import annotations

import re
from typing import Any

from lxml.etree import _Element

from foundation.workarounds import replace_trafilatura_step, trafilatura_step

# The characters below space that lxml refuses to write (`apihelpers.pxi`, `check_string_utf8`): all but tab, LF and CR.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PRUNING = ("main_extractor", "prune_unwanted_sections")


def install() -> None:
    """Let trafilatura's body pruning hand on a tree whose text runs are single nodes."""
    replace_trafilatura_step(*_PRUNING, prune_unwanted_sections)


def prune_unwanted_sections(tree: _Element, *args: Any, **kwargs: Any) -> _Element:
    """trafilatura's pruning, then the text runs of the whole document merged: trafilatura's next
    XPath (`//p//text()`) reads the document from its root, not only the pruned subtree."""
    pruned = trafilatura_step(*_PRUNING)(tree, *args, **kwargs)
    merge_text_runs(pruned.getroottree().getroot())
    return pruned


def merge_text_runs(root: _Element) -> None:
    """Each run of adjacent text nodes under `root` (an element's text, a node's tail) made one node."""
    for node in root.iter():
        # Comments and processing instructions have a tail but no child text; their `.text` is their content.
        if isinstance(node.tag, str) and _writable(node.text):
            node.text = node.text
        if _writable(node.tail):
            node.tail = node.tail


def _writable(text: str | None) -> bool:
    """Text lxml will write back: the parser lets ASCII control characters through, which lxml's
    setters refuse only after removing the old text, so such a run is left as it is."""
    return text is not None and _CONTROL.search(text) is None
