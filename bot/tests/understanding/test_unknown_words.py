"""A message of words the assistant never learnt is 'not understood'; typos and places are not."""

import pytest
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from understanding.component import UnknownWordsClassifier
from understanding.vocabulary import Vocabulary

VOCABULARY = Vocabulary.from_texts(
    ["is there a dementia group near wigan", "respite for carers", "yes please", "ty", "who's that"]
)


@pytest.mark.parametrize(
    "text",
    [
        "dementia group",
        "demntia",  # one letter missing
        "respit",
        "gruop",  # two neighbours swapped
        "WIGAN!!",
        "ty",
        "whos that",
        "wn1 1aa",  # anything with a digit: postcodes, times
        "",
        "   ",
    ],
)
def test_known_words_typos_and_codes_count_as_understood(text):
    assert VOCABULARY.knows_any_word_of(text)


@pytest.mark.parametrize("text", ["hgfjdk lksjd", "kjhkjh", "xyz abc", "ti", "qwertyuiop"])
def test_a_message_of_unknown_words_is_not_understood(text):
    assert not VOCABULARY.knows_any_word_of(text)


def test_short_words_must_be_known_exactly():
    # "yez" is one letter from "yes", but a short word is one letter from too many real ones.
    assert not VOCABULARY.knows("yez")
    assert VOCABULARY.knows("respitte")
    assert not VOCABULARY.knows("rspitte")  # two edits away


def _message(text, intent="affirm", entities=()):
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": 0.83})
    message.set(
        INTENT_RANKING_KEY, [{"name": intent, "confidence": 0.83}, {"name": "deny", "confidence": 0.1}]
    )
    message.set(ENTITIES, list(entities))
    return message


def _classifier():
    return UnknownWordsClassifier(VOCABULARY, model_storage=None, resource=None)


def test_the_component_turns_unknown_words_into_nlu_fallback():
    [message] = _classifier().process([_message("hgfjdk lksjd")])
    assert message.get(INTENT) == {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": 1.0}
    ranking = [ranked["name"] for ranked in message.get(INTENT_RANKING_KEY)]
    assert ranking == [DEFAULT_NLU_FALLBACK_INTENT_NAME, "affirm", "deny"]


def test_the_component_leaves_known_words_and_recognised_entities_alone():
    known, place = _classifier().process(
        [
            _message("yes pleese"),
            _message(
                "kendal", intent="inform_location", entities=[{"entity": "location", "value": "kendal"}]
            ),
        ]
    )
    assert known.get(INTENT)["name"] == "affirm"
    assert place.get(INTENT)["name"] == "inform_location"
