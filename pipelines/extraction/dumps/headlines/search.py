"""The headline of a plain-text dump, wherever the converter left it.

A dump's first line is rarely the headline: menus, breadcrumbs and "sponsored by" lines come
first, and a converter that flattens the page onto one line glues the headline between the menu
and the byline. The headline is looked for before the article's main block (the densest run of
lines the line model takes for article text; where no unit before it spells the URL's slug and a
span shortly after it does, that block was a login box or a teaser above the headline, and the
article starts at the span: `_start_past_slug`; a sign-in or subscription box taken for its first
units is passed over: `_start_past_box`), among

- lines shaped like a heading (a few words, no full stop, not a bullet or numbered item);
- word spans the dump prints twice or more (the `<title>` and the `<h1>`, the breadcrumb and the
  heading, the share text), which is how it is found inside a flattened line;
- runs of words that spell most of the URL's slug;
- spans of running text (a flattened dump glues the headline between the menu and the byline,
  date or lede), picked by the words the article uses and by where a block visibly ends (the few
  of most value, each ending elsewhere);
- runs of one to three of the blocks a flattened dump was cut into (`block_breaks`), shortly
  before the article: the cuts find a headline whose words the article does not echo, and whether
  a candidate's edges fall on cuts is one of its features (a run cut inside a phrase the dump
  prints twice is a piece of it and is not offered), and a glued span that a byline or a date ends
  offered from where the block before its own opens (`_block_opened`), one that opens inside a
  sentence from the capital that opens it (`_sentence_opened`), one that opens after a dash or a
  colon inside a block from where the block opens (`_part_opened`);

but not the items of a numbered list of headlines (a "most read" box) nor their copies
(`teaser_lists`); they are ranked by a learned model (`dumps.headlines.model`, models/headlines.json, made by
`bench/train_headline_model.py` from HTML pages whose `<h1>`/`<title>` names the headline) on
what marks a headline on any site and in any language (`headline_candidates` computes it for
each candidate): it stands alone (blank lines around it), it is repeated but not as often as the
site's interface, the URL's slug spells it, the article uses its words (a menu's or a teaser's it
does not), it is close before the body, a byline or a date follows it, its edges fall where a unit
or a block ends, and the line model finds it more article-like than the menu around it. The
hand-weighted score of these facts (`dumps.headlines.features.hand_score`), which ranked the candidates
before, is one of its features. A dump that opens on the page's `<title>` (a converter that dumped
the whole document) names its headline: the heading that prints the title again, or the title
itself where the ranker is unsure (`document_title`).

The search's parts: the text shapes it reads (`dumps.headlines.text`), where the article starts and the
words it uses (`article_body`), the dump's tokens and what each says of itself (`dumps.headlines.tokens`),
the spans glued into running text (`glued_spans`) and the other candidate spans
(`dumps.headlines.spans`), the candidates' features (`dumps.headlines.features`), the page's
`<title>` where the dump opens on it (`document_title`) and the sentences of a flattened dump
(`printed_sentences`); this module gathers the candidates and picks the headline.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from pipelines.extraction.appeals import is_appeal
from pipelines.extraction.dates.datelines import find_dateline
from pipelines.extraction.dates.written import WRITTEN_DATE
from pipelines.extraction.dumps.headlines import model as headline_model
from pipelines.extraction.dumps.headlines.article_body import (
    CONTENT,
    body_start,
    body_vocabularies,
    cohesion,
    frequent_short_words,
    is_article_text,
    past_teaser_copy,
    slug_words,
    spelled_slug_words,
)
from pipelines.extraction.dumps.headlines.document_title import titled_headline
from pipelines.extraction.dumps.headlines.features import SLUG_SPELLED, Edges, candidate_features, hand_score, slug_share
from pipelines.extraction.dumps.headlines.glued_spans import after_prose, glued_spans
from pipelines.extraction.dumps.headlines.model import Candidate, Headline
from pipelines.extraction.dumps.headlines.spans import (
    NO_NEIGHBOUR,
    barred_tokens,
    block_runs,
    block_starts,
    blocks_covered,
    marks_end,
    neighbour_value,
    opening_marks,
    repeated_spans,
    slug_candidates,
    whole_phrase,
)
from pipelines.extraction.dumps.headlines.teaser_lists import numbered_teasers
from pipelines.extraction.dumps.headlines.text import BYLINE, DATE_START, DOUBLED_IN_PLACE, MAX_WORDS, Blocks, is_heading, line_keys
from pipelines.extraction.dumps.headlines.tokens import BREAKS, SEPARATORS, LineTokens, TokenStarts, opens_byline, signed
from pipelines.extraction.dumps.lines import BULLET, BYLINE_WORDS, DumpLine, LineKind, ends_sentence
from pipelines.extraction.dumps.printed_sentences import printed_sentences
from pipelines.extraction.text_keys import comparison_key

# How far before the article's first line the headline is looked for, in units: a gallery's
# captions, a table of contents or rows of share buttons may stand between them (on a few dev pages
# 35 to 55 units; 30 lost those headlines, 90 or 120 found at most two more in any layout).
WINDOW = 60
# In a flattened dump distance is counted in words; this many make one unit's worth.
WORDS_PER_UNIT = 8


def find_headline(
    lines: Sequence[DumpLine],
    start: int,
    url: str | None,
    stops: frozenset[str] = frozenset(),
    blocks: Blocks = None,
    keys: Sequence[str] | None = None,
    tokens: LineTokens | None = None,
) -> Headline | None:
    """The headline before (or glued to the start of) unit `start`, the article's first line;
    `stops` are the stop words of the dump's language, `blocks` where each line's blocks start (see
    `headline_candidates`), `keys` the lines' `comparison_key`s and `tokens` their tokens if known. The candidates are ranked
    by the learned headline model (`dumps.headlines.model`), which reads `hand_score` among their other
    features, unless the dump's first line is the page's `<title>` and says otherwise (`document_title`).
    A flattened dump (`blocks` given) has no such line: its first printed sentence is the menu glued
    up to the first sentence end ("Skip to content … Got a tip?"); where the ranker takes none of its
    candidates, one that opens the dump as the article's first sentence follows is its headline (`_opening_block`)."""
    keys = keys if keys is not None else line_keys(lines)
    stops = stops or frequent_short_words(keys)
    candidates = headline_candidates(lines, start, url, stops, blocks, keys, tokens)
    best = headline_model.likeliest(candidates, stops)
    if blocks is not None:
        accepted = headline_model.accepted(best)
        if accepted is None:
            return _opening_block(candidates)
        return _continued(accepted, lines, blocks, tokens or LineTokens(lines), stops)
    picked = comparison_key(best[0].headline.text) if best is not None else ""
    titled = titled_headline(lines, start, keys, stops, best[1] if best is not None else 0.0, picked)
    if titled is not None and best is not None and _spells_more_of_slug(best[0], titled, slug_words(url)):
        titled = None
    return titled if titled is not None else headline_model.accepted(best)


