"""Language of a text: declared codes normalised, detection only when it is sure."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.extraction.language import detect, load_identifier, normalize_code

TEXTS = {
    "en": "The foreign ministers met in Tokyo on Monday to discuss the peace treaty and fishing rights around the islands.",
    "de": "Die Außenminister trafen sich am Montag in Tokio, um über den Friedensvertrag und die Fischereirechte zu sprechen.",
    "ja": "外務大臣は月曜日に東京で会談し、平和条約と島々周辺の漁業権について協議した。両政府は声明を発表した。",
    "ru": "Министры иностранных дел встретились в понедельник в Токио, чтобы обсудить мирный договор и права на рыболовство.",
    "uk": "Міністри закордонних справ зустрілися в понеділок у Токіо, щоб обговорити мирний договір і права на рибальство.",
    "ar": "التقى وزراء الخارجية يوم الاثنين في طوكيو لمناقشة معاهدة السلام وحقوق الصيد حول الجزر المتنازع عليها. وقالت الحكومة في بيان إن المحادثات ستستمر الشهر المقبل.",
    "tr": "Dışişleri bakanları pazartesi günü Tokyo'da bir araya gelerek barış antlaşmasını ve balıkçılık haklarını görüştü.",
}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_news_paragraphs_in_many_languages_are_detected(code):
    assert detect(TEXTS[code]) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Tokyo",
        "Kuril Islands 2022",
        "12:45 — 3 / 4 — 2022-01-22 — 55%",
        "lorem ipsum " * 2,
        "asdkj qwlekj zxcmn qwpoei asdlkj qwe zxc qwe asd qwe zxc",
    ],
)
def test_short_letterless_or_unclear_text_gets_no_language(text):
    assert detect(text) is None


@pytest.mark.parametrize(
    ("value", "code"),
    [("en-US", "en"), ("EN", "en"), ("de_DE", "de"), ("eng", "en"), ("fre", "fr"), ("", None), ("x-klingon", None), (None, None)],
)
def test_declared_codes_are_normalised(value, code):
    assert normalize_code(value) == code


def test_the_unpacked_model_copy_classifies_exactly_like_py3langid(tmp_path: Path) -> None:
    packed = load_identifier(None)
    load_identifier(tmp_path)  # unpacks and keeps the copy
    assert [path.name.startswith("model-") for path in tmp_path.iterdir()] == [True]
    unpacked = load_identifier(tmp_path)
    samples = [*TEXTS.values(), "Tokyo", "12:45 — 2022", " ".join(TEXTS.values())]
    for text in samples:
        assert unpacked.classify(text) == packed.classify(text)
        assert unpacked.rank(text) == packed.rank(text)


def test_a_damaged_copy_is_replaced_and_detection_goes_on(tmp_path: Path) -> None:
    load_identifier(tmp_path)
    (copy,) = tmp_path.iterdir()
    (copy / "nextmove.npy").write_bytes(b"\x93NUMPY cut short")
    assert load_identifier(tmp_path).classify(TEXTS["de"])[0] == "de"
    assert load_identifier(tmp_path).classify(TEXTS["ja"])[0] == "ja"
    assert (copy / "nextmove.npy").stat().st_size > 1_000_000


def test_a_cache_folder_that_cannot_be_made_costs_only_the_copy(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert load_identifier(blocker / "py3langid").classify(TEXTS["ru"])[0] == "ru"
    assert list(tmp_path.iterdir()) == [blocker]
