"""Language of a text: declared codes normalised, detection only when it is sure."""

from __future__ import annotations

import pytest

from pipelines.extraction.language import detect, normalize_code

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