def _opening_block(candidates: Sequence[Candidate]) -> Headline | None:
    """The headline of a flattened dump that opens on it: a candidate that opens the dump, and that the
    article's first sentence follows at once (`distance` 0, in the dump's first unit). Nothing is
    printed before it, no menu and no site's name: a page printed with nothing but its heading and
    its text ("Readability Test | Lorem ipsum …"), whose heading the article's words need not echo,
    and which the ranker, having learnt from pages with a header, doubts as it doubts every
    candidate there. The earliest such candidate (the first source's) is taken."""
    unit, distance, opens_unit = (headline_model.FEATURE_NAMES.index(name) for name in ("unit", "distance", "opens_unit"))
    return next(
        (
            candidate.headline
            for candidate in candidates
            if candidate.features[unit] == 0 and candidate.features[distance] == 0 and candidate.features[opens_unit]
        ),
        None,
    )


# How many words the second sentence of a headline of two may hold (see `_continued`).
SECOND_SENTENCE_WORDS = 15
# How a headline's first sentence ends where a second may follow: a question or an exclamation (a
# full stop ends a heading's standfirst or the lede's first sentence as often, an ellipsis a teaser cut off).
_OPEN_ENDS = ("?", "!")
# The quotes and brackets that may close a headline after its mark.
_CLOSING = "\"”’»)'"


