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
