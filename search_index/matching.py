"""Which documents of one shard match: text scores and filters, evaluated over the shard's postings.

Whoosh's own query matchers walk every posting through a tree of Python objects, about 20 microseconds a
document at 100k listings; reading each term's postings once (cached per shard) and combining them with
dicts and sets costs well under one. Whoosh still does the analysis, storage, postings and locking.

Scores are tf x idf with the idf of the catalogue (every listing once), so scores from different shards
compare; the name counts three times the rest, and a synonym half as much as the person's own word.
"""

from collections.abc import Callable
from dataclasses import dataclass

from search_index.shard_reader import ShardReader
from search_index.text import FIELD_BOOSTS, TEXT_FIELDS, ParsedText
from search_index.types import SearchQuery

SYNONYM_WEIGHT = 0.5  # a synonym counts half as much as the person's own word
# Each inner tuple is "any of" these (field, value) terms; a document must satisfy every inner tuple.
TermGroups = tuple[tuple[tuple[str, str], ...], ...]


@dataclass(frozen=True)
class Match:
    service_id: str
    score: float
    reach: str
    distance: float | None


def filter_groups(query: SearchQuery) -> TermGroups:
    """Every filter a term can answer; opening hours and distance are checked afterwards in Python."""
    groups: list[tuple[tuple[str, str], ...]] = []
    for field, values in (
        ("categories", query.categories),
        ("kinds", query.kinds),
        ("audiences", query.audiences),
    ):
        if any(values):
            groups.append(tuple((field, value) for value in values if value))
    groups.extend((("accessibility", feature),) for feature in query.accessibility if feature)
    if query.free_only:
        groups.append((("flags", "free"),))
    if query.dp_payable:
        groups.append((("flags", "dp"),))
    if query.day:
        groups.append((("days", query.day.upper()),))
    return tuple(groups)


def filtered_documents(reader: ShardReader, groups: TermGroups) -> set[int] | None:
    """Documents passing every group, or None when there are no filters (everything passes)."""
    allowed: set[int] | None = None
    for group in sorted(groups, key=len):
        passing: set[int] = set()
        for field, value in group:
            passing.update(reader.postings(field, value))
        allowed = passing if allowed is None else allowed & passing
        if not allowed:
            return set()
    return allowed


def text_scores(
    reader: ShardReader, parsed: ParsedText, idf: Callable[[str, str], float], match_all: bool
) -> dict[int, float]:
    """Document -> score: every concept must match (or, when match_all is False, any concept)."""
    concept_scores = [
        _concept_scores(reader, alternatives, own_count, idf)
        for alternatives, own_count in zip(parsed.concepts, parsed.own_counts, strict=True)
    ]
    if not concept_scores:
        return {}
    if match_all:
        concept_scores.sort(key=len)
        result = dict(concept_scores[0])
        for scores in concept_scores[1:]:
            result = {doc: score + scores[doc] for doc, score in result.items() if doc in scores}
        return result
    result = {}
    for scores in concept_scores:
        for doc, score in scores.items():
            result[doc] = result.get(doc, 0.0) + score
    return result


def _concept_scores(
    reader: ShardReader,
    alternatives: tuple[tuple[str, ...], ...],
    own_count: int,
    idf: Callable[[str, str], float],
) -> dict[int, float]:
    if own_count == 1 and len(alternatives) == 1 and len(alternatives[0]) == 1:
        return _word_scores(reader, alternatives[0][0], idf)  # one own word: its cached scores as they are
    combined: dict[int, float] = {}
    for index, phrase in enumerate(alternatives):
        boost = 1.0 if index < own_count else SYNONYM_WEIGHT
        phrase_scores: dict[int, float] | None = None
        for stem in phrase:
            word = _word_scores(reader, stem, idf)
            if phrase_scores is None:
                phrase_scores = word
            else:
                phrase_scores = {doc: s + word[doc] for doc, s in phrase_scores.items() if doc in word}
            if not phrase_scores:
                break
        get = combined.get
        for doc, score in (phrase_scores or {}).items():
            combined[doc] = get(doc, 0.0) + score * boost
    return combined


def _word_scores(reader: ShardReader, stem: str, idf: Callable[[str, str], float]) -> dict[int, float]:
    """Document -> one word's score over the text fields, kept by the shard until it changes."""
    factors = tuple(FIELD_BOOSTS[field] * idf(field, stem) for field in TEXT_FIELDS)

    def compute() -> dict[int, float]:
        scores: dict[int, float] = {}
        get = scores.get
        for field, factor in zip(TEXT_FIELDS, factors, strict=True):
            for doc, weight in reader.postings(field, stem).items():
                scores[doc] = get(doc, 0.0) + weight * factor
        return scores

    # The catalogue's idf is part of the key: when the catalogue changes, stale scores are not reused.
    return reader.memo(("word", stem, factors), compute)
