"""Text in a Central European code page read in a Western one: "zag³osowa³" for "zagłosował"
(Windows-1250 read as Windows-1252), "dziesi±tej" for "dziesiątej" (ISO-8859-2 read as Latin-1),
as an old site misdeclaring its charset or a scraper assuming Latin-1 leaves a Polish, Czech,
Slovak, Slovene, Croatian or Romanian page. The words are no longer the article's: no search
finds them.

ftfy reverses only mojibake whose true encoding is UTF-8, and charset detection needs the bytes,
which are gone; so the repair is written here. Read in a Western code page, letters these
languages have and Western ones lack come out as signs ("ł" as "³", "ą" as "¹" or "±", "ś" as "¶"
or a control), and a sign inside a word is never real text. Where a text holds a few, it is read
back as the Western code page's bytes and decoded in the Central European code page under which
it is sound: no sign left in a word, and its accented letters one language's alphabet. Left as
they are, for want of signs: Hungarian (its "ő" and "ű" read as "õ" and "û", letters of other
languages), and Czech or Slovak written in Windows-1250 and read in Windows-1252, which keeps
their "š" and "ž" and shows "ř", "ě", "č" as "ø", "ì", "è".
"""

from __future__ import annotations

import re

# Bytes 80–9F as Windows-1252 shows them ("œ" for 9C), where it has a character for them: text read
# in Latin-1 holds the C1 control of the same number instead, and both go back to their byte.
_TO_LATIN1 = {ord(bytes([byte]).decode("cp1252", "ignore") or chr(byte)): byte for byte in range(0x80, 0xA0)}
# A run of characters a Western code page has bytes for: a line may hold sound characters too (a
# "℗", a heading in the right charset), which are left as they are.
_WESTERN_RUN = re.compile("[\x00-\xff" + "".join(chr(code) for code in _TO_LATIN1 if code > 0xFF) + "]+")
_CENTRAL = ("windows-1250", "iso-8859-2")
# What Central European letters show as, read in a Western code page: signs and C1 controls.
_SIGNS = "¹³¿±¶¼¾£¥¦¬¯\u0080-\u009f"
_LOWER = "a-zß-öø-ÿ"
# A sign before a lower-case letter. It is in a word ("zag³osowa³", "¿eby") after another letter or
# opening the word (`_signs_in_words`): a UTF-8 mojibake's "Ã³" is not (its sign follows a
# capital), nor a price ("£20"), a unit ("m³") or a Spanish question ("¿por qué?": the one sign
# that opens words in real text). The pattern opens on the sign, which the engine skips ahead to.
_SIGN = re.compile(f"[{_SIGNS}](?=[{_LOWER}])")
_LOWER_LETTER = re.compile(f"[{_LOWER}]")
# This many signs in words make the text a misread one: one or two may be a typing slip.
SIGNS_IN_WORDS = 3
# The share of the read-back letters one language's alphabet must hold: signs in a script's strings
# ("Array("º<", "¹>")"), read back, are letters of no one language.
ONE_LANGUAGE = 0.9
# Each language's letters beyond ASCII: the misread letters, read back, are one language's.
_ALPHABETS = (
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "áéíóöőúüű",  # Hungarian
    "čćđšž",  # Slovene, Croatian
    "ăâîșțşţ",  # Romanian
)


def repair_code_page(text: str) -> str | None:
    """The text read back in the Central European code page it was written in, or None where it is
    not such a misread text. Characters the Western code page has no byte for (sound text beside
    the misread) are left as they are."""
    if _signs_in_words(text, SIGNS_IN_WORDS) < SIGNS_IN_WORDS:
        return None
    misread = "\n".join(line for line in text.split("\n") if _signs_in_words(line, 1))
    code_page = _likeliest_code_page(misread)
    if code_page is None:
        return None
    repaired = _read_back(text, code_page)
    return repaired if repaired != text else None


def _signs_in_words(text: str, most: int) -> int:
    """How many signs stand in words in the text (see `_SIGN`), counted up to `most`."""
    found = 0
    for sign in _SIGN.finditer(text):
        before = text[sign.start() - 1] if sign.start() > 0 else " "
        if _LOWER_LETTER.match(before) or (not before.isalnum() and before != "_" and sign[0] != "¿"):
            found += 1
            if found == most:
                break
    return found


def _likeliest_code_page(misread: str) -> str | None:
    """The Central European code page under which the misread lines leave no sign in a word and
    their accented letters are most one language's (`ONE_LANGUAGE` of them at least; the two code
    pages differ in a few letters: Windows-1250's "ą" is ISO-8859-2's "š")."""
    best: tuple[float, str] | None = None
    for code_page in _CENTRAL:
        sound = _read_back(misread, code_page)
        if _signs_in_words(sound, 1):
            continue
        share = _one_alphabet_share(sound)
        if share >= ONE_LANGUAGE and (best is None or share > best[0]):
            best = (share, code_page)
    return best[1] if best is not None else None


def _read_back(text: str, code_page: str) -> str:
    """The text's runs of Western code page characters (`_WESTERN_RUN`) as their bytes, decoded in
    `code_page`; a run holding a byte `code_page` has no character for is left as it is."""
    return _WESTERN_RUN.sub(lambda run: _decoded(run[0], code_page), text)


def _decoded(run: str, code_page: str) -> str:
    try:
        return run.translate(_TO_LATIN1).encode("latin-1").decode(code_page)
    except UnicodeError:
        return run


def _one_alphabet_share(text: str) -> float:
    """The share of the text's non-ASCII letters that the likeliest language's alphabet holds."""
    letters = [char for char in text.casefold() if not char.isascii() and char.isalpha()]
    if not letters:
        return 0.0
    return max(sum(char in alphabet for char in letters) for alphabet in _ALPHABETS) / len(letters)
