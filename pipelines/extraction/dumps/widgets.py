"""What a terminal browser prints for a page's pictures and form controls, taken out of its dump.

`lynx`, `w3m`, `links` and `elinks` print a picture with no text as a placeholder (`[IMG]`,
`[svg]`, an advertisement's `[INS: :INS]`) or as its file name (`[leer.gif]`, `12-IMG_3886.jpg`),
and a form's controls as they would draw them: a text box as a run of underscores or an empty
bracket (`[____________]`, `[          ]`), a check box `[ ]` or `[X]`, a radio button `(_)` or
`(*)`, a button `(BUTTON)`, a frame it did not load `IFRAME: https://…`; pandoc prints a picture
with an empty alternative text as `[]`. Converters that print text only (trafilatura's html2txt,
inscriptis, the layouts the line model learnt from) print none of them. Left in, such lines sit between an article's
paragraphs (a picture between every two on a photo blog) and read as a run of short, wordless
lines around them, which the line model takes for a gallery or a form: it dropped whole articles
for them. So the tokens are taken out of every line, the labels beside them kept ("[ ] Remember
me" reads "Remember me", as a text-only converter prints the label), and a line left empty goes
with its line break, as if the converter had printed nothing there. A bracket, a parenthesis or a
file name that could be text (an empty list in code, `bar = []`; a required field's `(*)`) is taken
only where it opens a line, as a check box and its label stand. w3m and pandoc print a picture by
its alternative text or its file name's start, a word in brackets on a line of its own
(`[arrow-forw]`, `[Homestory]`): those lines go where a dump prints a few different ones
(`MIN_LABELS`), as a text prints one or two (a song's `[Chorus]`).
"""

from __future__ import annotations

import re

# A picture's file name as a browser prints it for a picture with no text: a name with an image
# extension, a query after it allowed (`poster.jpg?width=960`), or an inline picture's data URI. No
# quote, angle bracket or equals sign before the extension: a leaked tag's `src="….gif"` is the tag's;
# and no slash: a picture's address on a line of its own is the article's image to the reader.
_IMAGE_FILE = r"[^\s\[\]<>\"'=/]*\.(?:jpe?g|png|gif|svg|webp|bmp|ico)(?:\?[^\s\[\]<>\"']*)?|(?:gif|png|jpe?g|svg\+xml);base64,[^\s\[\]]*"
# What stands for a picture or a frame: the browsers' own placeholders, and the type alone (w3m's `[svg]`).
_PLACEHOLDER = r"IMG|OBJ|INS: ?:INS|EMBED|IFRAME|INLINE|image|img|svg|gif|png|jpe?g|webp"
# Tokens no text prints, taken out wherever they stand: a picture's placeholder or file name in
# brackets, a text box (two spaces or underscores or more between brackets, or ten underscores or
# more: a rule of a few underscores is a separator some pages type), a button's mark.
# Each token as its opening character and the rest.
_TOKENS = (
    (r"\[", rf"(?:{_PLACEHOLDER}|{_IMAGE_FILE})\]"),
    (r"\[", r"[ _]{2,}\]"),
    ("_", "_{9,}"),
    (r"\(", r"BUTTON\)"),
    (r"\(", r"RESET\)"),
)
_ANYWHERE = "|".join(opener + rest for opener, rest in _TOKENS)
# Tokens that are controls only where they open a line: a check box or a radio button before its
# label (`[ ] Remember me`), an empty picture (pandoc's `[]`), a bare file name. Inside a line they are
# a program's empty list (`bar = []`), a call's brackets or a required field's mark (`(*)`).
_LINE_START = rf"\[ ?\]|\[[xX*]\]|\([ _*xX]\)|{_IMAGE_FILE}"
_SPACE = r"(?!\S)[ \t]*"
# No token opens on a blank, so the blanks that open a line are taken once and for all (`*+`): given
# back one at a time, a line of a table's padding (thousands of spaces) was tried again at each.
_WIDGETS = re.compile(rf"^[ \t]*+(?:(?:{_ANYWHERE}|{_LINE_START}){_SPACE})+|(?<!\S)(?:{_ANYWHERE}){_SPACE}")
# The second branch alone, each token opening on its character and only then asking for a space or
# the line's start before it: a search can skip to those characters, where the pattern above is
# tried at each character of a line (a flattened page's line is the whole page). One pattern for
# each opening character, which the search skips ahead to: one pattern opening on any of the three
# tested the set of them at each character, ten times the cost.
_TOKENS_PAST_START = tuple(
    re.compile(rf"{opener}(?<!\S{opener})(?:{'|'.join(rest for other, rest in _TOKENS if other == opener)}){_SPACE}")
    for opener in dict.fromkeys(opener for opener, _ in _TOKENS)
)


