"""The safety net inside Rasa: a danger message becomes urgent_help, whatever the model guessed."""

from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from safety.component import SafetyNetClassifier, force_intent


def _message(text: str, intent: str, entities: list[dict]) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": 0.7})
    message.set(
        INTENT_RANKING_KEY,
        [{"name": intent, "confidence": 0.7}, {"name": "urgent_help", "confidence": 0.2}],
    )
    message.set(ENTITIES, entities)
    return message


def test_money_being_taken_is_urgent_help_not_a_search_for_money_advice():
    entities = [
        {"entity": "need", "value": "money", "start": 26, "end": 31},
        {"entity": "location", "value": "Wigan", "start": 35, "end": 40},
    ]
    message = _message("the carer keeps taking mums money in wigan", "find_support", entities)

    [checked] = SafetyNetClassifier().process([message])

    assert checked.get(INTENT) == {"name": "urgent_help", "confidence": 1.0}
    assert [ranked["name"] for ranked in checked.get(INTENT_RANKING_KEY)] == ["urgent_help", "find_support"]
    assert [entity["entity"] for entity in checked.get(ENTITIES)] == ["location"]
    assert checked.get("safety_category") == "abuse"


def test_an_ordinary_question_keeps_the_models_intent():
    message = _message("I want to stop my mum being lonely", "find_support", [])

    [checked] = SafetyNetClassifier().process([message])

    assert checked.get(INTENT)["name"] == "find_support"
    assert checked.get("safety_category") is None


def test_forcing_an_intent_puts_it_first_once():
    message = _message("anything", "greet", [])

    force_intent(message, "urgent_help")

    ranking = [ranked["name"] for ranked in message.get(INTENT_RANKING_KEY)]
    assert ranking == ["urgent_help", "greet"]
    assert message.get(INTENT)["confidence"] == 1.0
