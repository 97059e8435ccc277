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


# Things the site cannot do yet (no booking, paying or self-service listings): no answer may promise them.
# The marketplace changes these answers, and this list, with the feature.
CLAIMS_THE_SITE_CANNOT_KEEP = (
    "book a small local provider through this site",
    "book through this site",
    "pay by bank card",
    "bookings are kept in your account",
    "cancel a booking from your account",
    "add what you offer",
    "your listing goes live",
    "before a small firm is listed here",
)


def test_no_answer_promises_what_the_site_cannot_do_yet():
    for name, text in all_response_texts().items():
        for claim in CLAIMS_THE_SITE_CANNOT_KEEP:
            assert claim not in text.lower(), f"{name} says {claim!r}"


def test_booking_and_cancelling_say_to_contact_the_provider():
    for name in ("utter_ask_booking", "utter_ask_cancelling"):
        text = response(name)["text"]
        assert "not" in text or "can't" in text
        assert "phone number or email is on their page" in text
