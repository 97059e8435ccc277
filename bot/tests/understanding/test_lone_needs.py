"""A stray one-word need is dropped; learnt one-word needs, longer needs and other entities stay."""

from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from understanding.lone_needs import LoneNeedWordFilter


def _need(text: str, words: str, entity: str = "need") -> dict:
    start = text.index(words)
    return {"entity": entity, "start": start, "end": start + len(words), "value": words}


def test_only_stray_one_word_needs_are_dropped():
    text = "bereavement support after my husband died in wigan, he was lonely"
    entities = [
        _need(text, "bereavement support"),
        _need(text, "died"),
        _need(text, "wigan", entity="location"),
        _need(text, "lonely"),
    ]
    message = Message(data={TEXT: text, ENTITIES: entities})

    [checked] = LoneNeedWordFilter(frozenset({"lonely"}), None, None).process([message])

    assert [entity["value"] for entity in checked.get(ENTITIES)] == ["bereavement support", "wigan", "lonely"]
