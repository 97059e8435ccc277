"""Relevance scores that compare across shards.

Whoosh computes inverse document frequency per index, so a word that is rare in the small online shard
would outrank the same word in a busy town shard. Taking idf from the catalogue (every listing once) gives
every shard the same scale. tf x idf rather than BM25F: BM25F reads each matching document's field length,
which was half the time of a search, and listings are short enough that length normalisation adds little.
"""

from collections.abc import Callable

from whoosh.scoring import TF_IDFScorer, WeightingModel


class CatalogueTfIdf(WeightingModel):
    def __init__(self, idf: Callable[[str, str], float]):
        self._idf = idf

    def scorer(self, searcher, fieldname, text, qf=1):
        max_weight = searcher.term_info(fieldname, text).max_weight()
        return TF_IDFScorer(max_weight, self._idf(fieldname, text))
