"""Cookie consent notices and the privacy terms a form has the reader accept, in text dumps: cut in
the languages the furniture lists cover, with the sentences that go on about them; an article that
speaks of cookies, consent or personal data keeps its sentences."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.consent import consent_runs, states_consent
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU

NOTICE = [
    "This website uses cookies to improve your experience while you navigate through the website.",
    "Out of these cookies, the cookies that are categorized as necessary are stored on your browser.",
    "You can change your choice at any time.",
    "But opting out of some of these cookies may affect your browsing experience.",
]


@pytest.mark.parametrize(
    "text",
    [
        "We use cookies and similar technologies to personalise content and ads.",
        "Diese Website verwendet Cookies. Durch die Nutzung erklären Sie sich einverstanden.",
        "Wir verwenden Cookies, um Inhalte zu personalisieren.",
        "Ce site utilise des cookies pour mesurer l'audience.",
        "Este sitio web utiliza cookies propias y de terceros.",
        "Questo sito utilizza cookie tecnici e di profilazione.",
        "Informujemy, że korzystamy z cookies.",
        "Deze site gebruikt cookies van Google om services te leveren.",
        "Read our Privacy and Cookie Policy to find out more.",
    ],
)
def test_notices_in_each_language_state_consent(text: str) -> None:
    assert states_consent(text)


@pytest.mark.parametrize(
    "text",
    [
        "Some web browsers do not send third-party cookies by default, or they scope cookies per site.",
        "ServiceWorkers may not set cookies via synthesized responses.",
        "Bake the cookies for twelve minutes, until the edges turn golden.",
        "The harbour authority on Tuesday approved a plan to dredge the channel.",
    ],
)
def test_articles_that_mention_cookies_do_not(text: str) -> None:
    assert not states_consent(text)


def test_the_sentences_after_a_notice_that_name_cookies_belong_to_it() -> None:
    texts = ["Home", *NOTICE, "Accept", ARTICLE[0], "Cookies are also baked in the harbour's bakery."]
    assert consent_runs(texts) == [1, 2, 3, 4]


@pytest.mark.parametrize("separator", ["\n", " "], ids=["one block a line", "one line"])
def test_dump_loses_the_notice_and_keeps_the_article(separator: str) -> None:
    blocks = ["Coastal Herald", *MENU, *NOTICE, "Accept all", HEADLINE, "By Anna Berg", *ARTICLE, *FOOTER]
    article = extract(RawDocument(source="test", content=separator.join(blocks).encode(), url=None, content_type="text/plain"))
    for paragraph in ARTICLE:
        assert paragraph in article.body
    for sentence in NOTICE:
        assert sentence not in article.body


def test_html_page_loses_a_notice_its_article_text_holds() -> None:
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE)
    notice = "".join(f"<p>{sentence}</p>" for sentence in NOTICE)
    html = f"<html><body><article><h1>{HEADLINE}</h1>{paragraphs}{notice}</article></body></html>"
    body = extract(RawDocument(source="test", content=html.encode(), url="https://news.example/harbour")).body
    assert body.endswith(ARTICLE[-1])
    assert "cookies" not in body


@pytest.mark.parametrize(
    "text",
    [
        "By signing up, you agree to our Privacy Policy and European users agree to the data transfer policy.",
        'By clicking "Submit," you agree to the Privacy Policy and Terms of Use.',
        "Healthline Media would like to process and share personal data about your use of our site.",
        "Ich bin damit einverstanden, personalisierte E-Mails zu exklusiven Angeboten zu erhalten.",
        "Mit Absenden meiner E-Mail-Adresse willige ich bis auf Widerruf ein, den Newsletter zu erhalten.",
        "En cliquant sur « Accepter », vous acceptez nos conditions d'utilisation.",
        "Al suscribirte aceptas los términos y condiciones.",
        "Wyrażam zgodę na przetwarzanie moich danych osobowych przez wydawcę.",
        "Ik ga akkoord met de algemene voorwaarden.",
    ],
)
def test_the_reader_agreeing_to_the_sites_privacy_terms_states_consent(text: str) -> None:
    assert states_consent(text)


@pytest.mark.parametrize(
    "text",
    [
        "Facebook and other tech companies often deflect accusations of excessive data collection by arguing consent.",
        "Special vaccination consent forms had been sent out electronically to parents.",
        "Der Kläger hat der Veröffentlichung seiner Fotografien nicht zugestimmt.",
        "The regulator said the bank had processed personal data without a legal basis.",
    ],
)
def test_articles_about_consent_and_personal_data_do_not(text: str) -> None:
    assert not states_consent(text)


def test_a_newsletter_forms_terms_in_a_dump_are_cut_with_the_article_kept() -> None:
    terms = [
        "Sign up for our newsletter",
        "By signing up, you agree to our Privacy Policy and to receive emails from the Coastal Herald.",
        "You can unsubscribe at any time; see our privacy policy for how we handle your personal data.",
    ]
    blocks = ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE[:3], *terms, *ARTICLE[3:], *FOOTER]
    article = extract(RawDocument(source="test", content="\n".join(blocks).encode(), url=None, content_type="text/plain"))
    for paragraph in ARTICLE:
        assert paragraph in article.body
    for sentence in terms[1:]:
        assert sentence not in article.body