# A browser's note of a frame it did not load, alone on its line ("IFRAME: https://…", "IFrame").
_FRAME = re.compile(r"[ \t]*(?:IFRAME|IFrame)(?:: .*)?")


def _holds_widget(line: str) -> bool:
    """Whether `_WIDGETS` finds a token in `line`: at its start, or past it by its second branch."""
    return _WIDGETS.match(line) is not None or any(pattern.search(line) is not None for pattern in _TOKENS_PAST_START)


# A token of the first branch at a line's start, in the dump's lines joined by line breaks: opening on
# the break, so that a search skips ahead to the breaks (no token holds one, so none spans two lines).
_TOKEN_AT_LINE_START = re.compile(rf"\n[ \t]*+(?:{_ANYWHERE}|{_LINE_START})")


def _may_hold_widgets(lines: list[str]) -> bool:
    """Whether any of `lines` may hold a widget or a frame's note: a few searches of them all joined,
    as a converter that prints text only prints none, where `without_widgets` asked each of its lines
    (a tenth of splitting an inscriptis dump into units)."""
    text = "\n" + "\n".join(lines)
    return (
        "IFRAME" in text
        or "IFrame" in text
        or _TOKEN_AT_LINE_START.search(text) is not None
        or any(pattern.search(text) is not None for pattern in _TOKENS_PAST_START)
    )


# w3m and pandoc print a picture by its alternative text or its file name's start as a word in
# brackets, alone on its line ("[arrow-forw]", "[Homestory]", "[logo]"). A text prints such a line
# too (a song's "[Chorus]", a configuration sample's "[extensions]" section, a reference's "[OAUTH]"),
# but a few different ones at most, or in capitals: a dump that prints this many different words in
# brackets, each with a lower-case letter, prints its pictures so.
MIN_LABELS = 4
# A longer word is no file name's start (w3m cuts them at ten characters) nor a picture's one-word text.
LONGEST_LABEL = 40


def without_widgets(lines: list[str]) -> list[str]:
    """The dump's lines without its pictures' placeholders and form controls (see the module's
    docstring), and without its pictures' one-word labels where it prints them (`MIN_LABELS`): a
    line they emptied goes, so that a blank line stays one the converter printed."""
    return _without_labels(_without_controls(lines))


def _label(line: str) -> str | None:
    """The word in brackets `line` holds alone, where it holds one with a lower-case letter."""
    word = line.strip()
    if not 2 < len(word) <= LONGEST_LABEL + 2 or word[0] != "[" or word[-1] != "]":
        return None
    inner = word[1:-1]
    if any(char.isspace() or char in "[]" for char in inner) or not any("a" <= char <= "z" for char in inner):
        return None
    return word


def _without_labels(lines: list[str]) -> list[str]:
    labels = {label for line in lines if "[" in line and (label := _label(line)) is not None}
    if len(labels) < MIN_LABELS:
        return lines
    return [line for line in lines if "[" not in line or _label(line) is None]


def _without_controls(lines: list[str]) -> list[str]:
    if not _may_hold_widgets(lines):
        return lines
    out = []
    for line in lines:
        if _FRAME.fullmatch(line):
            continue
        bare = _WIDGETS.sub("", line) if _holds_widget(line) else line
        if bare is line:
            out.append(line)
        elif bare.strip():
            out.append(bare.rstrip())
    return out
