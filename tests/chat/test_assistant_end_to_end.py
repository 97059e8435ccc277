"""From /chat through the real Rasa server and action server to real listings from the demo data.

Starts bot/.venv's Rasa server (with the newest model in bot/models/) and action server as subprocesses
on loopback, in front of the web app with the demo region loaded. Skipped, saying why, when the bot's
virtualenv or a trained model is missing (`make bot-train` makes both).
"""

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.accounts.conftest import make_fresh_app
from tests.chat.assistant_stack import missing_prerequisites, running_assistant, serve_in_thread
from tests.chat.conftest import parse, text_of
from tests.conftest import _empty_tables
from tests.prerequisites import missing_prerequisite
from web.extensions import db
from web.models import AssistantEvent, SearchEvent
from web.services.index_store import get_index

pytestmark = pytest.mark.assistant

DEMO_SERVICES = Path(__file__).resolve().parents[2] / "seed_data" / "demo" / "services.json"


@pytest.fixture(scope="module")
def demo_site(app, tmp_path_factory):
    reason = missing_prerequisites()
    if reason:
        missing_prerequisite(f"The end-to-end assistant test needs the real assistant: {reason}")
    site = make_fresh_app(app)
    result = site.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    try:
        with (
            serve_in_thread(site) as web_url,
            running_assistant(web_url, tmp_path_factory.mktemp("assistant_logs")) as assistant,
        ):
            site.config["RASA_URL"] = assistant.rasa_url
            yield site
    finally:
        with site.app_context():
            db.session.remove()
            _empty_tables()
            get_index().rebuild([])
            db.engine.dispose()


@pytest.fixture(scope="module")
def demo_names() -> dict[str, str]:
    return {record["id"]: record["name"] for record in json.loads(DEMO_SERVICES.read_text(encoding="utf-8"))}


def ask(site, message: str):
    client = site.test_client()
    response = client.post("/chat", data={"message": message}, follow_redirects=True)
    assert response.status_code == 200
    return parse(response).select(".app-chat-entry")


def test_a_dementia_question_gets_real_listings_from_the_directory(demo_site, demo_names):
    entries = ask(demo_site, "is there a dementia group near WN1 1AA")
    answer = entries[1]
    assert "cannot answer right now" not in text_of(answer)
    titles = answer.select(".govuk-summary-card__title a")
    assert 3 <= len(titles) <= 5, text_of(answer)
    for title in titles:
        service_id = title["href"].removeprefix("/services/")
        assert demo_names.get(service_id) == text_of(title)
    assert any("dementia" in text_of(card).lower() for card in answer.select(".govuk-summary-card"))
    assert next(a for a in answer.select("a") if "See all" in text_of(a))["href"].startswith("/search?")
    with demo_site.app_context():
        # The search itself was counted once, by /api/search, as the assistant's.
        channels = db.session.scalars(select(SearchEvent.channel)).all()
        assert "assistant" in channels


def test_danger_gets_999_first_through_the_real_assistant(demo_site):
    entries = ask(demo_site, "my dad has fallen and is not breathing")
    first_answer = text_of(entries[1].select_one(".govuk-warning-text"))
    assert first_answer.index("999") < first_answer.index("116 123")
    # The assistant's own urgent help is not shown a second time.
    assert len([entry for entry in entries if entry.select_one(".govuk-warning-text")]) == 1


def test_a_knowledge_question_is_answered_and_its_intent_counted(demo_site):
    entries = ask(demo_site, "what is a direct payment")
    assert "cannot answer right now" not in text_of(entries[1])
    assert "payment" in text_of(entries[1]).lower()
    with demo_site.app_context():
        intents = db.session.scalars(select(AssistantEvent.intent)).all()
    assert "ask_direct_payments" in intents
