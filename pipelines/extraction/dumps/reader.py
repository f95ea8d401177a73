"""Plain-text dumps of news pages: the path for documents without markup.

No off-the-shelf extractor handles these (trafilatura and friends need HTML), so this module
reads the dump line by line. Scraped dumps mix the article with the page around it: site names,
navigation bullets, labelled timestamps, tag lists, contact blocks, "next article" teasers and
often a second, differently wrapped copy of the text. The rules below are generic - they look at
the shape of a line (length, case, punctuation, repetition, neighbours), never at a particular
outlet's wording:

1. Classify every line: URL / image URL, timestamp (optionally labelled "Published"/"Updated", in
   the languages `dates.labels` knows), tag lines (runs of short lower-case lines, comma-separated
   keyword lines), boilerplate (navigation bullets, interface phrases, contact details, copyright,
   locale codes, bare years, single words, short lines repeated across the page, cookie notices:
   see `consent`) and content.
2. Title: found where it is (see `dumps.headlines.search`); later copies of it are dropped.
   Subtitle: the next line when metadata or a dateline separates it from the body.
3. The line model keeps the article's lines (see `dumps.line_model`), and the paragraphs of prose it
   drops between them (see `dumps.prose_gaps`), not what it keeps far before the article and cut off
   from it (see `dumps.detached_text`); among them, the site's appeals
   to subscribe, follow it or support it are dropped (see `appeals`), and the readers' comments
   after the article are cut as a block (see `dumps.comments`).
4. Body: content lines, re-joined where a line was broken mid-sentence, then de-duplicated so
   that every paragraph appears once, keeping the most complete copy of the text (see `dumps.duplicates`).
5. Datelines stay in the body (see `datelines`); dates come only from complete timestamps (not one
   inside the article's text, nor a list's after it: see `_article_stamps`), a dateline with a year,
   or the URL - a month and day without a year is never completed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from foundation.vocabulary import DateSource, ExtractionMethod, ExtractionWarning
from pipelines.extraction import language
from pipelines.extraction.appeals import appeals, is_appeal
from pipelines.extraction.browser_notices import browser_notices
from pipelines.extraction.consent import consent_runs
from pipelines.extraction.dates.datelines import find_dateline
from pipelines.extraction.dates.labels import DateLabel, line_label
from pipelines.extraction.dates.numeric import NumericOrder
from pipelines.extraction.dates.parsing import MONTH_PATTERN, PartialDate, make_date, parse_date
from pipelines.extraction.dates.written import whole_written_date
from pipelines.extraction.dumps import line_model
from pipelines.extraction.dumps.bylines import find_authors
from pipelines.extraction.dumps.comments import thread_start
from pipelines.extraction.dumps.dates import dated_list_after, inside_text, shown_date
from pipelines.extraction.dumps.detached_text import detached_before
from pipelines.extraction.dumps.duplicates import deduplicate
from pipelines.extraction.dumps.headlines.search import locate_headline
from pipelines.extraction.dumps.headlines.text import BYLINE, closed_colon
from pipelines.extraction.dumps.line_features import features
from pipelines.extraction.dumps.lines import BULLET, ELLIPSIS, TERMINAL, Line, LineKind, ends_sentence, n_words
from pipelines.extraction.dumps.name_lists import reads_as_name_list
from pipelines.extraction.dumps.photo_credits import is_caption, is_credit, is_flat_caption
from pipelines.extraction.dumps.pickers import picker_options
from pipelines.extraction.dumps.prose_gaps import (
    HEADING_COPIES,
    headings_between,
    items_between,
    openers_cut_off,
    prose_between,
    sentences_before,
    sentences_between,
    sentences_closing_block,
)
from pipelines.extraction.dumps.publishers import repeated_name
from pipelines.extraction.dumps.reading_times import is_reading_time
from pipelines.extraction.dumps.repeated_units import without_repeated
from pipelines.extraction.dumps.stop_words import dump_language, stoplist
from pipelines.extraction.dumps.teaser_headlines import cut_teaser_headlines
from pipelines.extraction.dumps.units import LIST_ITEM, split_units
from pipelines.extraction.errors import ExtractionError
from pipelines.extraction.fields import DatedValue, Fields
from pipelines.extraction.furniture_phrases import (
    LIST_HEADING_WORDS,
    SINGLE_TEASER,
    TAG_LABEL,
    TEASER_MARKERS,
    UI_PHRASES,
    links_to_neighbour,
    opens_with_link_label,
    opens_with_teaser_marker,
    read_on_excerpt,
)
from pipelines.extraction.scripts import break_joint
from pipelines.extraction.teaser_labels import LISTED_TEASERS, TEASER_HEADER_WORDS, TEASER_HEADLINE_WORDS, is_labelled_teaser
from pipelines.extraction.text_keys import text_and_comparison_keys, text_key
from pipelines.extraction.urls import IMAGE_URL, URL_AT_START, date_from_url, looks_like_article
from pipelines.extraction.wording import holding

# A news article's dump holds a few thousand words and lines (the dev set's longest, a Wikipedia
# page with its menus, 48,000). The reader's time grows with them, up to tens of microseconds each
# through some forty steps, so a longer dump is refused up front, as the HTML reader refuses a page
# of too many elements: 20 MB of tiny units (". " repeated, clock times, blank lines) would hold a
# worker for minutes. At the limit the costliest shape found takes about eight seconds.
MAX_PIECES = 200_000
# Long tokens pass that count (text without spaces: CJK, a blob) and cost the reader up to three
# microseconds a character, so a dump is also refused past this many characters besides blanks
# (which cost next to nothing: a converter pads tables with them, and the dev set's longest dump,
# 2.0 million characters, holds 67,000 others; none holds over 0.3 million). A CJK novel runs to a
# million; at this limit the costliest shape found, CJK sentences of one word, takes about seven seconds.
MAX_CHARACTERS = 2_500_000
# Every character `str.split` and a pattern's `\s` part words at (the last is U+3000).
_BLANKS = "".join(char for char in map(chr, range(0x3001)) if char.isspace())
# A word, or a line break as `str.splitlines` reads one (a CRLF is one).
_PIECE = re.compile(r"\S+|\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

# Once the date is removed, a timestamp line has nothing left but separators and zone names.
DATE_RESIDUE = re.compile(
    rf"(?i:{MONTH_PATTERN})|\d+|[ap]\.?m\.?|\b(?:utc|gmt|cet|cest|msk|est|edt|pst|pdt)\b|(?<=\d)z\b|[\s|,.:/+\-–T()]", re.IGNORECASE
)
# An address: a local part's last character, "@", a domain with a dot. Looked for from the "@" on:
# a pattern opening on the local part's run tried each of its characters as a start, and a line of
# a hundred thousand word characters with an "@" in it (a page's inline data, printed by a naive
# converter) took 46 seconds.
EMAIL = re.compile(r"(?<=[\w.+-])@[\w-]+\.[\w.-]+")
# Every date `parse_date` reads holds a digit (`\d`, as its patterns and `int` read digits).
_DIGIT = re.compile(r"\d")
PHONE = re.compile(r"^(?:tel\.?|phone|fax)?:?\s*\+?[\d\s().-]{7,22}$", re.IGNORECASE)
# Besides a decimal digit and a blank (`\d`, `\s`), the characters PHONE's number may end on.
_PHONE_END = "().-"
LOCALE = re.compile(r"^[a-z]{2}[_-][A-Za-z]{2}$")
BARE_YEAR = re.compile(r"^(?:19|20)\d{2}$")
# A copyright line starts with the sign or the word, or says "all rights reserved" anywhere, in the
# dev pages' languages (Polish sites print "Materiał chroniony prawem autorskim", "material protected
# by copyright", under the article): the sign or the word by a pattern, the phrases by their text.
COPYRIGHT_START = re.compile(r"(?:©|\(c\)|copyright\b)", re.IGNORECASE)
# Characters of code, not of a topic's name, in a comma-separated list.
CODE_CHARACTERS = re.compile(r"[;{}\[\]=<>*_|\\]")
# Looked for in a line's `text_key` (case-folded already): one case-insensitive pattern of them all
# cost eight times what "all rights reserved" alone did, 3% of a flattened dump's reading.
RIGHTS_RESERVED = (
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "wszelkie prawa zastrzeżone",
    "materiał chroniony prawem autorskim",
    "alle rechten voorbehouden",
)
# A site's disclaimer of what it links to or lets readers post, in the wording sites copy from
# one another (the German legal-notice templates, the BBC's line under every page); a court's ruling
# on such liability reported in an article ("is not liable for …") words it otherwise. Written as
# `text_key` prints them, so that they are looked for in a line's key as `RIGHTS_RESERVED` are
# ("n'est" is "nest" there).
DISCLAIMERS = (
    "keine haftung für die inhalte externer links",
    "is not responsible for the content of external sites",
    "is not responsible for the opinions",
    "nie ponosi odpowiedzialności za treść",
    "no se hace responsable de las opiniones",
    "nest pas responsable des propos",
)
# The site's notices a line's key is searched for, both kinds in one pass.
SITE_NOTICES = (*RIGHTS_RESERVED, *DISCLAIMERS)


# A blog post's line of data (its categories, tags, author and permalink) has at most this many words;
# a reader's comment glued after a "Go to permalink" link has more.
POST_META_WORDS = 20
PERMALINK_WORDS = frozenset(("permalink", "permanentlink"))
# A line of tags after its label ("Tags: …") is a few topics, never a paragraph of this many words.
TAG_LINE_WORDS = 30
# What parts the topics of a labelled line of tags.
TAG_SEPARATOR = re.compile(r"\s*[,;•·|]\s*")
# A labelled line's topics not parted by a separator are taken for one tag up to this many words;
# more is a converter's glue ("Adobeadobe flashadobe flash player…"), kept out of the tags.
TAG_WORDS = 4
# The line model's probability above which a unit is article text. A unit cut from a line that held
# the whole page (a sentence whose edges are guesses, see `units.Unit.flat`) needs more than a
# block the converter printed on lines of its own: on the dev pages dumped in nine layouts that
# print blocks, 0.45 for blocks kept as much of the articles' text (body F1 within 0.0005, BeautifulSoup's
# text nodes +0.002 to +0.004), moved snippets F1 by -0.003 (lynx) to +0.006 (stripped text nodes),
# and no longer empties a page of one short paragraph; flattened dumps lost both below 0.5.
CONTENT_THRESHOLD = 0.5
BLOCK_THRESHOLD = 0.45
# A headline span the search found at a flattened unit's end, after this many words, ends the lede's
# sentence, which names the headline ("Die ifzw impulsstiftung und Dago Leukefeld besiegeln ihre gute
# Zusammenarbeit …: Dago Leukefeld wird „Botschafter des Sports“ der ifzw impulsstiftung."); what a
# page prints before a headline in the same block is a label of a few words ("Supported by").
SENTENCE_BEFORE_HEADLINE = 8
# Without a headline, the lines above the article's first that its byline may take (`_byline_update`).
BYLINE_REACH = 3
# Past this many units a "dump" is a collection of texts, not one page with its furniture, which
# is what the model learnt; and its walk holds an array of units x trees.
MAX_MODEL_UNITS = 5000
FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whose",
        "whom",
        "into",
        "onto",
        "over",
        "under",
        "after",
        "before",
        "about",
        "against",
        "between",
        "during",
        "without",
        "within",
        "across",
        "through",
        "toward",
        "towards",
        "upon",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "not",
        "no",
        "said",
        "says",
        "told",
    ]
)


def _is_phone(text: str) -> bool:
    """Whether `text` is a phone number alone (`PHONE`). Asked of every line of a dump: the number runs
    to the line's end, so a line that ends on anything else (a letter, a full stop after one) is
    ruled out by its last character, not by the pattern."""
    last = text[-1:]
    return (last.isdecimal() or last.isspace() or last in _PHONE_END) and PHONE.match(text) is not None


def _has_email(text: str) -> bool:
    # The `in` test spares most lines the pattern's backtracking scan.
    return "@" in text and EMAIL.search(text) is not None


def _is_post_meta(key: str, flat: bool) -> bool:
    """Whether a line's `key` is a blog post's line of data that links to the post itself ("Posted in
    Feelings and tagged baby. Bookmark the permalink.", "Dieser Eintrag wurde veröffentlicht in … von
    bjoern. Permanentlink.", "Permalink: https://…", "2013-09-29 — in Code — Permalink — License"): a
    few words, one of them its permalink; in a unit cut from a flattened page, its first or last word,
    as a link glued before a sentence ("Go to permalink We all buy …") makes no such line."""
    if "permalink" not in key and "permanentlink" not in key:
        return False
    words = key.split()
    if len(words) > POST_META_WORDS:
        return False
    return not flat or bool(PERMALINK_WORDS.intersection((words[0], words[-1])))


def _reads_as_standfirst(text: str) -> bool:
    """Whether the line under a headline can be its standfirst: not a byline ("By Anna Berg, Senior
    Writer"), a list's item, an appeal to subscribe, or a line of dates and labels ("April 28, 2019
    at 6:01 am Updated …", "18.02.2022, 10:27 | Recht & Gesetz | Jetzt kommentieren"), which holds
    a date and ends no sentence."""
    return not (
        BYLINE.match(text) or LIST_ITEM.match(text) or is_appeal(text) or (not ends_sentence(text) and parse_date(text) is not None)
    )


def _timestamp(text: str) -> tuple[DateLabel | None, PartialDate] | None:
    """(label, PartialDate) when the whole line is a date, possibly labelled; else None."""
    # What is left once a bullet and a label are cut off is the line's end, and holds a digit
    # within its last 60 characters: a line without one is no timestamp.
    if not _DIGIT.search(text, max(0, len(text) - 60)):
        return None
    text = BULLET.sub("", text)
    label = None
    labelled = line_label(text)
    if labelled is not None:
        label, text = labelled
    if len(text) > 60 or not _DIGIT.search(text):
        return None
    found = parse_date(text)
    if found is None or DATE_RESIDUE.sub("", text).strip():
        # A labelled date with a month's name in another language ("Veröffentlicht am 4. März 2021").
        # A bare one is left to `dumps.dates`, which tells the byline's from the teasers' around it.
        found = whole_written_date(text) if labelled is not None else None
    return (label, found) if found is not None else None


def _is_tag_like(text: str) -> bool:
    return (
        len(text) > 1
        and text[0].islower()
        # A text browser's bullet for a nested list item ("o Übersicht"): a menu's, not a topic.
        and not (text.startswith("o ") and text[2:3].isupper())
        # A line of code ("if (res.ok) {", "status_code,") opens in lower case too.
        and not text.endswith(",")
        and not CODE_CHARACTERS.search(text)
        and n_words(text) <= 6
        and len(text) <= 60
        and not text.endswith(tuple(".!?:"))
        and "://" not in text
    )


def _keyword_items(text: str) -> list[str] | None:
    if text.count(",") < 2 or (ends_sentence(text) and not text.endswith(")")):
        return None
    items = [item.strip() for item in text.split(",")]
    if len(items) < 3 or any(not item or n_words(item) > 5 or not _names_topic(item) for item in items):
        return None
    lowercase = sum(1 for item in items if item[0].islower())
    if lowercase >= 0.7 * len(items) or (len(items) >= 4 and all(n_words(item) <= 3 for item in items)):
        return items
    return None


def _names_topic(item: str) -> bool:
    """Whether an item of a comma-separated list can be a topic: it opens on a letter and holds no
    code ("count(*) AS entries", "4]) AS n;") and is not a count ("0 files removed")."""
    return item[0].isalpha() and not CODE_CHARACTERS.search(item)


def _labelled_tags(text: str) -> list[str] | None:
    """The topics of a line of tags its label opens ("Tags: Bilt, Cent", "Schlagwörter: Frauen im Sport"),
    or None for any other line."""
    label = TAG_LABEL.match(text) if ":" in text else None
    if label is None or label.end() == len(text) or n_words(text) > TAG_LINE_WORDS or ends_sentence(text):
        return None
    items = [item for item in TAG_SEPARATOR.split(text[label.end() :]) if item]
    return [item for item in items if len(items) > 1 or n_words(item) <= TAG_WORDS]


class _Reader:
    def __init__(self, text: str, url: str | None) -> None:
        units = split_units(text)
        self.language: str | None = dump_language(units)
        self.units = without_repeated(cut_teaser_headlines(units, stoplist(self.language)))
        """The line model's input: the units the lines are made of, unchanged until it has read them."""
        line_text_keys, self.keys = text_and_comparison_keys([unit.text for unit in self.units])
        """The units' `comparison_key`s: the line model's words and the headline search's keys, both
        read before any line's text changes."""
        self.lines = [
            Line(unit.text, i, unit.blank_before, source=unit.source, glued=unit.glued, known_key=key)
            for i, (unit, key) in enumerate(zip(self.units, line_text_keys, strict=True))
        ]
        self.fields = Fields(method=ExtractionMethod.TEXT, url=url)
        self.tags: list[str] = []
        self.short_items: list[int] = []
        """The short bulleted lines taken for a menu's items before the line model read the dump."""
        self.short_lines: list[int] = []
        """The short lines printed once or twice (a subheading, and its entry in the contents) that
        were taken for the interface's before the line model's reading counted."""
        self.found_url: str | None = None
        self.timestamps: list[tuple[int, DateLabel | None, PartialDate]] = []
        """The timestamp lines' positions, labels and dates."""
        self.start: int | None = None
        """The article's first unit (see `article_body.body_start`)."""
        self.title_at: int | None = None
        self.uncut: tuple[int, str] | None = None
        """The unit a headline was cut from, with its text before the cut (the date printed by the headline may be in it)."""
        self.headline_rest = False
        """Whether the headline was cut from the front of its unit, which holds what followed it since."""
        self.doubted: list[Line] = []
        """The sentences of a flattened page the line model dropped (see `_keep_block_ends`)."""

    def run(self) -> Fields:
        self._classify_patterns()
        self._classify_notices()
        self._classify_tag_runs()
        self._score_lines()
        title_line = self._find_title()
        self._classify_repeats(title_line)
        self._classify_contact_blocks()
        self._classify_teasers()
        subtitle_line = self._find_subtitle(title_line)
        self._classify_by_model(title_line, subtitle_line)
        self._classify_pickers()
        self._classify_appeals()
        self._classify_captions()
        self._keep_block_ends()
        self._cut_comment_section()
        if title_line is not None:
            self.fields.title = closed_colon(title_line.text, self.language)
        if subtitle_line is not None:
            self.fields.subtitle = subtitle_line.text
        paragraphs = self._body(title_line, subtitle_line)
        # A page whose only text is its standfirst (a teaser, a short notice) is that text: taken
        # for the subtitle, it would leave the article without a body and the document lost.
        if not paragraphs and subtitle_line is not None:
            paragraphs, self.fields.subtitle = [subtitle_line.text], None
        self.title_at = title_line.position if title_line is not None else None
        self.fields.authors = find_authors(self.lines, self.title_at, self.start)
        self._finish(paragraphs)
        return self.fields

    def _classify_patterns(self) -> None:
        keys = [line.key for line in self.lines]
        # Each notice is looked for once in the page's keys joined, not against every line (four times the cost).
        noticed = holding(keys, "\n".join(keys), SITE_NOTICES)
        for line in self.lines:
            text = line.text
            # Both URL patterns begin with the scheme: most lines are spared them.
            image = IMAGE_URL.match(text) if text.startswith("http") else None
            if image:
                line.kind = LineKind.IMAGE
                self.fields.image_url = self.fields.image_url or image[1]
                continue
            url = URL_AT_START.match(text) if text.startswith("http") else None
            if url:
                line.kind = LineKind.URL
                if self.found_url is None and looks_like_article(url[1]):
                    self.found_url = url[1]
                continue
            stamp = _timestamp(text)
            if stamp:
                line.kind = LineKind.TIMESTAMP
                self.timestamps.append((line.position, *stamp))
                continue
            labelled = _labelled_tags(text)
            if labelled is not None:
                line.kind = LineKind.TAGS
                self.tags.extend(labelled)
                continue
            items = _keyword_items(text)
            if items and line.position > 0:
                line.kind = LineKind.TAGS
                self.tags.extend(items)
                continue
            key = line.key
            if reads_as_name_list(text):
                line.kind = LineKind.BOILERPLATE
                continue
            if is_labelled_teaser(text) or links_to_neighbour(text):
                line.kind = LineKind.BOILERPLATE
                continue
            # A block of a flattened page that opens with a teaser label of two words or more and ends
            # no sentence, or on a question as a teaser's headline may ("Artículos relacionados el
            # Nuevo Herald Sur de la Florida El jamón ibérico …"), is the list the label heads, glued
            # to it: the labels are cut out of the text only before a capital (`split_at_labels`).
            # Of the one-word labels, only those that head a list do ("Related", "Relacionadas"):
            # "Next" and "Previous" open sentences too ("Next Monday the ferry …"). A single link's
            # label opens its one headline, glued to it or not ("Informate más Inflación que escala:
            # ¿…?", "Más sobre La Tercera AM"), in any layout. A block that is the label alone heads the
            # teasers after it, as the label on a line of its own does (`_classify_teasers`).
            if (
                text[0].isupper()
                and (not ends_sentence(text) or text.endswith("?"))
                and (
                    (
                        self.units[line.position].flat
                        and (opens_with_teaser_marker(key, shortest=2) or key.split(maxsplit=1)[0] in LIST_HEADING_WORDS)
                    )
                    or opens_with_link_label(key)
                )
            ):
                line.kind = LineKind.TEASER_MARKER if key in TEASER_MARKERS else LineKind.BOILERPLATE
                continue
            # A short header that opens with a teaser label and announces a list ("Lesen Sie auch die
            # folgenden Beiträge:", "Read More Stories About:") heads the list as the label alone does.
            if text.endswith(":") and n_words(text) <= TEASER_HEADER_WORDS and opens_with_teaser_marker(key):
                line.kind = LineKind.TEASER_MARKER
                continue
            if (
                key in UI_PHRASES
                or is_reading_time(text)
                or is_credit(text)
                or (len(text) == 5 and LOCALE.match(text))
                or (len(text) == 4 and BARE_YEAR.match(text))
                or COPYRIGHT_START.match(text)
                or line.position in noticed
                or (_has_email(text) and n_words(text) <= 6)
                or _is_phone(text)
                or _is_post_meta(key, self.units[line.position].flat)
            ):
                line.kind = LineKind.TEASER_MARKER if key in TEASER_MARKERS else LineKind.BOILERPLATE
                continue
            # A short bulleted line is a menu's item, unless the article's list (see `items_between`).
            if BULLET.match(text) and n_words(text) <= 5 and not ends_sentence(text):
                line.kind = LineKind.BOILERPLATE
                self.short_items.append(line.position)
                continue
            # An excerpt cut short (no sentence end, or an ellipsis) before a "Read more" link is
            # another story's teaser ("… you're immediately overloaded with sights, sounds,… Read more").
            excerpt = read_on_excerpt(text)
            if excerpt is not None and (not ends_sentence(excerpt) or excerpt.endswith(ELLIPSIS)):
                line.kind = LineKind.BOILERPLATE

    def _classify_notices(self) -> None:
        """Cookie consent notices and notices about the reader's browser are the site's, however
        well-formed their sentences (see `consent`, `browser_notices`)."""
        texts = [line.text for line in self.lines]
        for index in (*consent_runs(texts), *browser_notices(texts)):
            if self.lines[index].kind == LineKind.CONTENT:
                self.lines[index].kind = LineKind.BOILERPLATE

    def _classify_pickers(self) -> None:
        """A form picker's options the line model kept (see `pickers`) are the page's, not the article's."""
        texts = [line.text for line in self.lines]
        for index in picker_options(texts, [line.kind == LineKind.CONTENT for line in self.lines]):
            if self.lines[index].kind == LineKind.CONTENT:
                self.lines[index].kind = LineKind.BOILERPLATE

    def _classify_appeals(self) -> None:
        """The site's appeals to subscribe, follow it or support it (see `appeals`) among the lines the
        model keeps: its wording is looked for there only, as scanning every line of a dump for it
        would cost a tenth of the dump's reading."""
        kept = [line for line in self.lines if line.kind == LineKind.CONTENT]
        for index in appeals([line.text for line in kept]):
            kept[index].kind = LineKind.BOILERPLATE

    def _classify_captions(self) -> None:
        """A kept line of its own that ends on a picture's credit is the picture's caption (see
        `photo_credits.is_caption`); a flattened page's credits are cut out of its sentences instead,
        and there a kept unit printed just before a credit in brackets is its caption (`is_flat_caption`)."""
        for line in self.lines:
            if line.kind != LineKind.CONTENT:
                continue
            if self.units[line.position].flat:
                following = self.lines[line.position + 1].text if line.position + 1 < len(self.lines) else ""
                if is_flat_caption(line.text, following):
                    line.kind = LineKind.BOILERPLATE
            elif is_caption(line.text):
                line.kind = LineKind.BOILERPLATE

    def _score_lines(self) -> None:
        units = self.units
        if not units or len(units) > MAX_MODEL_UNITS:
            return
        for line, probability in zip(self.lines, line_model.load().probabilities(features(units, self.language, self.keys)), strict=False):
            line.content = float(probability)

    def _classify_by_model(self, title: Line | None, subtitle: Line | None) -> None:
        # A dump unlike any page the model learnt from (one sentence repeated, a bare list) can get
        # no line above the threshold: the rules' reading is kept rather than losing the document.
        if not any(line.kind == LineKind.CONTENT and line.content >= CONTENT_THRESHOLD for line in self.lines):
            return
        kept: Line | None = None
        dropped: list[Line] = []
        for line in self.lines:
            if line.kind != LineKind.CONTENT or line is title or line is subtitle:
                continue
            # The end of a sentence a line break cut off ("... in logistics and" / "construction.")
            # is the sentence's, however little the model makes of its few words on their own (the
            # sentences of one long line are the model's own units, each judged on its own).
            broken_off = kept is not None and line.source != kept.source and self._continues(kept, line, blank_separated=False)
            if line.content >= self._threshold(line) or broken_off:
                kept = line
            else:
                line.kind = LineKind.BOILERPLATE
                dropped.append(line)
                kept = None
        # The sentences cut from a flattened line are left to the model, whose second stage reads
        # their neighbours, the same paragraph's sentences; but for one it drops between two it keeps.
        sentences = [line for line in dropped if self.units[line.position].flat]
        paragraphs = [line for line in dropped if not self.units[line.position].flat]
        for line in prose_between(self.lines, paragraphs) + sentences_between(self.lines, sentences):
            line.kind = LineKind.CONTENT
        self.doubted = sentences
        # A name's first word cut off the sentence it opens goes back to it (see `openers_cut_off`);
        # alone, it was taken for a label before the model read it (one word printed once).
        words = [self.lines[position] for position in self.short_lines if self.units[position].flat]
        for word, opened in openers_cut_off(self.lines, sentences + words, stoplist(self.language)):
            if opened is not title and opened is not subtitle:
                opened.text = f"{word.text} {opened.text}"
        if title is not None and self.start is not None:
            for line in sentences_before(sentences, title.position, self.start, rest_of_headline=self.headline_rest):
                line.kind = LineKind.CONTENT
        if self.start is not None:
            for line in items_between(self.lines, self.short_items, self.start) + headings_between(
                self.lines, self.short_lines, self.start
            ):
                line.kind = LineKind.CONTENT
            for line in detached_before(self.lines, self.start):
                if line is not title and line is not subtitle:
                    line.kind = LineKind.BOILERPLATE
        # A list's items before the headline are the site's (a column of other stories' headlines, a
        # menu), however much they read like headlines: an article's lists follow its headline.
        if title is not None:
            for line in self.lines[: title.position]:
                if line.kind == LineKind.CONTENT and BULLET.match(line.text):
                    line.kind = LineKind.BOILERPLATE

    def _keep_block_ends(self) -> None:
        """The statements that close a block of a flattened page after a sentence of it that is kept
        (see `sentences_closing_block`). Read once the appeals and captions are dropped: a statement
        after a sign-up box's appeal is the box's ("Wir informieren Sie täglich …"), and one that is an
        appeal itself stays dropped."""
        dropped = [line for line in self.doubted if line.kind == LineKind.BOILERPLATE]
        for line in sentences_closing_block(self.lines, dropped):
            if not is_appeal(line.text):
                line.kind = LineKind.CONTENT

    def _threshold(self, line: Line) -> float:
        return CONTENT_THRESHOLD if self.units[line.position].flat else BLOCK_THRESHOLD

    def _cut_comment_section(self) -> None:
        """The readers' comments are cut as a block, from where the thread starts (see `dumps.comments`)."""
        last = next((index for index in range(len(self.lines) - 1, -1, -1) if self.lines[index].kind == LineKind.CONTENT), None)
        if last is None:
            return
        start = thread_start(self.lines, last)
        if start is None:
            return
        for line in self.lines[start:]:
            if line.kind == LineKind.CONTENT:
                line.kind = LineKind.BOILERPLATE

    def _classify_tag_runs(self) -> None:
        run: list[Line] = []
        for line in [*self.lines, Line("", -1, True, kind=LineKind.END)]:
            if line.kind == LineKind.CONTENT and _is_tag_like(line.text):
                run.append(line)
                continue
            if len(run) >= 3:
                for member in run:
                    member.kind = LineKind.TAGS
                    self.tags.append(member.text)
            run = []

    def _find_title(self) -> Line | None:
        """The headline (see `dumps.headlines.search`); found inside a longer unit, it is cut from it."""
        self.start, found = locate_headline(self.lines, self.fields.url or self.found_url, stoplist(self.language), self.keys)
        if found is None:
            return None
        host = self.lines[found.line]
        if found.whole_line:
            return host
        # The blocks of a flattened dump that the headline's text opens in hold the menu before it.
        for line in self.lines[found.first : found.line] if found.first is not None else []:
            line.kind = LineKind.BOILERPLATE
        rest = host.text[found.end :].lstrip(" -|–—:·•»")
        self.uncut = (found.line, host.text)
        title = Line(found.text, host.position, host.blank_before, kind=LineKind.TITLE, source=host.source)
        # A headline ending its unit leaves only what the page prints before it ("Supported by"), but a
        # span with a sentence's words before it is the end of the lede's sentence, which repeats the
        # headline (see `SENTENCE_BEFORE_HEADLINE`): the unit is left whole to the line model.
        if not rest and n_words(host.text[: found.end]) - n_words(found.text) >= SENTENCE_BEFORE_HEADLINE:
            return title
        host.kind = host.kind if rest else LineKind.BOILERPLATE
        # A flattened page glues the headline's labelled date to it ("… krytycznej opublikowano: 7
        # kwietnia 2021"): read whole, the unit was no timestamp, and its rest is the date alone.
        if rest and _timestamp(rest) is not None:
            host.kind = LineKind.TIMESTAMP
        self.headline_rest = bool(rest)
        host.text = rest or host.text
        host.key = text_key(host.text)
        return title

    def _classify_repeats(self, title: Line | None) -> None:
        counts = Counter(line.key for line in self.lines)
        title_key = title.key if title else None
        publisher_counts: Counter[str] = Counter()
        for line in self.lines:
            key = line.key
            if line is not title and key == title_key:
                line.kind = LineKind.TITLE_COPY
                continue
            if line.kind not in (LineKind.CONTENT, LineKind.BOILERPLATE):
                continue
            # Only short lines that end no sentence are read on; the end is the cheaper test, so it comes first.
            if ends_sentence(line.text):
                continue
            words = n_words(line.text)
            if words > 6:
                continue
            if line.kind == LineKind.CONTENT and (counts[key] >= 2 or words == 1):
                line.kind = LineKind.BOILERPLATE
                if counts[key] <= HEADING_COPIES:
                    self.short_lines.append(line.position)
            if counts[key] >= 3 and line.text[0].isupper() and not _has_email(line.text) and any(c.isalpha() for c in line.text):
                publisher_counts[line.text] += 1
        self.fields.publisher = repeated_name(publisher_counts, self.fields.url or self.found_url)

    def _classify_contact_blocks(self) -> None:
        """Short lines next to an e-mail address or phone number belong to the same contact block."""
        anchors = [i for i, line in enumerate(self.lines) if _has_email(line.text) or _is_phone(line.text)]
        for index in anchors:
            for neighbour in self.lines[max(0, index - 2) : index + 3]:
                if neighbour.kind == LineKind.CONTENT and n_words(neighbour.text) <= 6 and not ends_sentence(neighbour.text):
                    neighbour.kind = LineKind.BOILERPLATE

    def _classify_teasers(self) -> None:
        """Headlines announced by "Next article", "Read also" and the like are links to other stories."""
        for index, line in enumerate(self.lines):
            if line.kind != LineKind.TEASER_MARKER:
                continue
            limit = 1 if line.key in SINGLE_TEASER else LISTED_TEASERS
            for follower in self.lines[index + 1 : index + 1 + limit]:
                if follower.kind == LineKind.TEASER_MARKER:
                    break
                if follower.kind != LineKind.CONTENT or ends_sentence(follower.text) or n_words(follower.text) > TEASER_HEADLINE_WORDS:
                    break
                follower.kind = LineKind.BOILERPLATE

    def _find_subtitle(self, title: Line | None) -> Line | None:
        if title is None:
            return None
        following = [line for line in self.lines[title.position + 1 :] if line.kind != LineKind.TITLE_COPY]
        if not following or following[0].kind != LineKind.CONTENT:
            return None
        candidate = following[0]
        if not 6 <= n_words(candidate.text) <= 80 or find_dateline(candidate.text) or not _reads_as_standfirst(candidate.text):
            return None
        rest = following[1:]
        next_content = next((line for line in rest if line.kind == LineKind.CONTENT), None)
        if next_content is None:
            return None
        separated = bool(rest) and rest[0].kind in (LineKind.TIMESTAMP, LineKind.BOILERPLATE, LineKind.TEASER_MARKER)
        if separated or find_dateline(next_content.text):
            return candidate
        return None

    def _body(self, title: Line | None, subtitle: Line | None) -> list[str]:
        content = [line for line in self.lines if line.kind == LineKind.CONTENT and line is not title and line is not subtitle]
        blank_separated = sum(1 for line in content[1:] if line.blank_before) >= 2
        paragraphs: list[str] = []
        # The paragraph being joined, held apart from `paragraphs` so that CPython extends it in place:
        # a flattened page's thousands of sentences are joined in linear time, not copied at each one.
        current: str | None = None
        previous: Line | None = None
        for line in content:
            if current is not None and previous is not None and self._continues(previous, line, blank_separated):
                current += break_joint(current, line.text) + line.text
            else:
                if current is not None:
                    paragraphs.append(current)
                current = line.text
            previous = line
        if current is not None:
            paragraphs.append(current)
        return deduplicate(paragraphs)

    def _continues(self, previous: Line, line: Line, blank_separated: bool) -> bool:
        """Was `line` broken off the end of `previous`? Only adjacent lines can be, never across a blank."""
        if line.position == previous.position + 1 and line.source == previous.source:
            return True
        if line.position != previous.position + 1 or line.blank_before or ends_sentence(previous.text):
            return False
        if blank_separated or previous.text.endswith(",") or line.text[0].islower():
            return True
        last_word = previous.text.rsplit(" ", 1)[-1].casefold()
        return last_word in FUNCTION_WORDS and n_words(previous.text) >= 5

    def _article_stamps(self, order: NumericOrder) -> list[tuple[DateLabel | None, PartialDate]]:
        """The timestamp lines that may date the article. An unlabelled one may be another item's: it
        is not the article's inside its text (`dates.inside_text`: a cited source's, a picture's)
        nor among dates of other days after it (`dates.dated_list_after`: comments, the next
        stories, whose numeric dates `order` reads). A label says whose date it is wherever it stands."""
        unlabelled = [(position, value) for position, label, value in self.timestamps if label is None]
        if not unlabelled:
            return [(label, value) for _, label, value in self.timestamps]
        inside = inside_text(self.lines, self.start, [position for position, _ in unlabelled]) if self.start is not None else set()
        dropped = inside | dated_list_after(self.lines, unlabelled, order)
        return [(label, value) for position, label, value in self.timestamps if position not in dropped]

    def _byline_update(self) -> PartialDate | None:
        """The first timestamp line labelled an update between the headline (or, without one, the
        few lines above the article) and the article's first line: the byline's."""
        if self.start is None:
            return None
        first = self.title_at if self.title_at is not None and self.title_at < self.start else self.start - BYLINE_REACH
        for position, label, value in self.timestamps:
            if label is DateLabel.UPDATED and first <= position <= self.start:
                return value
        return None

    def _finish(self, paragraphs: list[str]) -> None:
        fields = self.fields
        fields.url = fields.url or self.found_url
        fields.tags = self.tags
        if paragraphs:
            dateline = find_dateline(paragraphs[0])
            if dateline:
                fields.dateline = dateline
                if dateline.raw_agency:
                    paragraphs = [_strip_trailing_token(p, dateline.raw_agency) for p in paragraphs]
                fields.publisher = fields.publisher or dateline.agency
        fields.paragraphs = [p for p in paragraphs if p]
        unlabelled = []
        # The date shown by the headline is the article's; timestamps elsewhere may be a comment's or the masthead's.
        texts = [line.text for line in self.lines]
        if self.uncut is not None:
            texts[self.uncut[0]] = self.uncut[1]
        order = NumericOrder(texts, self.language, fields.url)
        if self.start is not None:
            shown = shown_date(self.lines, texts, self.title_at, self.start, order)
            if shown is not None:
                fields.published.append(DatedValue(shown, DateSource.VISIBLE))
        for label, value in self._article_stamps(order):
            if label is DateLabel.UPDATED:
                fields.modified.append(DatedValue(value, DateSource.TEXT_TIMESTAMP))
            else:
                fields.published.append(DatedValue(value, DateSource.TEXT_TIMESTAMP))
                unlabelled.append(value)
        # Pages print "published" then "updated" without labels; a later stamp is the update.
        if unlabelled and not fields.modified:
            latest = max(unlabelled, key=lambda v: v.as_utc())
            if latest.as_utc() > unlabelled[0].as_utc():
                fields.modified.append(DatedValue(latest, DateSource.TEXT_TIMESTAMP))
        dateline = fields.dateline
        if dateline and dateline.year and dateline.month and dateline.day:
            found = make_date(dateline.year, dateline.month, dateline.day)
            if found:
                fields.published.append(DatedValue(found, DateSource.TEXT_DATELINE))
        from_url = date_from_url(fields.url)
        if from_url:
            fields.published.append(DatedValue(from_url, DateSource.URL))
        # A byline that prints only its update ("Updated: January 16, 2020") dates the page, whether a
        # converter glued it to the byline (`shown_date` reads it then) or printed it on a line of its own.
        update = self._byline_update() if not fields.published else None
        if update is not None:
            fields.published.append(DatedValue(update, DateSource.TEXT_TIMESTAMP))
        if not fields.published and dateline and dateline.month and not dateline.year:
            fields.warnings.append(ExtractionWarning.YEAR_NOT_GUESSED)
        body = "\n".join(fields.paragraphs)
        fields.language = language.detect(body) if self.language is None else self.language


def _strip_trailing_token(paragraph: str, token: str) -> str:
    """Wire copy sometimes ends paragraphs with the agency credit (`... during talks. ANI`)."""
    if paragraph.endswith(" " + token) and paragraph[: -len(token) - 1].endswith(TERMINAL):
        return paragraph[: -len(token) - 1]
    return paragraph


def extract_text(text: str, url: str | None = None) -> Fields:
    return _Reader(text, url).run()


def refuse_overlong(text: str) -> None:
    """Raise `ExtractionError` for a dump of more than `MAX_CHARACTERS` characters besides blanks or
    more than `MAX_PIECES` words and line breaks (counted only as far as one past the limit); called
    before the dump is read or its site learns from it."""
    # Each blank counted by `str.count`, in C. A dump has at most one word more than blanks, and
    # its line breaks are blanks too: its pieces are counted one by one only where twice its blanks
    # leave the limit open.
    blanks = sum(map(text.count, _BLANKS))
    if len(text) - blanks > MAX_CHARACTERS:
        raise ExtractionError(f"dump has {len(text) - blanks} characters besides blanks, over the {MAX_CHARACTERS} limit for one article")
    if 2 * blanks >= MAX_PIECES and sum(1 for _ in itertools.islice(_PIECE.finditer(text), MAX_PIECES + 1)) > MAX_PIECES:
        raise ExtractionError(f"dump has over {MAX_PIECES} words and lines, the limit for one article")
