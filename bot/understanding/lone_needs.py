"""A Rasa NLU component that drops a one-word `need` the assistant never learnt as a need on its own.

The entity model sometimes tags a stray word as a need ("bereavement support after my husband [died]",
"a stroke in the [summer]"). A need of one word is kept only if that word alone was a need in the
training examples ("respite", "lonely", "stroke"); longer needs, and every other entity, are kept. A
real need dropped this way is not lost: the search reads the rest of the message's words instead.
"""

import json
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, ENTITY_ATTRIBUTE_END, ENTITY_ATTRIBUTE_START, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from .vocabulary import words_of

NEED = "need"
LONE_NEEDS_FILE = "lone_needs.json"


def span_words(message: Message, entity: dict[str, Any]) -> list[str]:
    text = message.get(TEXT) or ""
    return words_of(text[entity.get(ENTITY_ATTRIBUTE_START, 0) : entity.get(ENTITY_ATTRIBUTE_END, 0)])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class LoneNeedWordFilter(GraphComponent):
    def __init__(self, lone_needs: frozenset[str], model_storage: ModelStorage, resource: Resource):
        self.lone_needs = lone_needs
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LoneNeedWordFilter":
        return cls(frozenset(), model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        lone = set()
        for example in training_data.entity_examples:
            for entity in example.get(ENTITIES) or []:
                words = span_words(example, entity)
                if entity.get("entity") == NEED and len(words) == 1:
                    lone.add(words[0])
        self.lone_needs = frozenset(lone)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / LONE_NEEDS_FILE).write_text(json.dumps(sorted(lone)), encoding="utf-8")
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "LoneNeedWordFilter":
        try:
            with model_storage.read_from(resource) as directory:
                words = json.loads((directory / LONE_NEEDS_FILE).read_text(encoding="utf-8"))
        except ValueError:  # not trained yet (Rasa loads components to check a config)
            words = []
        return cls(frozenset(words), model_storage, resource)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            kept = [entity for entity in entities if not self._is_stray_word(message, entity)]
            if len(kept) != len(entities):
                message.set(ENTITIES, kept, add_to_output=True)
        return messages

    def _is_stray_word(self, message: Message, entity: dict[str, Any]) -> bool:
        if entity.get("entity") != NEED:
            return False
        words = span_words(message, entity)
        return len(words) == 1 and words[0] not in self.lone_needs
