"""A Rasa NLU component that turns a message of unknown words into `nlu_fallback`.

It learns the training examples' words (and the place names of the lookup tables) when the model is
trained. At run time a message with no known word and no entity found in it (a postcode, a place the
model recognised) gets the `nlu_fallback` intent, so it counts as not understood and, twice in a row,
leads to the council's contact details. It runs before the safety net, which always has the last word.
"""

import json
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from safety.component import force_intent

from .vocabulary import Vocabulary

VOCABULARY_FILE = "vocabulary.json"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsClassifier(GraphComponent):
    def __init__(self, vocabulary: Vocabulary, model_storage: ModelStorage, resource: Resource):
        self.vocabulary = vocabulary
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "UnknownWordsClassifier":
        return cls(Vocabulary([]), model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        texts = [example.get(TEXT) or "" for example in training_data.intent_examples]
        texts += [element for table in training_data.lookup_tables for element in table["elements"]]
        self.vocabulary = Vocabulary.from_texts(texts)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(
                json.dumps(sorted(self.vocabulary.words)), encoding="utf-8"
            )
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "UnknownWordsClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                words = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        except ValueError:  # not trained yet (Rasa loads components to check a config)
            words = []
        return cls(Vocabulary(words), model_storage, resource)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if message.get(ENTITIES) or self.vocabulary.knows_any_word_of(message.get(TEXT) or ""):
                continue
            force_intent(message, DEFAULT_NLU_FALLBACK_INTENT_NAME)
        return messages
