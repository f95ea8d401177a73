"""Code samples a converter printed a token a line (BeautifulSoup's `get_text("\\n")`) or a statement a
line (terminal browsers and pandoc print a `<pre>` as it is written)."""

from __future__ import annotations

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.code_runs import join_code_runs, join_statement_runs

# `fetch("/data.json").then(function(res) { if (res.ok) { res.json().then(function(data) {
# console.log(data.entries); }); } });` as a highlighter's spans leave it, a text node a line.
FETCH = [
    "fetch",
    '("/data.json")',
    ".",
    "then",
    "(",
    "function",
    "(res)",
    "{",
    "if",
    "(res.",
    "ok)",
    "{",
    "res.",
    "json",
    "().",
    "then",
    "(",
    "function",
    "(data)",
    "{",
    "console.",
    "log",
    "(data.",
    "entries);",
    "});",
    "}",
    "});",
]
# A tutorial's samples, each some two hundred tokens long.
SAMPLES = [
    FETCH * 8,
    [tok.replace("fetch", "request").replace("data.json", "items.json") for tok in FETCH] * 8,
    [tok.replace("entries", "items").replace("console.", "logger.") for tok in FETCH] * 8,
]
PARAGRAPHS = [
    "For more than a decade the Web has used XMLHttpRequest to make asynchronous requests from scripts, "
    "and for as long developers have complained that its events and its state are hard to follow.",
    "The simplest call takes an address and returns a promise that resolves to the response once the "
    "headers have arrived, which leaves the body to be read when the caller needs it.",
    "A second call to the same address is written the same way, and the browser may answer it from its "
    "cache when the server allowed that, which saves a round trip on pages that poll for news.",
    "Errors in the network reject the promise, while an answer with an error status resolves it, so a "
    "careful caller checks the status before it reads the body, as the last example does.",
    "The same interface is available in workers, which lets a page fetch and parse large files without "
    "blocking the main thread that draws it, and it will soon replace the older one in most libraries.",
]
MENU = ["Home", "Articles", "Tutorials", "Newsletter", "About"]
FOOTER = ["Privacy", "Terms", "Contact", "© 2025 Web Notes"]


def test_a_sample_printed_a_token_a_line_is_joined_into_one_line() -> None:
    lines = ["Simple fetching", *FETCH, "The response is a stream."]
    # The sample opens on the name before its first sign ("fetch"); the heading before it stays apart.
    assert join_code_runs(lines) == ["Simple fetching", " ".join(FETCH), "The response is a stream."]


def test_a_query_whose_keywords_outnumber_its_brackets_is_joined_too() -> None:
    # SQL names most things in words: its operators and marks on lines of their own sign it as code.
    # A highlighter's spans, a token a line, as `"( SELECT … ;".split()` lays them out.
    query = [
        "WITH",
        "series",
        "AS",
        "(",
        "SELECT",
        "*",
        "FROM",
        "unnest",
        "(",
        "array",
        "[",
        "2",
        ",",
        "3",
        ",",
        "5",
        "])",
        "AS",
        "n",
        ")",
        "SELECT",
        "avg",
        "(",
        "n",
        ")",
        "-",
        "stddev",
        "(",
        "n",
        ")",
        "AS",
        "lower_bound",
        "FROM",
        "series",
        ";",
    ]
    lines = ["The lower bound", *query, "Any value below it is an anomaly."]
    assert join_code_runs(lines) == [
        "The lower bound",
        "WITH",
        "series",
        "AS",
        " ".join(query[3:]),
        "Any value below it is an anomaly.",
    ]


def test_a_comment_inside_a_sample_is_part_of_it() -> None:
    commented = [*FETCH[:12], "// the body is read later on", *FETCH[12:]]
    lines = ["Simple fetching", *commented, "The response is a stream."]
    assert join_code_runs(lines) == ["Simple fetching", " ".join(commented), "The response is a stream."]


def test_blank_lines_between_the_tokens_are_dropped_from_the_joined_sample() -> None:
    lines = [token for pair in zip(FETCH, [""] * len(FETCH), strict=True) for token in pair]
    joined = join_code_runs(lines)
    assert " ".join(FETCH[1:]) in joined


def test_menus_counts_and_formulas_are_left_as_printed() -> None:
    menu = ["Home", "World", "Politics", "Business", "Technology", "Sport", "Culture", "Opinion", "Sign in"]
    categories = ["{Rezepte} (26)", "Reisen (9)", "Mode (14)", "Kultur (3)", "Wohnen (39)", "Garten (7)", "Familie (12)", "Sport (5)"]
    formula = ["(", "M", ",", "c", "x", ")", "=", "R", "(", "M", ",", "x", ")"]
    operators = ["trace", "(", "A", ")", "=", "trace", "(", "B", ")", "⇒", "trace"]
    tex = ["{\\displaystyle", "A^{-1}", "=", "(A^{-1})^{H}}", "{\\displaystyle", "(AB)^{\\mathsf", "{H}}", "=", "AB}"]
    barred = ["Home", "|", "World", "|", "Politics", "|", "Business", "|", "Sport", "|", "Culture", "(2)", "|", "Sign in"]
    for lines in (menu, categories, formula, operators, tex, barred):
        assert join_code_runs(lines) == lines


