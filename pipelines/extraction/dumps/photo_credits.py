"""The credit a page prints under a picture ("Foto: dpa", "Bild: TebNad/Shutterstock.com", "(Foto:
ABr)", "Foto: Timur | flickr | CC BY 2.0"), in the languages of the dev pages and their neighbours:
the picture's, never the article's words.

A converter that flattens the page glues a credit between two of the article's sentences ("… von
Sedimenten überdeckt werden. Bild: TebNad/Shutterstock.com Bereits die Babylonier …");
`split_at_credits` cuts it out of such a line (`units` asks it of long lines only), so that the
sentences around it read on, and a unit that is a credit alone is furniture (`is_credit`). A
credit's label is a picture's word and a colon; what it credits runs to where the next sentence
opens: one word, or, where that word is capitalised, a name of up to three (in capitals after a
word in capitals: "LA NACION", not "ATON El …"; no word after a comma or a full stop), words joined
by a slash or a bar, and a Creative Commons licence. A copyright sign before a name opens a credit
too ("© Britta Radike / Greenpeace"): glued before the lede, it made the lede read as the site's
copyright line. A line of its own whose few words end on a credit is the picture's caption (`is_caption`),
and so is a flattened page's unit of a few words printed before a credit in brackets (`is_flat_caption`).
No library lists these labels (they are the page's wording, not markup).
"""

from __future__ import annotations

import re

from pipelines.extraction.dumps.lines import ends_sentence
from pipelines.extraction.furniture_phrases import cut_out

# A picture's word before the credit, as pages print it, and "Copyright:" as they print it under a
# picture ("Copyright: Accurec"; the site's notice has a sign or a year: "Copyright © …"). Source
# labels ("Quelle", "Źródło") also cite a table's or a quote's source, which is the article's: they are left out.
_LABELS = (
    *("photo", "photos", "photograph", "image", "images", "picture", "pictures", "credit", "photo credit", "image credit", "copyright"),
    *("foto", "fotos", "bild", "bilder", "beitragsbild", "titelbild", "fotograf", "crédit", "crédits", "crédito", "imagen"),
    *("imagem", "immagine", "zdjęcie", "zdjęcia", "fot", "beeld"),
)
# Printed as a label, capitalised or in capitals ("Foto:", "Photo Credit:", "FOTO:"); prose says "a photo: it …".
# Looked for before each colon (a line holds few), not at each of the line's characters.
_LABEL_BEFORE_COLON = re.compile(
    rf"(?<!\w)(\()?(?:{'|'.join(dict.fromkeys(form for label in sorted(_LABELS, key=len, reverse=True) for form in (label.capitalize(), label.title(), label.upper())))})"
    r"\.?\s?$"
)
_COLON = re.compile(r":\s?(?=\S)")
# How far before its colon a label may start ("(Photo credit :").
_LABEL_CHARS = 16
# A Creative Commons licence after the credit ("CC BY 2.0", "CC BY-SA 4.0").
_LICENCE = re.compile(r"CC[ -]BY(?:-(?:SA|ND|NC))*(?: \d\.\d)?")
# What joins two parts of a credit ("Reuters/John Smith", "Timur | flickr").
_JOINERS = frozenset({"/", "|", "-", "–", "via", "/via"})
# The capitalised words that open a sentence, not a name: the articles and the like of these languages.
_OPENERS = frozenset(
    {
        *("the", "a", "an", "this", "in", "on", "at", "die", "der", "das", "den", "dem", "ein", "eine", "im", "am"),
        *("la", "le", "les", "el", "los", "las", "il", "lo", "gli", "un", "una", "une", "o", "os", "as", "um", "uma"),
        *("de", "het", "een", "w", "na", "do", "to", "ten", "ta"),
    }
)
# A copyright sign before a name, as a picture's credit prints it ("© Thinkstock"); a year after it opens
# the site's notice ("© 1996-2015 The Washington Post"), left to the reader's copyright lines.
_SIGN = re.compile(r"©\s?(?=[^\W\d_])")
_COPYRIGHT_BEFORE = re.compile(r"copyright\s*$", re.IGNORECASE)
# The most words a credit's name holds.
NAME_WORDS = 3


