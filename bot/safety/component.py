"""A Rasa NLU component that puts the safety net after the intent classifier.

When safety.net matches, the message's intent becomes `urgent_help` with full confidence, whatever the
model thought, so the urgent-help rule answers it before anything else. The message is then no request
for a kind of support, so any `need` or `audience` the model saw in it is dropped; places and days are kept.
"""

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_TYPE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from .net import check_message

URGENT_INTENT = "urgent_help"
KEPT_ENTITIES = ("location", "day")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyNetClassifier(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyNetClassifier":
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            match = check_message(message.get(TEXT) or "")
            if match is None:
                continue
            entities = message.get(ENTITIES) or []
            kept = [entity for entity in entities if entity.get(ENTITY_ATTRIBUTE_TYPE) in KEPT_ENTITIES]
            message.set(ENTITIES, kept, add_to_output=True)
            force_intent(message, URGENT_INTENT)
            message.set("safety_category", match.category, add_to_output=True)
        return messages


def force_intent(message: Message, intent_name: str) -> None:
    """Give the message this intent with full confidence, first in the ranking, whatever the model said."""
    forced = {INTENT_NAME_KEY: intent_name, "confidence": 1.0}
    others = [
        ranked
        for ranked in message.get(INTENT_RANKING_KEY) or []
        if ranked.get(INTENT_NAME_KEY) != intent_name
    ]
    message.set(INTENT, forced, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [forced, *others], add_to_output=True)