def test_a_tutorials_paragraphs_around_samples_printed_a_token_a_line_are_kept() -> None:
    # Among the samples' hundreds of one-token lines, the paragraphs' neighbours were all tokens and
    # the model dropped the paragraphs after the first sample.
    body = [PARAGRAPHS[0], PARAGRAPHS[1], *SAMPLES[0], PARAGRAPHS[2], *SAMPLES[1], PARAGRAPHS[3], *SAMPLES[2], PARAGRAPHS[4]]
    dump = "\n".join([*MENU, "Fetching data without XMLHttpRequest", *body, *FOOTER])
    article = extract(RawDocument(source="test", content=dump.encode(), url="https://webnotes.example/fetching-data"))
    for paragraph in PARAGRAPHS:
        assert paragraph in article.body
    assert "Newsletter" not in article.body


# A sample as a `<pre>` holds it, a statement a line, indented as written.
COW = [
    "   (function(exports) {",
    '     "use strict";',
    "     function Cow(name) {",
    '       this.name = name || "Anon cow";',
    "     }",
    "     exports.Cow = Cow;",
    "     Cow.prototype = {",
    "       greets: function(target) {",
    "         if (!target)",
    '           throw new Error("missing target");',
    '         return this.name + " greets " + target;',
    "       }",
    "     };",
    "   })(this);",
]
COW_TEST = [
    "   var expect = chai.expect;",
    "",
    '   describe("Cow", function() {',
    '     it("has a default name", function() {',
    "       var cow = new Cow();",
    '       expect(cow.name).to.equal("Anon cow");',
    "     });",
    "   });",
]


def test_a_sample_printed_a_statement_a_line_is_joined_with_its_blank_lines_left_out() -> None:
    lines = ["   As an example, take the Cow of an earlier episode:", *COW, "", "   And its test suite:", *COW_TEST]
    assert join_statement_runs(lines) == [
        lines[0],
        " ".join(line.strip() for line in COW),
        "",
        "   And its test suite:",
        " ".join(line.strip() for line in COW_TEST if line),
    ]


def test_prose_that_names_a_call_after_a_sample_stays_a_line_of_its_own() -> None:
    after = "The fetch() function's arguments are the same as those passed to the Request() constructor."
    assert join_statement_runs([*COW, after]) == [" ".join(line.strip() for line in COW), after]


def test_a_long_list_of_bracketed_counts_is_left_as_printed_and_a_sample_after_it_joined() -> None:
    # Every line of the list, blank ones too, may be a sample's: the sample is looked for from each.
    counts = [line for index in range(2000) for line in (f"* Label {index} ({index % 7 + 1})", "")]
    lines = [*counts, "And the module:", *COW]
    assert join_statement_runs(lines) == [*counts, "And the module:", " ".join(line.strip() for line in COW)]


def test_clauses_on_semicolons_braced_menus_and_formulas_are_left_as_printed() -> None:
    clauses = [
        "1. Com palavras de baixo calão;",
        "2. Com injúrias e difamação;",
        "3. Com teor político partidário;",
        "4. Com links para outros sites;",
    ]
    braced = ["• {wohnungsliebe}", "• {orga your life}", "• {do it yourself}", "• {inside & outside}"]
    formula = ["{\\displaystyle A^{-1}};", "x = (A^{-1})^{H};", "{\\displaystyle (AB)^{H}};", "y = AB;"]
    for lines in (clauses, braced, formula):
        assert join_statement_runs(lines) == lines


def test_a_tutorials_paragraphs_between_samples_printed_a_statement_a_line_are_kept() -> None:
    samples = [[line.replace("Cow", name) for line in COW + COW_TEST] for name in ("Cow", "Hen", "Goat")]
    body = [PARAGRAPHS[0], PARAGRAPHS[1], *samples[0], PARAGRAPHS[2], *samples[1], PARAGRAPHS[3], *samples[2], PARAGRAPHS[4]]
    dump = "\n\n".join([*MENU, "Testing a module with Mocha", *body, *FOOTER])
    article = extract(RawDocument(source="test", content=dump.encode(), url="https://webnotes.example/testing-a-module"))
    for paragraph in PARAGRAPHS:
        assert paragraph in article.body