def _continued(
    headline: Headline, lines: Sequence[DumpLine], blocks: Sequence[Sequence[int]], tokens: LineTokens, stops: frozenset[str]
) -> Headline:
    """A flattened dump's headline that ends its printed sentence on a question or an exclamation
    (`_OPEN_ENDS`), with the words that open the next printed sentence up to the byline or the date
    that ends them: a headline of two sentences ("Ile jest warta godzina pracy? | W tych krajach
    praca popłaca 28 kwietnia 2021"), which the printed sentences cut in two. The words must read
    as a whole heading (a few, no sentence end, not ending on a stop word: "Unter diesem Motto findet
    am 14. September" is the lede), in one block (`blocks`: where each unit's blocks open; a
    cut among them is the header's label before the lede: "Medien Kommentieren | Nicht nur wir …"),
    not a byline themselves, and a byline or a date (in figures or written in any of the languages
    `dates.written` reads) must follow them at once: a standfirst or the lede's first sentence runs
    on to its full stop."""
    host = lines[headline.line].text
    end = len(host) if headline.whole_line else headline.end
    if host[end:].strip() or not headline.text.rstrip(_CLOSING).endswith(_OPEN_ENDS) or headline.line + 1 >= len(lines):
        return headline
    unit = headline.line + 1
    raw, _, owners = tokens.upto(unit)
    first = bisect_left(owners, unit)
    if opens_byline(raw, first):
        return headline
    for last in range(first + 1, min(len(raw), first + SECOND_SENTENCE_WORDS)):
        if ends_sentence(raw[last - 1]):
            return headline
        if _opens_byline_or_date(raw, last) or WRITTEN_DATE.match(" ".join(raw[last : last + 6])):
            return _second_sentence(headline, lines, blocks[unit], raw[first:last], TokenStarts(lines, owners)[last], stops)
    return headline


def _second_sentence(
    headline: Headline, lines: Sequence[DumpLine], cuts: Sequence[int], words: list[str], ends: int, stops: frozenset[str]
) -> Headline:
    """`headline` with `words`, which open the next unit and end before its character `ends`, taken
    along if they read as a whole heading in one block (see `_continued`)."""
    text = " ".join(words)
    if not is_heading(text) or not whole_phrase(text, stops) or any(0 < cut < ends for cut in cuts):
        return headline
    opening = headline.line if headline.first is None else headline.first
    return Headline(f"{headline.text} {text}", headline.line + 1, False, len(lines[headline.line + 1].text[:ends].rstrip()), opening)


def _spells_more_of_slug(candidate: Candidate, titled: Headline, slug: set[str]) -> bool:
    """Whether the ranker's pick spells the URL's `slug` (see `features.SLUG_SPELLED`), and more of it
    than the dump's first line or its copy (`titled_headline`): a converter that prints no `<title>`
    may open on a label or place name the page prints again ("Santa Cruz de la Sierra")."""
    chosen = candidate.features[headline_model.FEATURE_NAMES.index("slug")]
    return chosen >= SLUG_SPELLED and chosen > slug_share(comparison_key(titled.text).split(), slug)


