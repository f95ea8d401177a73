"""Character ranges of writing systems that the text rules must treat apart from the Latin ones.

Chinese and Japanese are written without spaces between words, so code that counts or splits
words by whitespace needs to know which characters those are, and text joined back across a line
break needs no space between them (`break_joint`). The ranges live here, once, so that the dump
reader (`dumps.reader`) and the stories' shingling (`pipelines.stories.signature`) agree on them.
"""

from __future__ import annotations

import re

# Hiragana and katakana, CJK Unified Ideographs (extension A and the main block), and the CJK
# Compatibility Ideographs (U+F900-FAFF): kanji such as 﨑 in Japanese names, which a text may use
# instead of the unified form.
CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""For use inside a regex character class: `[{CJK_RANGES}]`."""
CJK_CHARACTER = re.compile(f"[{CJK_RANGES}]")
# CJK characters and the full-width punctuation and symbols written among them ("，", "。", "「"):
# no space stands between two of them.
_UNSPACED = re.compile(f"[{CJK_RANGES}\u3000-\u303f\uff00-\uffef]")


def break_joint(before: str, after: str) -> str:
    """What goes between two pieces of one text a line break parted, `before` and `after`, when they
    are joined back: a space, except between two CJK characters (a converter that wraps at a fixed
    width breaks Chinese or Japanese text anywhere; a space put back there would split a word, and a
    search for it would miss). Only the edges are read: the text before may be a long paragraph."""
    return "" if _UNSPACED.match(before[-1:]) is not None and _UNSPACED.match(after[:1]) is not None else " "
