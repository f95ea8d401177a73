"""Character classes as bit sets, for a whole dump at once.

The dump features read, for every character, whether it is a letter, upper or lower case, a
digit, a space, a sentence's end… Asking Python's `str` methods character by character costs
more than everything else the features do, so the classes are looked up in a table with numpy:
directly for the first 256 code points, once per distinct character for the rest.
"""

from __future__ import annotations

import functools

import numpy as np

# `JOINT` marks the character that joins a dump's units when they are scanned as one string.
ALPHA, UPPER, LOWER, DIGIT, SPACE, BLANK, COMMA, AT, SEPARATOR, TERMINAL, COLON, JOINT, OPENING = (1 << bit for bit in range(13))
SEPARATOR_CHARS = frozenset("|»›·/→>•")
TERMINAL_CHARS = frozenset('.!?…"”’»)。！？')
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


_LATIN_CLASSES = np.fromiter((class_of(chr(code)) for code in range(256)), dtype=np.int64, count=256)


def char_classes(text: str) -> np.ndarray:
    """The class bits of each character of `text`."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = _LATIN_CLASSES[np.minimum(codes, 255)]
    beyond = codes > 255
    if beyond.any():
        distinct, inverse = np.unique(codes[beyond], return_inverse=True)
        table = np.fromiter((class_of(chr(code)) for code in distinct.tolist()), dtype=np.int64, count=len(distinct))
        classes[beyond] = table[inverse]
    return classes