def credits(text: str) -> list[tuple[int, int]]:
    """Where `text` prints picture credits: each label and what it credits, and each copyright sign
    before a name ("© Britta Radike / Greenpeace"; before a year it opens the site's notice)."""
    spans: list[tuple[int, int]] = []
    for colon in _COLON.finditer(text):
        head = max(0, colon.start() - _LABEL_CHARS)
        label = _LABEL_BEFORE_COLON.search(text, head, colon.start())
        if label is None or (spans and label.start() < spans[-1][1]):
            continue
        if label[1]:
            closing = text.find(")", colon.end(), colon.end() + 80)
            if closing > 0:
                spans.append((label.start(), closing + 1))
            continue
        # "Fotos: © Burkard Meyer": the sign opens what is credited.
        sign = _SIGN.match(text, colon.end())
        start = colon.end() if sign is None else sign.end()
        end = _credit_end(text, start)
        if end > start:
            spans.append((label.start(), end))
    if "©" in text:
        spans += _signed(text, spans)
    return sorted(spans)


def _signed(text: str, labelled: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The credits a copyright sign opens, outside the `labelled` ones; not "Copyright © …"."""
    found: list[tuple[int, int]] = []
    for sign in _SIGN.finditer(text):
        if any(first <= sign.start() < last for first, last in labelled) or _COPYRIGHT_BEFORE.search(text, 0, sign.start()):
            continue
        end = _credit_end(text, sign.end())
        if end > sign.end():
            found.append((sign.start(), end))
    return found


def _credit_end(text: str, start: int) -> int:
    """Where the credit that opens at `start` ends (see the module's docstring)."""
    tokens = [(match.start(), match.end()) for match in re.finditer(r"\S+", text[start : start + 200])]
    if not tokens:
        return start
    words = [text[start + first : start + last] for first, last in tokens]
    # A lower-case word that a sentence goes on from is prose ("Photo: it was taken …"), no credit ("Foto: dpa").
    if words[0][:1].islower() and len(words) > 1 and words[1][:1].islower():
        return start
    taken = 1
    capitalised = words[0][:1].isupper()
    capitals = words[0].isupper()
    while taken < len(words) and words[taken - 1][-1:] not in ",;:.":
        word = words[taken]
        licence = _LICENCE.match(" ".join(words[taken:]))
        if licence is not None:
            taken += len(licence[0].split())
            continue
        joined = word in _JOINERS or words[taken - 1][-1:] in "/|" or word[:1] in "/|"
        if joined:
            taken += 1
            continue
        following = words[taken + 1] if taken + 1 < len(words) else ""
        opens_sentence = word.casefold() in _OPENERS or following[:1].islower() or word[-1:] in ",;:"
        # An agency in capitals goes on in capitals only ("LA NACION", not "ATON El …").
        fits = word.isupper() if capitals else word[:1].isupper()
        if capitalised and taken < NAME_WORDS and fits and not opens_sentence:
            taken += 1
            continue
        break
    return start + tokens[taken - 1][1]


def is_credit(text: str) -> bool:
    """Whether `text` is a picture's credit and nothing else."""
    # Every credit holds its label's colon or a copyright sign: the reader asks this of every line
    # of a dump, and most hold neither (two scans for a character instead of the credits' search).
    if ":" not in text and "©" not in text:
        return False
    found = credits(text)
    return len(found) == 1 and found[0][0] == 0 and found[0][1] >= len(text.rstrip())


# A caption is a sentence or two: a paragraph ending on a credit holds more words than this.
CAPTION_WORDS = 40


def is_caption(text: str) -> bool:
    """Whether `text` is a picture's caption: a few words (`CAPTION_WORDS` at most) that end on the
    picture's credit ("Son tres los periodos de vacaciones. Foto: Andina", "… on Thursday Credit: STR/AFP")."""
    text = text.rstrip()
    found = credits(text)
    return bool(found) and found[-1][0] > 0 and found[-1][1] >= len(text) and len(text[: found[-1][0]].split()) <= CAPTION_WORDS


def is_flat_caption(text: str, following: str) -> bool:
    """Whether `text`, a unit of a flattened page, is a picture's caption: a few words (`CAPTION_WORDS`
    at most) that end no sentence, with the picture's credit in brackets right after them ("Cristina
    Kirchner y Alberto Fernández, el 1 de marzo, en el Congreso" / "(Foto: Natacha Pisarenko/Pool via
    REUTERS)"), where the cut-out credit left it. A credit without brackets may as well open the
    caption after it ("Foto: dpa Die Kanzlerin …"), the unit before being the article's, and a
    sentence before a credit is the article's as often as a caption."""
    return following.startswith("(") and is_credit(following) and len(text.split()) <= CAPTION_WORDS and not ends_sentence(text)


def split_at_credits(text: str) -> list[str]:
    """`text` cut before and after the picture credits printed in it."""
    return cut_out(text, credits(text), " ")