def headline_candidates(
    lines: Sequence[DumpLine],
    start: int,
    url: str | None,
    stops: frozenset[str] = frozenset(),
    blocks: Blocks = None,
    keys: Sequence[str] | None = None,
    tokens: LineTokens | None = None,
) -> list[Candidate]:
    """Every headline candidate before (or glued to the start of) unit `start`, with its features
    (`dumps.headlines.model.FEATURE_NAMES`): heading-shaped lines, repeated spans, slug spans, glued spans
    and runs of a few blocks. `blocks` holds, for each line, where in its text each of its blocks
    starts (the printed sentences of a flattened dump hold several); None: every line is one block.
    `tokens`: the lines' tokens, if read already (see `LineTokens`)."""
    slug = slug_words(url)
    keys = keys if keys is not None else line_keys(lines)
    # Every copy of a candidate, wherever the dump prints it (the `<title>`, a share text, a footer's link).
    printed_keys = f" {' '.join(keys)} "
    stops = stops or frequent_short_words(keys)
    lo = max(0, start - WINDOW)
    # Copies a few lines apart count (the <title>, the heading, the share text); a line doubled in
    # place ("is sponsored by" twice) is the layout's, not the page's emphasis.
    # Each line's copies are counted as they come, from where the last counted one stands (most
    # lines are printed once: no list of places is kept for them).
    counts: dict[str, int] = {}
    counted_at: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key not in counted_at or index - counted_at[key] > DOUBLED_IN_PLACE:
            counts[key] = counts.get(key, 0) + 1
            counted_at[key] = index
    raw, token_keys, owners = (tokens or LineTokens(lines)).upto(start)
    # The article's first token (tokens come in unit order).
    first_body = bisect_left(owners, start)
    token_starts = TokenStarts(lines, owners)
    opens_block = block_starts(owners, token_starts, lo, blocks)
    # A flattened dump's block cuts miss where a Spanish question opens (`opening_marks`).
    opens_block = opening_marks(raw, owners, opens_block) if blocks is not None else opens_block
    spans = repeated_spans(token_keys, owners, lo, barred_tokens(lines, owners))
    # The lede's words vouch for candidates printed before it, not for one printed inside it (`own`).
    body, own = body_vocabularies(lines, start, stops, keys, [blocks[start][-1] if blocks is not None else 0, None])
    # A heading line also printed inside a longer line (`Africa | <headline>`) is repeated too.
    printed = {
        owners[first]: len({j for j in copies if abs(owners[j] - owners[first]) > 2}) + 1
        for first, end, copies in spans
        if end - first == len(lines[owners[first]].text.split()) and token_starts[first] == 0
    }
    # Other stories' headlines in a numbered list are no candidates, nor their copies.
    listed = numbered_teasers(lines, lo, start)
    found: list[Candidate] = []
    headings: set[int] = set()
    for index in range(lo, min(start, len(lines))):
        line = lines[index]
        if line.kind != LineKind.CONTENT or not is_heading(line.text) or keys[index] in listed:
            continue
        after = index + 1 < len(lines) and lines[index + 1].blank_before
        standalone = 0.3 * line.blank_before + 0.3 * after
        repeats = max(counts[keys[index]], printed.get(index, 1))
        cohesive = cohesion(line.text, body, stops)
        slugged = slug_share(comparison_key(line.text).split(), slug)
        score = hand_score(line.text, line, start - index, repeats, slugged, standalone, cohesive)
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        edges = Edges(index, start - index, True, True, 1.0, False, marks_end(following.split()[:3]), index - 1 in headings, True, True)
        headings.add(index)
        features = candidate_features(line.text, line, 0, score, edges, repeats, slugged, standalone, cohesive)
        covered = blocks_covered(opens_block, bisect_left(owners, index), bisect_right(owners, index))
        found.append(
            Candidate(
                Headline(line.text, index, True),
                [*features, covered, NO_NEIGHBOUR, NO_NEIGHBOUR, _copies(printed_keys, keys[index]), 0.0],
                BYLINE.match(BULLET.sub("", following.strip())) is not None,
            )
        )
    sources = [(spans, 1), (slug_candidates(raw, token_keys, owners, lo, start, slug, stops), 2)]
    glued = glued_spans(raw, owners, lines, start, body, own, stops)
    values = {(first, end): value for first, end, value in glued}
    sources.append(([(first, end, set()) for first, end, _ in glued], 3))
    # Without blocks inside lines (a dump that is not flattened) every run of blocks is a line or more.
    glued_edges = [(first, end) for first, end, _ in glued]
    runs = block_runs(raw, opens_block, owners, lo, start, body, stops, glued_edges) if blocks is not None else []
    # Each glued span a run of blocks extends (see `_block_opened`, `_sentence_opened`, `_part_opened`), by the run's first and end token.
    extended = {
        (first, end): glued_first
        for first, end, glued_first in [
            *_block_opened(glued_edges, raw, opens_block, owners),
            *_sentence_opened(glued_edges, raw, owners),
            *_part_opened(glued_edges, raw, opens_block, owners),
        ]
    }
    runs += list(extended) if blocks is not None else []
    # A run of blocks inside a phrase the dump prints again is a piece of that phrase: the cut inside it is a wrong guess.
    repeated = [(first, end) for first, end, _ in spans]
    runs = [(first, end) for first, end in runs if not any(a <= first and end <= b and (a, b) != (first, end) for a, b in repeated)]
    sources.append(([(first, end, set()) for first, end in runs], 4))
    offered: set[tuple[int, int]] = set()
    for source_spans, source in sources:
        for first, end, copies in source_spans:
            # A run of blocks that another source found already is that candidate, with its block edges.
            if (first, end) in offered:
                continue
            offered.add((first, end))
            text = " ".join(raw[first:end]).strip(" -|–—:·•»")
            owner = lines[owners[first]]
            same_unit = end < len(owners) and owners[end] == owners[first]
            # A span whose copy lies inside a longer heading line is a piece of that heading.
            if any(is_heading(lines[owners[j]].text) and len(lines[owners[j]].text) > len(text) for j in copies):
                continue
            if (
                owner.kind != LineKind.CONTENT
                or not (is_heading(text) or (source == 2 and _slugged_sentence(text)))
                or not whole_phrase(text, stops, same_unit and signed(raw, end))
                or comparison_key(text) == keys[owners[first]]
                or comparison_key(text) in listed
            ):
                continue
            # A span that spells the URL's slug (source 2) is the headline's, not the lede's, even
            # after the header's lower-case words glued into the article's first unit ("DATEV magazin … classic -").
            if owners[first] >= start and source != 2 and after_prose(raw, owners, first, start, opens_block):
                continue
            # The place and wire of a dateline ("MOSCOW (Sputnik) -") open the lede; they are not its headline.
            dateline = find_dateline(" ".join(raw[first : end + 3]))
            if dateline is not None and dateline.end >= len(" ".join(raw[first:end])):
                continue
            start_token = max(end, first_body)
            distance = (start_token - end) // WORDS_PER_UNIT
            repeats = len(copies) + 1
            vocabulary = body if owners[first] < start else own
            cohesive = cohesion(text, vocabulary, stops)
            slugged = slug_share(comparison_key(text).split(), slug)
            score = hand_score(text, owner, distance, repeats, slugged, 0.0, cohesive)
            last = end - 1
            span_end = token_starts[last] + len(raw[last])
            edges = Edges(
                owners[first],
                distance,
                first == 0 or owners[first - 1] != owners[first],
                not same_unit,
                len(text) / max(len(owner.text), 1),
                first > 0 and owners[first - 1] == owners[first] and (raw[first - 1] in BREAKS or raw[first - 1] in SEPARATORS),
                same_unit and _opens_byline_or_date(raw, end),
                False,
                opens_block[first],
                end >= len(owners) or opens_block[end],
            )
            printed_copies = _copies(printed_keys, comparison_key(text))
            features = [
                *candidate_features(text, owner, source, score, edges, repeats, slugged, 0.0, cohesive),
                blocks_covered(opens_block, first, end),
                neighbour_value(raw, owners, first - 1, owners[first], vocabulary, stops),
                neighbour_value(raw, owners, end, owners[first], vocabulary, stops),
                printed_copies,
                values.get((first, end), 0.0),
            ]
            latest = _nearest_copy(first, end, copies, owners, raw, start)
            if latest != first:
                last = latest + end - first - 1
                span_end = token_starts[last] + len(raw[last])
            # A slug's run over two lines ends in the second, and the first is where it opens.
            opening = owners[latest] if owners[latest] != owners[last] else None
            glued_first = extended.get((first, end)) if source == 4 else None
            extends = None if glued_first is None else " ".join(raw[glued_first:end]).strip(" -|–—:·•»")
            # Only a span the dump prints again may be a piece of a phrase it prints again (most are printed once).
            split = opens_block[first] and printed_copies > 1 and _splits_phrase(raw, owners, first, end, printed_keys)
            found.append(Candidate(Headline(text, owners[last], False, span_end, opening), features, extends=extends, split=split))
    return found


