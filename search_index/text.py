"""Turning what a person typed into search concepts: clean-up, synonyms and stemming.

Nothing typed is ever handed to a query parser: text is reduced to plain lower-case words first, so quotes,
brackets, Whoosh operators, SQL or HTML are just words (or nothing) and can never raise.
"""

import re
import unicodedata
from dataclasses import dataclass

from whoosh.analysis import StemmingAnalyzer

from search_index.synonyms import SYNONYM_GROUPS, SynonymGroup

# Fields searched for every word, with their weights: the name says most about what a listing is, then the
# names of its types of support ("topics"), then the rest of its text.
TEXT_FIELDS: tuple[str, ...] = ("name", "topics", "body")
FIELD_BOOSTS = {"name": 3.0, "topics": 2.0, "body": 1.0}
# A listing is about a word when the word is in its name or topics; only in its description, it mentions it.
ABOUT_FIELDS: tuple[str, ...] = ("name", "topics")
MAX_QUERY_CHARS = 400
MAX_WORDS = 16
# Words that say nothing about the need in this directory; dropped unless nothing else is left. Family words
# say who the help is for ("my dad had a stroke"), which no listing's text repeats.
_FILLER_TEXT = """
help helps helping support supports service services near me my local find looking need needs want please
someone anyone something area around where can could would there get who what which is am are was has have
had do does i im ive he she they him her his hers them their our we us you your it its a an the and or of to
in on at for with about just feel feeling felt really very so bit any some
mum mam mom mummy mother dad daddy father husband wife partner son daughter nan nana gran granny grandma
grandmother grandad granddad grandpa grandfather brother sister aunt auntie uncle friend neighbour
"""
_FILLER_WORDS = frozenset(_FILLER_TEXT.split())
_NON_WORD = re.compile(r"[^a-z0-9]+")

stemming_analyzer = StemmingAnalyzer()


@dataclass(frozen=True)
class ParsedText:
    """The person's words, reduced to stemmed concepts: every concept must match (AND of ORs).

    Each concept's alternatives are its own stems first (own_counts of them), then synonyms for the same
    need, then broader needs: the first direct_counts alternatives are direct, the rest broader."""

    concepts: tuple[tuple[tuple[str, ...], ...], ...]
    own_counts: tuple[int, ...]
    words: tuple[str, ...]  # the cleaned words, for spelling correction
    expanded: tuple[str, ...]  # synonym phrases added
    direct_counts: tuple[int, ...] = ()
    labels: tuple[str, ...] = ()  # the person's words for each concept, as in "not specific to stroke"
    curated: tuple[bool, ...] = ()  # whether each concept comes from the synonym list

    def without(self, index: int) -> "ParsedText":
        """The same words less one concept (when nothing matches them all)."""

        def drop(values: tuple) -> tuple:
            return values[:index] + values[index + 1 :]

        return ParsedText(
            drop(self.concepts),
            drop(self.own_counts),
            self.words,
            self.expanded,
            drop(self.direct_counts),
            drop(self.labels),
            drop(self.curated),
        )


def clean_words(text: str) -> list[str]:
    """Lower-case ASCII words only; apostrophes vanish so "carer's" == "carers"."""
    text = unicodedata.normalize("NFKD", text[: MAX_QUERY_CHARS * 4])
    text = text.encode("ascii", "ignore").decode("ascii").lower().replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub(" ", text).split()[: MAX_WORDS * 2]


def stems(phrase: str) -> tuple[str, ...]:
    return tuple(token.text for token in stemming_analyzer(phrase))


@dataclass
class _Concept:
    label: str
    own: list[tuple[str, ...]]
    same: list[tuple[str, ...]]
    broader: list[tuple[str, ...]]
    curated: bool


def parse_text(text: str) -> ParsedText:
    words = clean_words(text)
    joined = f" {' '.join(words)} "
    consumed: set[int] = set()
    concepts: list[_Concept] = []
    expanded: list[str] = []
    word_groups: dict[str, list[SynonymGroup]] = {}
    for group in SYNONYM_GROUPS:
        for phrase in group.phrases:
            if f" {phrase} " not in joined:
                continue
            phrase_words = phrase.split()
            if len(phrase_words) == 1:
                word_groups.setdefault(phrase, []).append(group)
            else:
                start = _find_sequence(words, phrase_words, consumed)
                if start is None:
                    continue
                consumed.update(range(start, start + len(phrase_words)))
                # A described situation ("look after my mum") is not itself listing text: search only for
                # what it means, unless the phrase is also one of the listing words.
                own = [stems(phrase)] if phrase in group.expands_to else []
                concepts.append(_concept(group.label or phrase, own, [group]))
            expanded.extend(e for e in group.expands_to + group.broader if e not in expanded)
            break
    kept = [w for i, w in enumerate(words) if i not in consumed]
    content = [w for w in kept if w not in _FILLER_WORDS] or ([] if concepts else kept)
    content = list(dict.fromkeys(content))  # "dementia dementia" is one concept
    for word in content[:MAX_WORDS]:
        own = stems(word)
        if not own:
            continue  # a stop word such as "the"
        groups = word_groups.get(word, [])
        label = next((g.label for g in groups if g.label), word)
        concepts.append(_concept(label, [own], groups))
    alternatives, own_counts, direct_counts = [], [], []
    for concept in concepts:
        direct = _unique(concept.own + concept.same)
        broader = tuple(b for b in _unique(concept.broader) if b not in direct)
        alternatives.append(direct + broader)
        own_counts.append(sum(1 for a in direct if a in concept.own))
        direct_counts.append(len(direct))
    return ParsedText(
        tuple(alternatives),
        tuple(own_counts),
        tuple(content),
        tuple(expanded),
        tuple(direct_counts),
        tuple(c.label for c in concepts),
        tuple(c.curated for c in concepts),
    )


def _concept(label: str, own: list[tuple[str, ...]], groups: list[SynonymGroup]) -> _Concept:
    same = [stems(e) for g in groups for e in g.expands_to]
    broader = [stems(e) for g in groups for e in g.broader]
    # Own words come first in the alternatives, so keep them out of the synonym lists.
    return _Concept(
        label,
        own,
        [a for a in same if a not in own],
        [a for a in broader if a not in own],
        any(not g.qualifier for g in groups),
    )


def _find_sequence(words: list[str], phrase: list[str], consumed: set[int]) -> int | None:
    for start in range(len(words) - len(phrase) + 1):
        span = range(start, start + len(phrase))
        if words[start : start + len(phrase)] == phrase and not consumed.intersection(span):
            return start
    return None


def _unique(alternatives: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """Drop repeats, and any alternative that needs more words than another one it contains."""
    distinct = list(dict.fromkeys(a for a in alternatives if a))
    return tuple(a for a in distinct if not any(b != a and set(b) < set(a) for b in distinct))
