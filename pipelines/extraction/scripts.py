"""Character ranges of writing systems that the text rules must treat apart from the Latin ones.

Chinese and Japanese are written without spaces between words, so code that counts or splits
words by whitespace needs to know which characters those are. The ranges live here, once, so that
the dump reader (`dumps.reader`) and the stories' shingling (`pipelines.stories.signature`) agree on them.
"""

from __future__ import annotations

import re

# Hiragana and katakana, CJK Unified Ideographs (extension A and the main block), and the CJK
# Compatibility Ideographs (U+F900-FAFF): kanji such as 﨑 in Japanese names, which a text may use
# instead of the unified form.
CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""For use inside a regex character class: `[{CJK_RANGES}]`."""
CJK_CHARACTER = re.compile(f"[{CJK_RANGES}]")