def _splits_phrase(raw: list[str], owners: list[int], first: int, end: int, printed_keys: str) -> bool:
    """Whether the span (tokens `first` to `end`), where a block opens, opens inside a phrase the
    dump prints again: the word before it in its unit and the span are printed together elsewhere too
    (`printed_keys`, every unit's key), a name the cuts split ("Firefox | Developer Edition"). A
    mark before it (a breadcrumb's "›") is no word: the span's own copies do not count."""
    if first == 0 or owners[first - 1] != owners[first] or not comparison_key(raw[first - 1]):
        return False
    return _copies(printed_keys, comparison_key(" ".join(raw[first - 1 : end]))) > 1


def _block_opened(glued: list[tuple[int, int]], raw: list[str], opens_block: list[bool], owners: list[int]) -> list[tuple[int, int, int]]:
    """Each glued span (first token, end token) that a byline or a date follows in its unit and that
    opens inside a block, offered from where the block before that block opens to where it ends: the
    byline or the date shows where the headline ends, but the span opened past its first words where
    the article does not use them, and the cuts fell inside the headline ("Kalifornien verpachtet |
    Seeboden zur Entwicklung von Floating-Offshore-Windfarmen von Tilman Weber": the span opened at
    "Entwicklung"). Not from where its own block opens: that block is the menu's last item glued to
    the headline where the cuts missed that item's end ("Sign in iPhone app shows …"), which the span
    rightly leaves out (see `block_runs`); where the cuts missed the ends of two menu items, the
    ranker's doubt keeps the glued span (`model._unextended`). `raw`: the tokens, `opens_block` where
    blocks open; (first token, end token, the glued span's first token)."""
    found = []
    for first, end in glued:
        marked = end < len(owners) and owners[end] == owners[first] and _opens_byline_or_date(raw, end)
        # A span that a byline's word opens is the writer's name before the date ("By | Nathan Willis March 25").
        if opens_block[first] or not marked or opens_byline(raw, first - 1):
            continue
        openings = [token for token in range(first - 1, bisect_left(owners, owners[first]) - 1, -1) if opens_block[token]]
        if len(openings) > 1:
            found.append((openings[1], end, first))
    return found


# How many lower-case words or figures before a glued span's first word are read back for the
# capital that opens its sentence (see `_sentence_opened`).
SENTENCE_OPENING_WORDS = 6


