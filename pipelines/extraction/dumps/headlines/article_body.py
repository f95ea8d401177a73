"""Where the article starts in a dump and the words it uses: the first dense run of lines the line
model takes for article text (`body_start`), the stems of its first paragraphs' content words
(`body_vocabulary`), how many of a candidate's words it shares (`cohesion`), the words of the
URL's slug, and the stand-in stop words of a dump whose language is not known. The headline is
looked for before that start and judged by that vocabulary."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from pipelines.extraction.dumps.headlines.text import content_words, is_heading, line_keys, stem
from pipelines.extraction.dumps.lines import BULLET, DumpLine, LineKind, n_words
from pipelines.extraction.text_keys import comparison_key
from pipelines.extraction.urls import address_spellings

# Article lines, counted back from the densest point, that may be separated by this many others.
BLOCK_GAP = 4
# Lines either side of a line whose text makes its window's mass.
WINDOW_HALF = 5
# The share of the densest window's mass the article's first block must have.
FIRST_BLOCK = 0.35
# How far above the densest window's centre the `<title>`'s last copy may stand (see `past_teaser_copy`).
TEASER_COPY_REACH = 3 * WINDOW_HALF
# The line model's chance from which a line is article text.
CONTENT = 0.5
# Fewer content words than this count as this many (see `cohesion`).
COHESION_WORDS = 3
# Without the language's stop list, the dump's most frequent words this short stand in for it.
SHORT_WORD = 4
FREQUENT_WORDS = 40
# The article's first units whose words make its vocabulary (a long page ends in comments and teasers).
BODY_UNITS = 60
# Segments a URL may add after its slug (`/slug/2022/12/29/`).
TRAILING_SEGMENTS = 3


def is_article_text(line: DumpLine) -> bool:
    """Whether the line model takes `line` for article text."""
    return line.kind == LineKind.CONTENT and line.content >= CONTENT


def body_start(lines: Sequence[DumpLine], keys: Sequence[str] | None = None) -> int | None:
    """The article's first line: its first run of likely article text (a gallery, a teaser list or
    comments below it may be denser), followed back over gaps of a few units (a caption, a share bar)
    and subheadings, to its first line that is not a heading (`keys`: the lines' `comparison_key`s, if known)."""
    mass = _text_mass(lines)
    if not any(mass):
        return None
    windows = _window_mass(mass)
    # The first run with a fair share of the densest one's text: an article opens the page's text,
    # and its first paragraphs are not always its densest (a video player or a gallery interrupts it).
    densest = max(windows)
    first = next(i for i, window in enumerate(windows) if window >= FIRST_BLOCK * densest)
    start = first if mass[first] else next(i for i in range(first, len(mass)) if mass[i])
    # A dump that prints the article twice (a preview, then the page) is read at its densest copy,
    # the one with the headline and the lede.
    if comparison_key(lines[start].text) in set(keys[start + 1 :] if keys is not None else line_keys(lines[start + 1 :])):
        densest_at = windows.index(densest)
        start = densest_at if mass[densest_at] else next(i for i in range(densest_at, len(mass)) if mass[i])
    while True:
        earlier = [j for j in range(max(0, start - BLOCK_GAP - 1), start) if mass[j]]
        if not earlier or _lone(mass, earlier[-1], start):
            break
        start = earlier[0]
    # A bulleted item shaped like a heading is passed over as a heading is: a breadcrumb's last item
    # (`* <headline>`) just above the headline is not the article's first line.
    return next((i for i in range(start, len(lines)) if mass[i] and not is_heading(BULLET.sub("", lines[i].text))), start)


def past_teaser_copy(lines: Sequence[DumpLine], start: int, keys: Sequence[str]) -> int:
    """The article's first line where the dump opens on the page's `<title>` (a heading the line
    model reads as text) and prints it again as a heading after `start`, just above the dump's
    densest run of article text: the text from `start` on is a stream of other stories' teasers
    (a home page's, a modal article's background), which holds the article's own teaser too, and
    the article is the text under that last copy. `start` itself otherwise."""
    first = next((index for index, line in enumerate(lines) if line.text.strip()), None)
    if first is None or first >= start or lines[first].kind != LineKind.CONTENT or not is_heading(lines[first].text):
        return start
    copies = [index for index in range(start + 1, len(lines)) if keys[index] == keys[first] and is_heading(lines[index].text)]
    if not copies:
        return start
    mass = _text_mass(lines)
    windows = _window_mass(mass)
    densest_at = windows.index(max(windows))
    copy = next((index for index in reversed(copies) if index <= densest_at), None)
    if copy is None or densest_at - copy > TEASER_COPY_REACH:
        return start
    return next((index for index in range(copy + 1, len(lines)) if mass[index]), start)


def _text_mass(lines: Sequence[DumpLine]) -> list[float]:
    """Each line's weight as article text: its words, times the line model's chance, where it is article text."""
    return [line.content * n_words(line.text) if is_article_text(line) else 0.0 for line in lines]


def _window_mass(mass: list[float]) -> list[float]:
    """The text mass of each line's window (`WINDOW_HALF` lines either side)."""
    window = sum(mass[: WINDOW_HALF + 1])
    windows = [window]
    for i in range(1, len(mass)):
        if i + WINDOW_HALF < len(mass):
            window += mass[i + WINDOW_HALF]
        if i - WINDOW_HALF - 1 >= 0:
            window -= mass[i - WINDOW_HALF - 1]
        windows.append(window)
    return windows


def _lone(mass: list[float], line: int, start: int) -> bool:
    """Whether article-like `line`, a few units before `start`, stands alone: a cookie or
    subscription notice the model finds article-like, above the breadcrumb and the headline, is not
    the article's first paragraph, which a gap of a line or two (a caption, a dateline) at most parts from the rest."""
    return start - line > 2 and not any(mass[max(0, line - BLOCK_GAP - 1) : line])


def body_vocabulary(
    lines: Sequence[DumpLine], start: int, stops: frozenset[str], keys: Sequence[str] | None = None, lede_from: int | None = 0
) -> frozenset[str]:
    """Stems of the content words of the article's first units from unit `start` on (those the model
    takes for text); `keys` are the lines' comparison keys when the caller has them. The first unit's
    words, which echo the headline most, count from offset `lede_from` of its text; None: not at all,
    for a span printed inside it, which would vouch for itself. A flattened dump's printed sentence
    glues several blocks, the menu and the headline before the lede: only its last block (the
    lede's own text) is the article's."""
    return body_vocabularies(lines, start, stops, keys, [lede_from])[0]


def body_vocabularies(
    lines: Sequence[DumpLine], start: int, stops: frozenset[str], keys: Sequence[str] | None, ledes: Sequence[int | None]
) -> list[frozenset[str]]:
    """`body_vocabulary` for each of `ledes` (its `lede_from`), all at once: the headline search asks
    for the article's words with its first unit and without it, and the lines' keys are counted, and
    each distinct word of them all judged and stemmed, once for both."""
    keys = keys if keys is not None else [comparison_key(line.text) for line in lines]
    # Lines printed more than once are the site's ("Continue reading the main story"), not the article's.
    counts = Counter(keys)
    following = _article_keys(lines, start + 1, keys, counts)
    words = [set(" ".join(_body_keys(lines, start, keys, counts, lede_from, following)).split()) for lede_from in ledes]
    # An article repeats its words: each distinct one is judged and stemmed once.
    stems = {word: stem(word) for word in content_words(list(set().union(*words)), stops)}
    return [frozenset(stems[word] for word in found if word in stems) for found in words]


def _body_keys(
    lines: Sequence[DumpLine], start: int, keys: Sequence[str], counts: Counter[str], lede_from: int | None, following: list[str]
) -> list[str]:
    """The keys of the article's first units that make its vocabulary (see `body_vocabulary`);
    `following`: those after unit `start` (`_article_keys`), which every lede reads."""
    taken: list[str] = []
    if lede_from and start < len(lines) and is_article_text(lines[start]):
        taken.append(comparison_key(lines[start].text[lede_from:]))
    first = start if lede_from == 0 or start + 1 >= len(lines) else start + 1
    return [*taken, *(_article_keys(lines, first, keys, counts, start + 1) + following)[: BODY_UNITS - len(taken)]]


def _article_keys(lines: Sequence[DumpLine], first: int, keys: Sequence[str], counts: Counter[str], end: int | None = None) -> list[str]:
    """The keys of the article text's units printed once, from unit `first` up to `end` (None: on),
    `BODY_UNITS` of them at most."""
    taken: list[str] = []
    for index in range(first, len(lines) if end is None else min(end, len(lines))):
        if is_article_text(lines[index]) and counts[keys[index]] == 1:
            taken.append(keys[index])
            if len(taken) >= BODY_UNITS:
                break
    return taken


def _content_words(text: str, stops: frozenset[str]) -> list[str]:
    return content_words(comparison_key(text).split(), stops)


def cohesion(text: str, body: frozenset[str], stops: frozenset[str]) -> float:
    """Share of a candidate's content words the article uses too; one or two shared words are weak
    evidence (`Not a member yet?`), so fewer than `COHESION_WORDS` count as that many."""
    words = _content_words(text, stops)
    return sum(stem(word) in body for word in words) / max(len(words), COHESION_WORDS)


def slug_words(url: str | None) -> set[str]:
    """Words of a URL's slug when it reads like a headline (`...-vows-to-continue-...`): its last path
    segment, or the one before segments of one word or none (an id, a page number, a date:
    `/slug/400487461`, `/slug/21/`, `/slug/2022/12/29/`); a file name or a segment of two words or
    more has the last say. An address without a path gives its host's, as a home page's headline
    names its site."""
    if not url:
        return set()
    host, _, path = url.split("?", 1)[0].rpartition("://")[2].partition("/")
    segments = [segment for segment in path.split("/") if segment] or [host]
    for segment in reversed(segments[-1 - TRAILING_SEGMENTS :]):
        words = [word for word in re.split(r"[\W_]+", segment.casefold()) if word.isalpha()]
        if len(words) >= 2 or "." in segment:
            return set(words) if len(words) >= 3 else set()
    return set()


# A word written as one compound of slug words ("Thomanerchor-Geschäftsführer", keyed without its
# hyphen) spells at most this many of them.
COMPOUND_PARTS = 3


def slug_parts(words: Iterable[str], slug: set[str]) -> list[tuple[str, ...]]:
    """The words of the URL's `slug` each of `words` (comparison keys) spells: itself as the slug
    spells it (a slug writes German umlauts out or drops accents, "wärmepumpen" as waermepumpen,
    "canónica" as canonica; see `urls.address_spellings`); two or three where it is a compound the
    slug splits at its hyphens ("thomanerchorgeschäftsführer" as thomanerchor, geschaeftsfuehrer);
    none where it is no slug word."""
    if not slug:
        return [() for _ in words]
    # A compound opens and ends on a slug word and is at least two of the shortest long: only such a
    # spelling is cut into slug words. (A pattern of the slug's words, compiled for each page's
    # slug, cost more than the cuts it spared.)
    edges, shortest = tuple(slug), 2 * min(map(len, slug))
    # A dump's words recur (its stop words, its names): each distinct one is spelled once.
    spelled: dict[str, tuple[str, ...]] = {}
    found: list[tuple[str, ...]] = []
    for word in words:
        parts = spelled.get(word)
        if parts is None:
            parts = spelled[word] = _slug_spelling(word, slug, edges, shortest)
        found.append(parts)
    return found


def _slug_spelling(word: str, slug: set[str], edges: tuple[str, ...], shortest: int) -> tuple[str, ...]:
    """`slug_parts` of one word (`edges`: the slug's words, `shortest`: the shortest compound)."""
    for spelling in (word,) if word.isascii() else (word, *address_spellings(word)):
        if spelling in slug or (len(spelling) >= shortest and spelling.startswith(edges) and spelling.endswith(edges)):
            parts = _split(spelling, slug)
            if parts:
                return parts
    return ()


def spelled_slug_words(words: Iterable[str], slug: set[str]) -> set[str]:
    """The words of the URL's `slug` that `words` spell (see `slug_parts`)."""
    return set().union(*slug_parts(words, slug))


def _split(word: str, slug: set[str], parts: int = COMPOUND_PARTS) -> tuple[str, ...]:
    """`word` as a run of at most `parts` slug words, or () where it is none."""
    if word in slug:
        return (word,)
    for cut in range(len(word) - 1, 0, -1) if parts > 1 else ():
        if word[:cut] in slug and (rest := _split(word[cut:], slug, parts - 1)):
            return (word[:cut], *rest)
    return ()


def frequent_short_words(keys: Sequence[str]) -> frozenset[str]:
    """The dump's own most frequent short words (`keys`: its lines' keys): its stop words when its language is not known."""
    counts = Counter(word for key in keys for word in key.split() if len(word) <= SHORT_WORD and not word.isdigit())
    return frozenset(word for word, _ in counts.most_common(FREQUENT_WORDS))
