"""Character classes as bit sets, for a whole dump at once.

The dump features read, for every character, whether it is a letter, upper or lower case, a
digit, a space, a sentence's end… Asking Python's `str` methods character by character costs
more than everything else the features do, so the classes are looked up in a table with numpy, one
entry per code point, each worked out the first time a text holds it.
"""

from __future__ import annotations

import functools

import numpy as np

# `JOINT` marks the character that joins a dump's units when they are scanned as one string.
ALPHA, UPPER, LOWER, DIGIT, SPACE, BLANK, COMMA, AT, SEPARATOR, TERMINAL, COLON, JOINT, OPENING = (1 << bit for bit in range(13))
SEPARATOR_CHARS = frozenset("|»›·/→>•")
TERMINAL_CHARS = frozenset('.!?…"”’»)。！？」』）')
"""The characters a sentence ends on (its mark, or a quote or bracket closing after it)."""
OPENING_CHARS = frozenset("\"“„«([‘'")


@functools.cache
def class_of(char: str) -> int:
    return (
        ALPHA * char.isalpha()
        | UPPER * char.isupper()
        | LOWER * char.islower()
        | DIGIT * char.isdigit()
        | SPACE * char.isspace()
        | BLANK * (char == " ")
        | COMMA * (char == ",")
        | AT * (char == "@")
        | SEPARATOR * (char in SEPARATOR_CHARS)
        | TERMINAL * (char in TERMINAL_CHARS)
        | COLON * (char == ":")
        | JOINT * (char == "\x00")
        | OPENING * (char in OPENING_CHARS)
    )


# Every code point's class bits, -1 until a text holds it (the bits fit in 13). Kept for the process:
# after a few dumps in a script, a text's classes are one lookup per character.
_CLASSES = np.full(0x110000, -1, dtype=np.int16)


def char_classes(text: str) -> np.ndarray:
    """The class bits of each character of `text`."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = _CLASSES[codes]
    unknown = classes < 0
    if unknown.any():
        new = np.unique(codes[unknown])
        _CLASSES[new] = np.fromiter((class_of(chr(code)) for code in new.tolist()), dtype=np.int16, count=len(new))
        classes = _CLASSES[codes]
    return classes
