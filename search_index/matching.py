"""Which documents of one shard match: text scores and filters, evaluated over the shard's postings.

Whoosh's own query matchers walk every posting through a tree of Python objects, about 20 microseconds a
document at 100k listings; reading each term's postings once (cached per shard) and combining them with
dicts and sets costs well under one. Whoosh still does the analysis, storage, postings and locking.

Scores are tf x idf with the idf of the catalogue (every listing once), so scores from different shards
compare; the name counts three times the description and the topics twice, a synonym half as much as the
person's own word and a broader need a quarter. Each match also has a tier (ABOUT below), which sorts first.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from search_index.shard_reader import ShardReader
from search_index.text import ABOUT_FIELDS, FIELD_BOOSTS, TEXT_FIELDS, ParsedText
from search_index.types import SearchQuery

SYNONYM_WEIGHT = 0.5  # a synonym counts half as much as the person's own word
BROADER_WEIGHT = 0.25  # and a broader need half as much again
# Each inner tuple is "any of" these (field, value) terms; a document must satisfy every inner tuple.
TermGroups = tuple[tuple[tuple[str, str], ...], ...]


@dataclass(frozen=True)
class Match:
    service_id: str
    score: float
    reach: str
    distance: float | None
    tier: int = 0  # ABOUT, MENTIONS or BROADER
    broader: int = 0  # concepts matched only through a broader need (bit per concept)


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


# Tiers, best first: every concept in the name or topics; some only in the description; some only broader.
ABOUT, MENTIONS, BROADER = 0, 1, 2


class Scored(NamedTuple):
    score: float
    tier: int
    broader: int  # bit i set: concept i matched only through a broader need


def text_scores(
    reader: ShardReader, parsed: ParsedText, idf: Callable[[str, str], float]
) -> dict[int, Scored]:
    """Document -> score and tier, for documents matching every concept (directly or more broadly)."""
    concepts = [
        _concept_scores(reader, alternatives, own, direct, idf)
        for alternatives, own, direct in zip(
            parsed.concepts, parsed.own_counts, _direct_counts(parsed), strict=True
        )
    ]
    if not concepts:
        return {}
    smallest = min(concepts, key=lambda c: len(c.scores))
    result: dict[int, Scored] = {}
    for doc in smallest.scores:
        score, tier, broader = 0.0, ABOUT, 0
        for index, concept in enumerate(concepts):
            concept_score = concept.scores.get(doc)
            if concept_score is None:
                break
            score += concept_score
            level = ABOUT if doc in concept.about else MENTIONS if doc in concept.direct else BROADER
            tier = max(tier, level)
            if level == BROADER:
                broader |= 1 << index
        else:
            result[doc] = Scored(score, tier, broader)
    return result


def concept_documents(
    reader: ShardReader, parsed: ParsedText, idf: Callable[[str, str], float]
) -> list[set[int]]:
    """Each concept's documents, however matched: to find which words nothing matches together."""
    return [
        set(_concept_scores(reader, alternatives, own, direct, idf).scores)
        for alternatives, own, direct in zip(
            parsed.concepts, parsed.own_counts, _direct_counts(parsed), strict=True
        )
    ]


@dataclass(frozen=True)
class _ConceptMatch:
    scores: dict[int, float]
    direct: set[int]  # matched by the person's words or a synonym for the same need
    about: set[int]  # ... in the name or topics


def _direct_counts(parsed: ParsedText) -> tuple[int, ...]:
    return parsed.direct_counts or tuple(len(a) for a in parsed.concepts)


def _concept_scores(
    reader: ShardReader,
    alternatives: tuple[tuple[str, ...], ...],
    own_count: int,
    direct_count: int,
    idf: Callable[[str, str], float],
) -> _ConceptMatch:
    combined: dict[int, float] = {}
    direct: set[int] = set()
    about: set[int] = set()
    for index, phrase in enumerate(alternatives):
        boost = 1.0 if index < own_count else SYNONYM_WEIGHT if index < direct_count else BROADER_WEIGHT
        phrase_scores: dict[int, float] | None = None
        for stem in phrase:
            word = _word_scores(reader, stem, idf)
            if phrase_scores is None:
                phrase_scores = word
            else:
                phrase_scores = {doc: s + word[doc] for doc, s in phrase_scores.items() if doc in word}
            if not phrase_scores:
                break
        if not phrase_scores:
            continue
        get = combined.get
        for doc, score in phrase_scores.items():
            combined[doc] = get(doc, 0.0) + score * boost
        if index < direct_count:
            direct.update(phrase_scores)
            named = set(phrase_scores)
            for stem in phrase:
                named &= _about_documents(reader, stem).keys()
            about |= named
    return _ConceptMatch(combined, direct, about)


def _about_documents(reader: ShardReader, stem: str) -> dict[int, float]:
    """Documents with the word in their name or topics."""

    def compute() -> dict[int, float]:
        found: dict[int, float] = {}
        for field in ABOUT_FIELDS:
            found.update(reader.postings(field, stem))
        return found

    return reader.memo(("about", stem), compute)


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