def _sentence_opened(glued: list[tuple[int, int]], raw: list[str], owners: list[int]) -> list[tuple[int, int, int]]:
    """Each glued span (first token, end token) that opens after a lower-case word of its unit,
    offered from the capital that opens that sentence, at most `SENTENCE_OPENING_WORDS` lower-case
    words or figures back: a span opens on a capital, so a sentence-case headline whose first words
    the article does not use lost them ("These are the 8 coolest | PlayStation VR games": the span
    opened at "PlayStation"). The capital opens the sentence only where no word stands before it
    (the unit's start, a figure, a mark: a ticker's "(-0.69%)"); after a word it may be a name
    inside a longer run ("… verpachtet Seeboden zur Entwicklung …"). (first token, end token, the
    glued span's first token)."""

    def in_unit(token: int, unit: int) -> bool:
        return token >= 0 and owners[token] == unit

    found = []
    for first, end in glued:
        unit = owners[first]
        if not (in_unit(first - 1, unit) and raw[first - 1][:1].islower()):
            continue
        opening = first - 1
        while (
            first - opening <= SENTENCE_OPENING_WORDS and in_unit(opening, unit) and (raw[opening][:1].islower() or raw[opening].isdigit())
        ):
            opening -= 1
        capital = in_unit(opening, unit) and raw[opening][:1].isupper()
        if capital and end - opening <= MAX_WORDS and not (in_unit(opening - 1, unit) and raw[opening - 1][:1].isalpha()):
            found.append((opening, end, first))
    return found


def _part_opened(glued: list[tuple[int, int]], raw: list[str], opens_block: list[bool], owners: list[int]) -> list[tuple[int, int, int]]:
    """Each glued span (first token, end token) that opens after a dash or a colon inside a block,
    offered from where that block opens, at most `SENTENCE_OPENING_WORDS` words before the mark: the
    headline's first part ("Raspberry Pi 3 - The credit card sized PC …"), whose figures and marks
    cost the span more than its words brought. (first token, end token, the glued span's first token)."""
    found = []
    for first, end in glued:
        mark = first - 1
        if mark < 1 or owners[mark] != owners[first] or raw[mark] not in SEPARATORS or opens_block[first] or opens_block[mark]:
            continue
        opening = next((token for token in range(mark - 1, max(mark - SENTENCE_OPENING_WORDS, 0) - 1, -1) if opens_block[token]), None)
        if opening is not None and owners[opening] == owners[first] and end - opening <= MAX_WORDS:
            found.append((opening, end, first))
    return found


def _opens_byline_or_date(raw: list[str], token: int) -> bool:
    """Whether a byline or a date opens at `token` (as a candidate's `marked_end` edge reads it)."""
    return opens_byline(raw, token) or bool(DATE_START.match(" ".join(raw[token : token + 3])))


def _slugged_sentence(text: str) -> bool:
    """Whether a span that spells the URL's slug is heading-shaped but for its full stop: a headline
    written as a sentence ("Jest zgoda PE na umowę handlową między UE a Londynem."), which the slug
    vouches for; any other span that ends a sentence is a piece of the text, not a headline."""
    return text.endswith(".") and not text.endswith("..") and is_heading(text[:-1])


# How many units after the article's detected start a span that spells the URL's slug is looked
# for, and the share of the slug's words it must spell (see `_start_past_slug`).
SLUG_AFTER_UNITS = 40
SLUG_AFTER_SHARE = 0.8


def _start_past_slug(
    lines: Sequence[DumpLine], start: int, url: str | None, stops: frozenset[str], keys: Sequence[str], tokens: LineTokens
) -> int:
    """The article's first unit: `start`, unless no unit before it spells the URL's slug and a span
    shortly after it does: a login box, a teaser or the site's news list above the headline was
    taken for the article's first block, which starts where that span (the headline) stands. `keys`
    are the units' `comparison_key`s, `tokens` their tokens (read here only as far as needed)."""
    slug = slug_words(url)
    if not slug:
        return start
    # A unit before the start that holds most of the slug's words, in any order, is the headline
    # ("Oranger Wasserstoff: Der Traum vom … aus der Erdkruste"): a subheading after it may spell the slug better.
    if any(len(spelled_slug_words(key.split(), slug)) >= SLUG_AFTER_SHARE * len(slug) for key in keys[max(0, start - WINDOW) : start + 1]):
        return start
    last = min(len(lines) - 1, start + SLUG_AFTER_UNITS)
    raw, token_keys, owners = tokens.upto(last)
    stops = stops or frequent_short_words(keys)
    if slug_candidates(raw, token_keys, owners, 0, start, slug, stops):
        return start
    for first, end, _ in slug_candidates(raw, token_keys, owners, start + 1, last, slug, stops):
        if len(spelled_slug_words(token_keys[first:end], slug)) >= SLUG_AFTER_SHARE * len(slug):
            unit = owners[end - 1]
            # Glued to the lede, the headline is found in the article's first unit; on its own, before it.
            glued = end < len(owners) and owners[end] == unit
            return next((i for i in range(unit if glued else unit + 1, len(lines)) if is_article_text(lines[i])), start)
    return start


