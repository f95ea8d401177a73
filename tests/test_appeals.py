"""The site's appeals (to subscribe, to follow it or get its app, to support it) in text dumps and HTML
pages: cut in the languages the furniture lists cover; an article that speaks of subscriptions, apps,
memberships or social networks keeps its sentences."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.appeals import is_appeal
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU

APPEALS = [
    "Subscribe now to our weekend edition for the full story.",
    "If you are seeing this message but you are already a subscriber, you can log in for immediate access.",
    "For the latest stories and breaking news updates download the Coastal Herald apps for iOS and Android.",
    "Follow The Coastal Herald on Twitter and Instagram, and support our journalism.",
]


@pytest.mark.parametrize(
    "text",
    [
        *APPEALS,
        "To view the full story, please subscribe to The Coastal Herald.",
        "El contenido al que quiere acceder es exclusivo para suscriptores.",
        "Suscribite a nuestro newsletter",
        "Inscríbete a nuestro boletín",
        "Dann abonnieren Sie unseren Newsletter!",
        "Für Abonnentinnen und Abonnenten inklusive.",
        "Abonnez-vous pour lire la suite.",
        "Zapraszamy też do subskrypcji tygodnika.",
        "Sign up for our newsletter. We won't share your email address.",
        "Sign up for the newsletter Command Line",
        "Sign up to receive the Herald's award-winning stories delivered to your inbox",
        "Herald Newsletter Sign up to get the best stories of the week, as picked by the editors.",
        "Melden Sie sich jetzt für den kostenlosen agrarheute-Newsletter an!",
        "Jetzt zum kostenlosen Newsletter anmelden »",
        "Herald Newsletter",
        "Enter your email address to subscribe to this blog and receive notifications of new posts by email.",
        "Missing out on the latest WordPress.com developments? Enter your email below to receive future updates.",
        "Geben Sie Ihre E-Mail-Adresse an, um diesen Blog zu abonnieren und Benachrichtigungen über neue Beiträge via E-Mail zu erhalten.",
        "Gib deine E-Mail-Adresse an, um diesem Blog zu folgen und per E-Mail Benachrichtigungen über neue Beiträge zu erhalten.",
        "Entrez votre adresse mail pour suivre ce blog et être notifié par email des nouvelles publications.",
        "Wpisz swój adres e-mail, aby subskrybować ten blog i otrzymywać powiadomienia o nowych wpisach.",
        "GET THE COASTAL HERALD NEWSLETTER",
        "If you click this link and make a purchase, we earn a commission at no additional cost to you.",
        "Für Links auf dieser Seite erhält CHIP ggf. eine Provision vom Händler.",
        "Für Links auf dieser Seite erhält die Redaktion eine Vergütung.",
        "Disclosure: Some of the links above are affiliate links.",
        "First-time subscribers also receive a welcome gift.",
        "Follow us on Facebook and Twitter.",
        "You can keep up with me on Twitter: @Josiah_Motley",
        "Get the latest news straight to your phone with the Herald app.",
        "Síguenos en Telegram, Instagram, Facebook y Twitter",
        "¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular.",
        "Siga-nos no Telegram.",
        "Folgen Sie uns auf Facebook",
        "Laden Sie jetzt unsere Zeitungs-App herunter.",
        "Suivez-nous sur les réseaux sociaux",
        "Seguici su Instagram",
        "Obserwuj nas na Google News",
        "Volg ons op Twitter",
        "Become a member and enjoy exclusive benefits.",
        "HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS",
        "Unterstütze das Projekt:",
        "Soutenez notre journalisme : faites un don.",
        "Wesprzyj nas!",
    ],
)
def test_appeals_in_each_language_are_found(text: str) -> None:
    assert is_appeal(text)


@pytest.mark.parametrize(
    "text",
    [
        "Then came the integration of Prime, Amazon's $119-a-year shipping and media-subscription program.",
        "La hausse vertigineuse des abonnés à Facebook ou Twitter illustre ce processus.",
        "Publishers can offer subscription services or deny their content to users who block ads.",
        "She went on to become a member of parliament in 2010.",
        "Users can download the app from Google Play and sign in with a bank card.",
        "Police asked residents to follow the instructions on the app.",
        "Supporters followed the senator on Twitter for updates.",
        "The mayor asked residents to follow him on Twitter and to keep up with the council's news.",
        "Esperamos que nos siga apoyando, dijo el alcalde.",
        "The grants support local work on coastal erosion.",
        "Residents can sign up for text alerts from the county and get the newsletter at the town hall.",
        "Residents can sign up to receive text alerts from the county.",
        "Mehr als 10.000 Leser haben den Newsletter der Stadt bestellt.",
        "Why the town council stopped printing its newsletter",
        "I started this blog to write about the harbour, and readers soon began to follow it.",
        "Publishers earn a commission when readers buy through their links, the study found.",
        "The broker may receive a commission of 2 percent on the sale.",
        ARTICLE[0],
    ],
)
def test_articles_about_subscriptions_apps_and_members_are_not_appeals(text: str) -> None:
    assert not is_appeal(text)


@pytest.mark.parametrize("separator", ["\n", " "], ids=["one block a line", "one line"])
def test_dump_loses_the_appeals_and_keeps_the_article(separator: str) -> None:
    blocks = [
        "Coastal Herald",
        *MENU,
        HEADLINE,
        "By Anna Berg",
        *ARTICLE[:3],
        APPEALS[0],
        APPEALS[2],
        *ARTICLE[3:],
        *APPEALS[1::2],
        *FOOTER,
    ]
    body = extract(RawDocument(source="test", content=separator.join(blocks).encode(), url=None, content_type="text/plain")).body
    for paragraph in ARTICLE:
        assert paragraph in body
    for appeal in APPEALS:
        assert appeal not in body


def test_html_page_loses_an_appeal_its_article_text_holds() -> None:
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in [*ARTICLE, *APPEALS])
    html = f"<html><body><article><h1>{HEADLINE}</h1>{paragraphs}</article></body></html>"
    body = extract(RawDocument(source="test", content=html.encode(), url="https://news.example/harbour")).body
    assert body.endswith(ARTICLE[-1])
