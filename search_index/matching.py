"""Filters as Whoosh queries, what a match carries, and "Did you mean ...?" corrections."""

from dataclasses import dataclass

from whoosh.query import And, Or, Query, Term
from whoosh.searching import Searcher
from whoosh.support.levenshtein import distance as edit_distance

from search_index.synonyms import SYNONYM_GROUPS
from search_index.text import TEXT_FIELDS, clean_words, stems
from search_index.types import SearchQuery

# Words the synonym list knows are worth suggesting even when no listing uses them yet.
_SYNONYM_VOCABULARY = frozenset(
    word
    for group in SYNONYM_GROUPS
    for phrase in group.phrases + group.expands_to
    for word in clean_words(phrase)
    if len(word) > 3
)


@dataclass(frozen=True)
class Match:
    service_id: str
    score: float
    reach: str
    distance: float | None


def build_filter(query: SearchQuery) -> Query | None:
    """Every filter a term can answer; opening hours and distance are checked afterwards in Python."""
    parts: list[Query] = []
    for field, values in (
        ("categories", query.categories),
        ("kinds", query.kinds),
        ("audiences", query.audiences),
    ):
        terms = [Term(field, value) for value in values if value]
        if terms:
            parts.append(terms[0] if len(terms) == 1 else Or(terms))
    parts.extend(Term("accessibility", feature) for feature in query.accessibility if feature)
    if query.free_only:
        parts.append(Term("flags", "free"))
    if query.dp_payable:
        parts.append(Term("flags", "dp"))
    if query.day:
        parts.append(Term("days", query.day.upper()))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def correct_spelling(catalogue: Searcher, words: tuple[str, ...]) -> str | None:
    """The words with unknown ones replaced by the closest known word, or None when nothing changed."""
    reader = catalogue.reader()
    corrected: list[str] = []
    changed = False
    for word in words:
        replacement = word if _known(reader, word) else _closest(reader, word)
        changed = changed or replacement != word
        corrected.append(replacement or word)
    return " ".join(corrected) if changed else None


def _known(reader, word: str) -> bool:
    word_stems = stems(word)
    return not word_stems or all(
        any(reader.doc_frequency(field, stem) for field in TEXT_FIELDS) for stem in word_stems
    )


def _closest(reader, word: str) -> str:
    if len(word) < 4 or word.isdigit():
        return word
    max_distance = 1 if len(word) < 6 else 2
    candidates = {
        candidate: reader.doc_frequency("words", candidate)
        for candidate in reader.terms_within("words", word, max_distance, prefix=1)
    }
    for candidate in _SYNONYM_VOCABULARY:
        close_length = abs(len(candidate) - len(word)) <= max_distance
        if candidate[0] == word[0] and close_length and edit_distance(candidate, word) <= max_distance:
            candidates.setdefault(candidate, 0)
    if not candidates:
        return word
    return min(candidates, key=lambda c: (edit_distance(c, word), -candidates[c], c))
