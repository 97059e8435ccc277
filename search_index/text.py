"""Turning what a person typed into search concepts: clean-up, synonyms and stemming.

Nothing typed is ever handed to a query parser: text is reduced to plain lower-case words first, so quotes,
brackets, Whoosh operators, SQL or HTML are just words (or nothing) and can never raise.
"""

import re
import unicodedata
from dataclasses import dataclass

from whoosh.analysis import StemmingAnalyzer

from search_index.synonyms import SYNONYM_GROUPS

# Fields searched for every word, with their weights: the name says most about what a listing is.
TEXT_FIELDS: tuple[str, ...] = ("name", "body")
FIELD_BOOSTS = {"name": 3.0, "body": 1.0}
MAX_QUERY_CHARS = 400
MAX_WORDS = 16
# Words that say nothing about the need in this directory; dropped unless nothing else is left.
_FILLER_TEXT = """
help helps helping support supports service services near me my local find looking need needs want please
someone anyone something area around where can could would there get who what which is am are was has have
had do does i im ive he she they him her his hers them their our we us you your it its a an the and or of to
in on at for with about just
"""
_FILLER_WORDS = frozenset(_FILLER_TEXT.split())
_NON_WORD = re.compile(r"[^a-z0-9]+")

stemming_analyzer = StemmingAnalyzer()


@dataclass(frozen=True)
class ParsedText:
    """The person's words, reduced to stemmed concepts: every concept must match (AND of ORs)."""

    concepts: tuple[tuple[tuple[str, ...], ...], ...]  # per concept: own stems first, then expansions
    own_counts: tuple[int, ...]  # how many leading alternatives of each concept are the person's own
    words: tuple[str, ...]  # the cleaned words, for spelling correction
    expanded: tuple[str, ...]  # synonym phrases added


def clean_words(text: str) -> list[str]:
    """Lower-case ASCII words only; apostrophes vanish so "carer's" == "carers"."""
    text = unicodedata.normalize("NFKD", text[: MAX_QUERY_CHARS * 4])
    text = text.encode("ascii", "ignore").decode("ascii").lower().replace("'", "")
    return _NON_WORD.sub(" ", text).split()[: MAX_WORDS * 2]


def stems(phrase: str) -> tuple[str, ...]:
    return tuple(token.text for token in stemming_analyzer(phrase))


def parse_text(text: str) -> ParsedText:
    words = clean_words(text)
    joined = f" {' '.join(words)} "
    consumed: set[int] = set()
    concepts: list[tuple[tuple[str, ...], ...]] = []
    own_counts: list[int] = []
    expanded: list[str] = []
    word_groups: dict[str, list[tuple[str, ...]]] = {}
    for group in SYNONYM_GROUPS:
        for phrase in group.phrases:
            if f" {phrase} " not in joined:
                continue
            phrase_words = phrase.split()
            if len(phrase_words) == 1:
                word_groups.setdefault(phrase, []).extend(stems(e) for e in group.expands_to)
            else:
                start = _find_sequence(words, phrase_words, consumed)
                if start is None:
                    continue
                consumed.update(range(start, start + len(phrase_words)))
                # A described situation ("look after my mum") is not itself listing text: search only for
                # what it means, unless the phrase is also one of the listing words.
                own = stems(phrase) if phrase in group.expands_to else ()
                alternatives = _unique([own, *(stems(e) for e in group.expands_to)])
                concepts.append(alternatives)
                own_counts.append(1 if own and alternatives[0] == own else 0)
            expanded.extend(e for e in group.expands_to if e not in expanded)
            break
    kept = [w for i, w in enumerate(words) if i not in consumed]
    content = [w for w in kept if w not in _FILLER_WORDS] or ([] if concepts else kept)
    content = list(dict.fromkeys(content))  # "dementia dementia" is one concept
    for word in content[:MAX_WORDS]:
        own = stems(word)
        if not own:
            continue  # a stop word such as "the"
        alternatives = _unique([own, *word_groups.get(word, [])])
        concepts.append(alternatives)
        own_counts.append(1 if alternatives[0] == own else 0)
    return ParsedText(tuple(concepts), tuple(own_counts), tuple(content), tuple(expanded))


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