# A sign-in, sign-up or subscription box the line model took for the article's first units: at most
# this many of its units, each of at most this many words, are passed over, and the article text
# after each must come within this many units (headings, such as the headline, between them).
BOX_UNITS = 3
BOX_WORDS = 40
BOX_GAP = 8
# A box's last link may be article-like to the line model: a label of fewer words than this, in lower case.
BOX_LABEL_WORDS = 4
# The reader addressed, in most of the languages `furniture_phrases` lists (English, French, German,
# Spanish, Polish; Italian shares "tu").
_YOU = re.compile(
    r"\b(?:you|your|yours|vous|votre|vos|dein|deine|deinen|deinem|deiner|dich|dir|tu|tus|te|usted|ustedes|twój|twoja|twoje)\b",
    re.IGNORECASE,
)
# What such a box asks of the reader: to sign in, register, or open an account.
_ACCOUNT = re.compile(
    r"\b(?:sign(?:ing)? (?:in|up)|log(?:ging)? ?in|register|account|anmelden|einloggen|registrier\w*|konto|iniciar? sesi[oó]n"
    r"|reg[ií]str\w*|cuenta|connectez|connexion|inscri\w*|compte|zaloguj|zarejestruj|accedi|registrati)\b",
    re.IGNORECASE,
)


def reads_as_box(text: str) -> bool:
    """Whether `text` is a unit of a sign-in or subscription box: a few words that address the reader
    and ask them to sign in, register or subscribe ("Log in with your … account to create or edit
    your custom homepage"). A lede that speaks to the reader ("If you struggle with clutter …") asks none of it."""
    return len(text.split()) <= BOX_WORDS and bool(_YOU.search(text)) and (bool(_ACCOUNT.search(text)) or is_appeal(text))


def _start_past_box(lines: Sequence[DumpLine], start: int) -> int:
    """The article's first unit: `start`, unless it and up to `BOX_UNITS` - 1 units after it are a
    sign-in or subscription box (`reads_as_box`) above the headline, which the line model took for
    text; the article starts at the first article text after the box that is not heading-shaped (the
    headline between them is then looked for before it). A box that runs on past the units looked
    at, or is not followed by article text soon, leaves `start` as it is."""
    first = start
    for _ in range(BOX_UNITS):
        if not reads_as_box(lines[start].text):
            return start
        following = next(
            (
                i
                for i in range(start + 1, min(len(lines), start + 1 + BOX_GAP))
                if is_article_text(lines[i]) and _may_follow_box(lines[i].text)
            ),
            None,
        )
        if following is None:
            return first
        start = following
    return first if reads_as_box(lines[start].text) else start


def _may_follow_box(text: str) -> bool:
    """Whether a unit of article text after a sign-in box may be the article's first: not a heading
    (the headline), nor a link's label of a few lower-case words that ends no sentence, which the
    box prints last ("take the tour")."""
    text = BULLET.sub("", text)
    return not is_heading(text) and not (text[:1].islower() and len(text.split()) < BOX_LABEL_WORDS and not ends_sentence(text))


def _copies(printed_keys: str, key: str) -> int:
    """How often the dump prints `key` as whole words: copies printed back to back (the `<h1>` after
    the breadcrumb's copy of it) share the space between them, which `str.count` would take once."""
    part = f" {key} "
    count, at = 0, printed_keys.find(part)
    while at >= 0:
        count += 1
        at = printed_keys.find(part, at + len(part) - 1)
    return count


def _nearest_copy(first: int, end: int, copies: set[int], owners: list[int], raw: list[str], start: int) -> int:
    """Where a flattened dump's headline is read when it prints the span (tokens `first` to `end`)
    again nearer the article, glued into the text there (the `<title>` above the teasers, the `<h1>`
    over the byline): the byline, its date and the article follow that copy. Not a copy inside the
    lede (the article naming its subject), nor one that is a line of its own (a heading line, which
    is its own candidate)."""
    length = end - first

    def glued(copy: int) -> bool:
        opens_unit = copy == 0 or owners[copy - 1] != owners[copy]
        closes_unit = copy + length >= len(owners) or owners[copy + length] != owners[copy]
        return not (opens_unit and closes_unit)

    nearer = [
        copy
        for copy in copies
        if copy > first and glued(copy) and (owners[copy] < start or (owners[copy] == start and not after_prose(raw, owners, copy, start)))
    ]
    return max(nearer, default=first)


