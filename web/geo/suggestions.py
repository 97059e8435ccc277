"""Nearest spellings of a place or council name ("Stokport" -> "Stockport"), for "Did you mean ...?".

rapidfuzz compares what was typed with every council name and short form and every GB place name
(about 6,300 names) in about a millisecond. Councils and bigger places come first among equal matches.
"""

import threading

from rapidfuzz import fuzz, process, utils

from web.geo.councils import council_data
from web.geo.places import place_index

MIN_SCORE = 82  # out of 100; below this a "suggestion" is more often another place than a typo
MAX_SUGGESTIONS = 3
_COUNCIL_WEIGHT = 10**9  # a council outranks any town of the same score


class SpellingSuggester:
    def __init__(self) -> None:
        self._choices: list[str] | None = None
        self._labels: list[str] = []
        self._weights: list[int] = []
        self._lock = threading.Lock()

    def _load(self) -> list[str]:
        if self._choices is None:
            with self._lock:
                if self._choices is None:
                    weights: dict[str, int] = {}
                    for name, population in place_index().names().items():
                        weights[name] = max(weights.get(name, 0), population)
                    councils = council_data()
                    for name, code in councils.all_names().items():
                        label = councils.get(code).name if name.isupper() else name
                        weights[label] = _COUNCIL_WEIGHT
                    self._labels = list(weights)
                    self._weights = [weights[label] for label in self._labels]
                    self._choices = [utils.default_process(label) for label in self._labels]
        return self._choices

    def suggest(self, text: str) -> tuple[str, ...]:
        choices = self._load()
        typed = utils.default_process(text)
        if len(typed) < 3:
            return ()
        found = process.extract(
            typed, choices, scorer=fuzz.ratio, limit=MAX_SUGGESTIONS * 3, score_cutoff=MIN_SCORE
        )
        ranked = sorted(found, key=lambda hit: (-round(hit[1]), -self._weights[hit[2]]))
        labels: list[str] = []
        for _, _, index in ranked:
            if self._labels[index] not in labels:
                labels.append(self._labels[index])
        return tuple(labels[:MAX_SUGGESTIONS])


_default: SpellingSuggester | None = None
_default_guard = threading.Lock()


def suggester() -> SpellingSuggester:
    global _default
    with _default_guard:
        if _default is None:
            _default = SpellingSuggester()
        return _default


def forget_names() -> None:
    """After the place data changes (tests point it at other files)."""
    global _default
    with _default_guard:
        _default = None
