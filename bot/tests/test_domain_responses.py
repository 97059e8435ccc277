"""The responses other parts of the project rely on say what they must."""

from pathlib import Path

import yaml

DOMAIN_DIR = Path(__file__).resolve().parents[1] / "domain"


def response(name: str) -> dict:
    for path in DOMAIN_DIR.glob("*.yml"):
        responses = yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}
        if name in responses:
            [variant] = responses[name]
            return variant
    raise AssertionError(f"{name} is not in the domain")


def test_urgent_help_starts_with_999_then_111_samaritans_and_safeguarding():
    urgent = response("utter_urgent_help")
    text = urgent["text"]
    assert text.startswith("999")
    positions = [text.index(words) for words in ("999", "NHS 111", "116 123", "{safeguarding_phone}")]
    assert positions == sorted(positions)
    assert urgent["custom"] == {"type": "urgent_help"}


def test_contact_details_come_from_the_action_not_the_text():
    text = response("utter_contact_human")["text"]
    for value in ("{council_name}", "{council_phone}", "{council_opening_hours}", "{council_email}"):
        assert value in text


def all_response_texts() -> dict[str, str]:
    texts = {}
    for path in DOMAIN_DIR.glob("*.yml"):
        responses = yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}
        for name, variants in responses.items():
            texts[name] = " ".join(variant.get("text", "") for variant in variants)
    return texts


# Things the site does not do: no answer may promise them. Cards are charged only after a confirmed
# visit or for a late cancellation, never up front, and direct-payment prepaid cards are the council's.
CLAIMS_THE_SITE_CANNOT_KEEP = (
    "pay in advance",
    "pay when you book",
    "charged when you book",
    "pay online before",
    "pay by bank transfer on this site",
    "with your direct payment card on this site",
)


def test_no_answer_promises_what_the_site_cannot_do_yet():
    for name, text in all_response_texts().items():
        for claim in CLAIMS_THE_SITE_CANNOT_KEEP:
            assert claim not in text.lower(), f"{name} says {claim!r}"


def test_booking_says_where_to_click_what_happens_next_and_when_the_card_is_charged():
    text = response("utter_ask_booking")["text"]
    for words in ("Book button", "Sign in", "a free time", "every week", "the total", "cancel free"):
        assert words in text
    assert "48 hours to say yes or no" in text
    assert "add a card" in text
    assert "charged only after the visit, once you say it took place" in text
    assert "managed account or ISF" in text and "a bill each month" in text
    # Most listings cannot be booked here: their contact details still are the way.
    assert "call or email them" in text


def test_cancelling_names_the_page_and_button_and_who_pays():
    text = response("utter_ask_cancelling")["text"]
    for words in (
        "/bookings",
        "Cancel booking",
        "free until",
        "cancel one visit",
        "you pay nothing",
        "get back what you paid",
    ):
        assert words in text
    assert "call or email the provider" in text


def test_providers_join_on_the_site_and_are_checked_before_anyone_can_book_them():
    text = response("utter_ask_provider_join")["text"]
    for words in ("/provider/set-up", "DBS check", "insurance", "CQC", "before anyone can book you"):
        assert words in text
    assert "can't add a listing yourself" not in text
