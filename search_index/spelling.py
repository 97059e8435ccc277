"""'Did you mean ...?': unknown words replaced by the closest word listings (or the synonym list) use."""

from whoosh.reading import IndexReader
from whoosh.support.levenshtein import distance as edit_distance

from search_index.synonyms import SYNONYM_GROUPS
from search_index.text import TEXT_FIELDS, clean_words, stems

# Words the synonym list knows are worth suggesting even when no listing uses them yet.
_SYNONYM_VOCABULARY = frozenset(
    word
    for group in SYNONYM_GROUPS
    for phrase in group.phrases + group.expands_to
    for word in clean_words(phrase)
    if len(word) > 3
)


def correct_spelling(catalogue: IndexReader, words: tuple[str, ...]) -> str | None:
    """The words with unknown ones replaced by the closest known word, or None when nothing changed."""
    corrected: list[str] = []
    changed = False
    for word in words:
        replacement = word if _known(catalogue, word) else _closest(catalogue, word)
        changed = changed or replacement != word
        corrected.append(replacement)
    return " ".join(corrected) if changed else None


def _known(reader: IndexReader, word: str) -> bool:
    word_stems = stems(word)
    return not word_stems or all(
        any(reader.doc_frequency(field, stem) for field in TEXT_FIELDS) for stem in word_stems
    )


def _closest(reader: IndexReader, word: str) -> str:
    if len(word) < 4 or word.isdigit():
        return word
    max_distance = 1 if len(word) < 6 else 2
    # prefix=1: people rarely get the first letter wrong, and it cuts the words compared 26-fold.
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
