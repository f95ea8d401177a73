"""The text shapes the headline search (`search`) reads: the dump's lines as it sees them
(`dumps.lines.DumpLine`), the key two texts are compared by, what is shaped like a heading, a
text's content words and their stems, and the patterns that open a byline or a date line. They are kept apart
because every other step of the search (the article's start, the candidate spans, their features)
reads text through them."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from pipelines.extraction.appeals import is_appeal
from pipelines.extraction.dates.datelines import find_dateline
from pipelines.extraction.dates.parsing import MONTH_PATTERN, WEEKDAY_PATTERN
from pipelines.extraction.dumps.lines import BYLINE_WORDS, DumpLine, n_words
from pipelines.extraction.dumps.units import LIST_ITEM
from pipelines.extraction.furniture_phrases import READ_ON_KEYS, UI_PHRASES
from pipelines.extraction.text_keys import comparison_keys, text_key

MIN_WORDS = 2
MAX_WORDS = 30
# The longest function word ("with", "from", "that"; "their" and "about" are read as words).
FUNCTION_WORD_LENGTH = 4
# A byline is heading-shaped too.
BYLINE = re.compile(rf"^(?:{'|'.join(BYLINE_WORDS)})\b", re.IGNORECASE)
# A date or a time in figures (`04.03.2024`, `2024-03-04`, `18:00`).
_IN_FIGURES = r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}"
# Where a date line begins (`4 March`, `March 4,`, `04.03.2024`, `2024-03-04`, `18:00`, `Sunday,`).
DATE_START = re.compile(
    rf"^(?:{_IN_FIGURES}|\d{{1,2}}\.? (?i:{MONTH_PATTERN})\b"
    rf"|(?i:{MONTH_PATTERN}),? \d{{1,4}}\b|(?i:{WEEKDAY_PATTERN})\b,? )"
)
# A date or a time in figures at a line's start: a headline opens on words (a weekday or a month's
# name may open one: "Sunday Thoughts: …").
NUMERIC_DATE_START = re.compile(rf"^(?:{_IN_FIGURES})(?!\d)")
# Marks that only open: “ and « close a quote in German and Danish ("„Wir haben die Zusage“").
OPENING_MARKS = ("(", "[", "{", "„")
# The quotes and brackets that may close a headline's last word after its mark.
CLOSING_MARKS = "\"”’»')]"
# Initials and abbreviations end in a full stop inside a headline (`U.S.`, `N.Y.C.`).
INITIALS = re.compile(r"^(?:\w\.)+$")
# A brand written in camel case opens a headline in lower case ("iOS 13 will fix …", "eBay to cut
# …", "mRNA vaccines …"), where another lower-case opening is a piece of a sentence.
_CAMEL_CASE = re.compile(r"[a-z]{1,5}[A-Z]")
# A converter that spaces inline elements apart prints a kicker's colon apart from it ("Zugverkehr :
# Im ICE …"); French typography spaces it on purpose, and a score is printed "57 : 33".
_SPACED_COLON = re.compile(r"(?<=[^\W\d_]) :(?= )")


# A link's address, or a row of links: three or more items of a word or two (or a few CJK
# characters) between bars ("Home | News | Sport"), or in brackets ("[ Docs ] [ Tracker ] [ Email ]").
_ADDRESS = re.compile(r"https?://|www\.")
# One of the document's `<link>`s as a text browser prints the page's head: "Link: " and its relation
# (HTML's lower-case keywords: "alternate", "dns-prefetch", "schema.DC", maybe with a language), or
# the link's title with its relation in brackets ("Link: Lifehacker - All stories (alternate)").
_HEAD_LINK = re.compile(r"^Link: (?:[a-z][\w.:-]*(?: \S+)?|.+ \([a-z][\w.:-]*\))$")
_BRACKETED = re.compile(r"\[[^\]]*\]")
LINK_ROW_ITEMS = 3
# A line printed again this many lines after it, or fewer, is doubled in place: the layout's (a
# logo's picture and name, a label twice), not the page's emphasis nor the `<title>` over its `<h1>`.
DOUBLED_IN_PLACE = 2
LINK_ITEM_CHARS = 6
# The most words an item of a row of labelled buttons holds, the label's among them ("Compartir en Facebook").
LABELLED_ITEM_WORDS = 4


# Text wholly in one pair of square brackets (see `bracketed`).
_BRACKETED_WHOLE = re.compile(r"\[[^\[\]]+\]")
# What stands between a phrase and its copy printed back to back: spaces, a link's number (`[47]`).
_LINK_NUMBER_OR_SPACE = re.compile(r"\[\d+\]|\s+")
# Where in each line's text its blocks start (a flattened dump's printed sentence holds several); None: every line is one block.
Blocks = Sequence[Sequence[int]] | None


def line_keys(lines: Sequence[DumpLine]) -> list[str]:
    """`text_keys.comparison_key` of every line (see `comparison_keys`)."""
    return comparison_keys([line.text for line in lines])


def is_heading(text: str) -> bool:
    # Its length rules out a long line (a flattened dump's printed sentence) before its words are counted.
    return (
        len(text) <= 250
        and MIN_WORDS <= n_words(text) <= MAX_WORDS
        # A headline may end on initials ("… Underneath N.Y.C."), not on a sentence's full stop (Latin or CJK).
        and (not text.rstrip("\"”’»'").endswith((".", ",", ";", ":", "。", "，", "；", "：")) or bool(INITIALS.match(text.split()[-1])))
        # Nor on an opening bracket or quote: a sentence broken off at a link (`… the Pale Man (`).
        and not text.endswith(OPENING_MARKS)
        and not (text[0].islower() and not camel_cased(text))
        and not LIST_ITEM.match(text)
        and not find_dateline(text)
        # Nor on a date in figures, as a line of dates and names does ("11.09.2011, 16:20 von jovelstefan").
        and not NUMERIC_DATE_START.match(text)
    )


def closed_colon(headline: str, language: str | None) -> str:
    """`headline` with a colon spaced apart from the word before it put back against it, but in French."""
    return headline if language == "fr" else _SPACED_COLON.sub(":", headline)


def camel_cased(text: str) -> bool:
    """Whether `text` opens on a word in camel case (`iPhone`, `eBay`, `macOS`)."""
    return _CAMEL_CASE.match(text) is not None


def exclaims(text: str) -> bool:
    """Whether `text` ends on an exclamation mark, the quotes and brackets closing it aside."""
    return text.rstrip(CLOSING_MARKS).endswith("!")


def acronym(word: str) -> bool:
    """Whether `word` is printed as an acronym (`USA`, `US`, `FC`): a name, although a stop list may
    hold its letters in lower case ("usa" in German, "us" in English)."""
    return word.isupper() and sum(map(str.isalpha, word)) >= 2


def reads_as_links(text: str) -> bool:
    """Whether `text` is a link's address, one of the document's head links or a row of links (a
    menu, a document's tool bar): never a headline."""
    if _ADDRESS.search(text) or _HEAD_LINK.match(text):
        return True
    items = text.split("|")
    if len(items) >= LINK_ROW_ITEMS and all(n_words(item) <= 2 or len(item.strip()) <= LINK_ITEM_CHARS for item in items):
        return True
    return len(_BRACKETED.findall(text)) >= LINK_ROW_ITEMS or _repeats_its_label(text)


def _repeats_its_label(text: str) -> bool:
    """Whether `text` is a row of buttons that each repeat its first word before a target of a word
    or three ("Compartir en Facebook Compartir en Twitter Compartir en WhatsApp", "Share on X Share on
    Y Share on Z"): a headline that repeats its first word three times does so inside its sentence, in
    lower case ("Harbour news: the harbour board and the harbour pilots …"), not as each item's label."""
    words = text.split()
    starts = [index for index, word in enumerate(words) if word == words[0]] if words else []
    items = [end - first for first, end in zip(starts, [*starts[1:], len(words)], strict=True)]
    return len(starts) >= LINK_ROW_ITEMS and min(items) >= 2 and max(items) <= LABELLED_ITEM_WORDS


def printed_twice(text: str) -> bool:
    """Whether `text` is one phrase of two words or more printed twice back to back, with or
    without a space or a link's number between ("Firefox Developer EditionFirefox Developer
    Edition", "The PlayStation VR [12]The PlayStation VR"): a logo or a picture's link whose text and
    alternative text the converter both printed, never a headline, which is its single copy."""
    squeezed = _LINK_NUMBER_OR_SPACE.sub("", text.casefold())
    half = len(squeezed) // 2
    return len(squeezed) % 2 == 0 and squeezed[:half] == squeezed[half:] and n_words(text) > MIN_WORDS


def bracketed(text: str) -> bool:
    """Whether `text` stands wholly in one pair of square brackets ("[Sony's PlayStation VR.]",
    "[Android Developers Blog]"): how a converter marks a picture's alternative text or a link off
    from the text (pandoc prints a picture so), a caption, a logo or a teaser's picture, never the
    headline, which the page prints as text."""
    return _BRACKETED_WHOLE.fullmatch(text.strip()) is not None


def reads_as_interface(text: str) -> bool:
    """Whether `text` is a label of the site's interface ("Read more", "Share") or an appeal to the
    reader ("Sign up for our newsletter"): never a headline, however heading-shaped."""
    key = text_key(text)
    return key in UI_PHRASES or key in READ_ON_KEYS or is_appeal(text)


def stem(word: str) -> str:
    # A crude stem that works in any language with inflected endings (`allergy`/`allergies`).
    return word[:5]


@functools.cache
def function_words(stops: frozenset[str]) -> frozenset[str]:
    """The short words of a stop list: what a phrase cut off mid-sentence ends on ("payments on the").
    jusText's lists hold a language's most frequent words, nouns among them ("government",
    "military", "president"), on which a headline may well end."""
    return frozenset(word for word in stops if len(word) <= FUNCTION_WORD_LENGTH)


def content_words(words: list[str], stops: frozenset[str]) -> list[str]:
    # Two letters are a contraction's or an initial's (`I've`, `J. Smith`), not a word to share.
    return [word for word in words if word not in stops and len(word) > 2 and not word.isdigit()]
