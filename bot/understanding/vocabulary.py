"""The words the assistant was trained on, and whether a message uses any of them.

A message made only of words it has never seen ("hgfjdk lksjd") cannot have been understood, however
confident the model sounds: the model still has to pick the nearest intent, and it may pick "yes".
A word one slip away from a known word ("respit", "demntia") counts as known, as does anything with
a digit in it (postcodes, times).
"""

import re
from collections.abc import Iterable

from safety.net import normalise, within_one_edit

# Short words are too easily one edit away from a real one ("xyz", "abc"): they must be known exactly.
SHORTEST_CORRECTED_WORD = 4


def words_of(text: str) -> list[str]:
    return normalise(text).split()


class Vocabulary:
    def __init__(self, words: Iterable[str]):
        self.words = frozenset(words)
        self._by_length: dict[int, list[str]] = {}
        for word in self.words:
            self._by_length.setdefault(len(word), []).append(word)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "Vocabulary":
        return cls(word for text in texts for word in words_of(text))

    def knows(self, word: str) -> bool:
        if word in self.words or re.search(r"\d", word):
            return True
        if len(word) < SHORTEST_CORRECTED_WORD:
            return False
        nearby = (
            known
            for size in (len(word) - 1, len(word), len(word) + 1)
            for known in self._by_length.get(size, [])
        )
        return any(within_one_edit(word, known) for known in nearby)

    def knows_any_word_of(self, text: str) -> bool:
        """False only for a message with words, none of which is known (an empty message says nothing)."""
        words = words_of(text)
        return not words or any(self.knows(word) for word in words)
