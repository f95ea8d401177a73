"""bench.dump_titles: dump titles scored on every page whose dump prints its headline, by half."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from bench.dump_titles import TitleResult, changed_titles, layout_dumps, load_titles, row, save_titles, title_results
from bench.train_line_model import _half
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU

REPO = Path(__file__).resolve().parents[1]
# The headline the page's HTML names: its `<h1>`, which its `<title>` names too, less the site's name.
HTML = f"<html><head><title>{HEADLINE} | Coast News</title></head><body><h1>{HEADLINE}</h1><p>{ARTICLE[0]}</p></body></html>"
ARTICLE_DUMP = "\n\n".join([*MENU, HEADLINE, "By Anna Berg, 4 March 2024", *ARTICLE, *FOOTER])
# The headline appears only inside a sentence of the body: the dump prints it, but no reader takes it for the title.
QUOTED_DUMP = "\n\n".join([*MENU, f"{ARTICLE[0][:-1]}, under the heading “{HEADLINE}” in the weekly bulletin.", *ARTICLE[1:], *FOOTER])
OTHER_DUMP = "\n\n".join([*MENU, *ARTICLE[1:], *FOOTER])


def _record(page: str, dump: str, gold: dict | None = None) -> dict:
    return {"id": page, "url": None, "html": HTML, "dump_html2txt": dump, "gold": gold or {}}


def test_a_dump_counts_where_it_prints_the_headline_and_is_right_where_the_title_is_found() -> None:
    records = [_record("found", ARTICLE_DUMP), _record("quoted", QUOTED_DUMP), _record("absent", OTHER_DUMP)]
    results = {result.page: result for result in title_results(layout_dumps(records, "html2txt"))}
    assert set(results) == {"found", "quoted"}, "a dump that does not print the headline is not counted"
    assert results["found"].headline == HEADLINE and results["found"].right
    assert not results["quoted"].right


def test_a_gold_title_stands_for_the_headline_the_html_names() -> None:
    gold = "Dredging of the northern channel approved"
    dump = ARTICLE_DUMP.replace(HEADLINE, gold)
    [result] = title_results(layout_dumps([_record("gold", dump, {"title": gold})], "html2txt"))
    assert result.headline == gold and result.right


def test_other_layouts_are_made_from_the_pages_html() -> None:
    [(record, dump)] = layout_dumps([_record("made", "")], "lines")
    assert record["id"] == "made" and HEADLINE in dump.splitlines()


def test_the_row_counts_titles_right_overall_and_by_half() -> None:
    pages = [f"page-{number}" for number in range(12)]
    halves = [_half(page) for page in pages]
    assert set(halves) == {0, 1}, "the pages fall in both halves"
    records = [_record(page, ARTICLE_DUMP if number % 3 else OTHER_DUMP) for number, page in enumerate(pages)]
    results = title_results(layout_dumps(records, "html2txt"))
    counted = [half for number, half in enumerate(halves) if number % 3]
    assert row("html2txt", results) == [
        "html2txt",
        "8",
        "8",
        "1.000",
        f"{counted.count(0)}/{counted.count(0)}",
        f"{counted.count(1)}/{counted.count(1)}",
    ]


def test_the_command_prints_a_row_per_layout_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    data = tmp_path / "extraction-dev.jsonl.gz"
    with gzip.open(data, "wt", encoding="utf-8") as out:
        out.write(json.dumps(_record("found", ARTICLE_DUMP) | {"dump_inscriptis": QUOTED_DUMP}) + "\n")
    command = [sys.executable, "-m", "bench.dump_titles", "--data", str(data)]
    printed = subprocess.run([*command, "--misses"], capture_output=True, text=True, cwd=REPO, check=True).stdout
    assert "| html2txt | 1 | 1 | 1.000 |" in printed
    assert "| inscriptis | 1 | 0 | 0.000 |" in printed
    assert "inscriptis\tfound\theadline:" in printed, "the missed page is listed"
    saved = tmp_path / "titles.json"
    subprocess.run([*command, "--save", str(saved)], capture_output=True, text=True, cwd=REPO, check=True)
    against = subprocess.run([*command, "--against", str(saved)], capture_output=True, text=True, cwd=REPO, check=True).stdout
    assert "0 titles changed against" in against
    refused = subprocess.run([*command, "--layouts", "lynks"], capture_output=True, text=True, cwd=REPO, check=False)
    assert refused.returncode == 2 and "unknown layouts: lynks" in refused.stderr


def test_the_command_refuses_a_file_save_did_not_write_before_it_scores(tmp_path: Path) -> None:
    # No dev set at all: a refusal that came after the scoring would fail on the missing data instead.
    command = [sys.executable, "-m", "bench.dump_titles", "--data", str(tmp_path / "missing.jsonl.gz")]
    not_titles = tmp_path / "other.json"
    not_titles.write_text('{"html2txt": [{"url": "x"}]}', encoding="utf-8")
    for path in (tmp_path / "absent.json", not_titles):
        refused = subprocess.run([*command, "--against", str(path)], capture_output=True, text=True, cwd=REPO, check=False)
        assert refused.returncode == 2 and f"--against {path}: not a file of titles written by --save" in refused.stderr
    nowhere = tmp_path / "no-such-dir" / "titles.json"
    refused = subprocess.run([*command, "--save", str(nowhere)], capture_output=True, text=True, cwd=REPO, check=False)
    assert refused.returncode == 2 and "no such directory" in refused.stderr


def test_pages_not_counted_are_kept_on_request_and_left_out_of_the_row() -> None:
    records = [_record("found", ARTICLE_DUMP), _record("absent", OTHER_DUMP)]
    results = title_results(layout_dumps(records, "html2txt"), uncounted=True)
    assert [(result.page, result.counted, result.verdict) for result in results] == [
        ("found", True, "right"),
        ("absent", False, "uncounted"),
    ]
    assert row("html2txt", results)[1:3] == ["1", "1"], "the page that does not print its headline is not counted"


def test_the_titles_that_changed_are_listed_with_both_verdicts(tmp_path: Path) -> None:
    old = {
        "html2txt": [
            TitleResult("same", 0, HEADLINE, HEADLINE),
            TitleResult("glued", 1, HEADLINE, HEADLINE),
            TitleResult("won", 0, HEADLINE, "Home News Sport"),
            TitleResult("unprinted", 1, None, "Harbour dredging"),
        ],
        "lynx": [TitleResult("glued", 1, HEADLINE, HEADLINE)],
    }
    new = {
        "html2txt": [
            TitleResult("same", 0, HEADLINE, HEADLINE),
            TitleResult("glued", 1, HEADLINE, f"{HEADLINE} Neuartiger"),
            TitleResult("won", 0, HEADLINE, HEADLINE),
            TitleResult("unprinted", 1, None, "Harbour dredging By Jacob"),
            TitleResult("new page", 1, HEADLINE, "Home"),
        ],
        "inscriptis": [TitleResult("glued", 1, HEADLINE, "")],
    }
    save_titles(tmp_path / "old.json", old)
    changes = changed_titles(load_titles(tmp_path / "old.json"), new)
    assert [(change.layout, change.new.page) for change in changes] == [
        ("html2txt", "glued"),
        ("html2txt", "won"),
        ("html2txt", "unprinted"),
    ], "only pages of a layout both runs scored, whose title differs"
    glued, won, unprinted = (str(change) for change in changes)
    # Still a match by the scorer's rule, so the counts do not move: the listing shows the glued word.
    assert glued == f"html2txt\tglued\t{HEADLINE!r} (right) → {HEADLINE + ' Neuartiger'!r} (right)\theadline: {HEADLINE!r}"
    assert won.startswith("html2txt\twon\t'Home News Sport' (wrong) → ")
    assert unprinted == "html2txt\tunprinted\t'Harbour dredging' (uncounted) → 'Harbour dredging By Jacob' (uncounted)"


def test_a_dump_quoting_tags_is_read_as_the_plain_text_it_is() -> None:
    # Five tags the article quotes near its top: undeclared, the dump would be sniffed as HTML.
    quoting = ARTICLE_DUMP.replace(ARTICLE[0], f"{ARTICLE[0]} The notice used <p>, <div>, <span>, <a> and <br> tags.")
    [result] = title_results(layout_dumps([_record("quoting", quoting)], "html2txt"))
    assert result.right, result.found