def locate_headline(
    lines: Sequence[DumpLine], url: str | None, stops: frozenset[str] = frozenset(), keys: Sequence[str] | None = None
) -> tuple[int | None, Headline | None]:
    """The article's first unit (`body_start`) and its headline (`find_headline`), both read on the
    dump's sentences as printed and given back as units of `lines` (`keys`: the lines' `comparison_key`s, if known)."""
    keys = line_keys(lines) if keys is None else keys
    if not any(line.glued for line in lines):
        tokens = LineTokens(lines)
        start = body_start(lines, keys)
        start = start if start is None else past_teaser_copy(lines, start, keys)
        start = start if start is None else _start_past_slug(lines, start, url, stops, keys, tokens)
        start = start if start is None else _start_past_box(lines, start)
        start = start if start is None else _start_past_byline(lines, start, stops, tokens)
        return (start, find_headline(lines, start, url, stops, keys=keys, tokens=tokens)) if start is not None else (None, None)
    printed = printed_sentences(lines)
    # A printed sentence is its units joined by spaces, and a key reads spaces as one: its key is its units' keys joined.
    keys = [" ".join([keys[unit] for unit in sentence.units if keys[unit]]) for sentence in printed]
    start = body_start(printed, keys)
    if start is None:
        return None, None
    tokens = LineTokens(printed)
    start = _start_past_slug(printed, start, url, stops, keys, tokens)
    start = _start_past_box(printed, start)
    start = _start_past_byline(printed, start, stops, tokens)
    found = find_headline(printed, start, url, stops, [sentence.offsets for sentence in printed], keys, tokens)
    first_unit = printed[start].units[0]
    if found is None:
        return first_unit, None
    host = printed[found.line]
    if len(host.units) == 1 and found.first is None:
        return first_unit, Headline(found.text, host.units[0], found.whole_line, found.end)
    end = len(host.text) if found.whole_line else found.end
    piece = bisect_right(host.offsets, max(end - 1, 0)) - 1
    opening = printed[found.line if found.first is None else found.first].units[0]
    return first_unit, Headline(found.text, host.units[piece], False, end - host.offsets[piece], opening)


# How many units after the article's detected start a header with a byline is looked for (see `_start_past_byline`).
BYLINE_AFTER_UNITS = 8
# A name in a byline: a word in lower case after its capital ("Kelli", "Méndez") or an initial
# ("Gustavo E. Méndez"), not a stop word nor a word in capitals ("POR LA DEUDA").
_NAME = re.compile(r"^[^\W\d_](?:[^\W\d_A-Z]+|\.)$")
# A byline's word capitalised where a token opens (`_names_writer` reads only such a one): a unit
# without one is not tokenized for it.
_CAPITALISED_BYLINE = re.compile(rf"(?<![^\s|])(?:{'|'.join(word.capitalize() for word in BYLINE_WORDS)})\b")


def _names_writer(raw: list[str], token: int, stops: frozenset[str]) -> bool:
    """Whether a byline opens at `token`, written as one: its word capitalised ("By", "Por") and two
    names after it ("By Kelli Miller")."""
    names = raw[token + 1 : token + 3]
    return (
        signed(raw, token)
        and raw[token][1:].islower()
        and len(names) == 2
        and all(_NAME.match(name) and name[0].isupper() and name.casefold() not in stops for name in names)
    )


def _start_past_byline(lines: Sequence[DumpLine], start: int, stops: frozenset[str], tokens: LineTokens) -> int:
    """The article's first unit: `start`, unless no byline stands before it and a unit shortly after
    it that the line model takes for furniture holds one: that unit is the article's header (the
    menu, the headline and the byline glued together), and a box of text above it the model found
    article-like (a community's or an app's promotion) was taken for the article, which starts at the
    first article text after the header."""
    last = min(len(lines) - 1, start + BYLINE_AFTER_UNITS)
    if not any(_CAPITALISED_BYLINE.search(line.text) for line in lines[start + 1 : last + 1]):
        return start
    raw, _, owners = tokens.upto(last)
    past_start = bisect_right(owners, start)
    # The few units after the start are read first: most dumps print no byline there, and the units before are not read.
    header = next((owners[token] for token in range(past_start, len(raw)) if _names_writer(raw, token, stops)), None)
    if header is None or lines[header].content >= CONTENT:
        return start
    if any(_names_writer(raw, token, stops) for token in range(bisect_left(owners, max(0, start - WINDOW)), past_start)):
        return start
    return next((index for index in range(header + 1, len(lines)) if is_article_text(lines[index])), start)
