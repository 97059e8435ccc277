"""The reference the shards are measured against: one Whoosh index holding every listing (the catalogue
shard), a kept-open searcher, the text and filters as ordinary Whoosh queries (filter=), and the distance
checked in Python for every text match."""

from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.query import And, Or, Query, Term

from search_index import layout
from search_index.geography import Place, reach_of
from search_index.matching import SYNONYM_WEIGHT, filter_groups
from search_index.schema import stored_listing
from search_index.text import FIELD_BOOSTS, TEXT_FIELDS, ParsedText, parse_text
from search_index.types import SearchQuery


class UnshardedIndex:
    def __init__(self, index_root: Path):
        generation = layout.read_current(index_root)
        self._searcher = whoosh_index.open_dir(str(generation / layout.CATALOGUE)).searcher()

    def search(self, query: SearchQuery) -> int:
        """Every match reached from the query's place; returns the total (the first page is sorted)."""
        results = self._searcher.search(
            whoosh_text_query(parse_text(query.text)), filter=whoosh_filter(query), limit=None
        )
        place = Place(query.latitude, query.longitude, query.postcode_district, query.radius_km)
        reached = []
        for score, docnum in results.top_n:
            listing = stored_listing(self._searcher.stored_fields(docnum)["record"])
            if reach_of(listing, place) is not None:
                reached.append((-score, listing.service_id))
        reached.sort()
        return len(reached)

    def close(self) -> None:
        self._searcher.close()


def whoosh_text_query(parsed: ParsedText) -> Query:
    concepts: list[Query] = []
    for alternatives, own_count in zip(parsed.concepts, parsed.own_counts, strict=True):
        options: list[Query] = []
        for index, phrase in enumerate(alternatives):
            boost = 1.0 if index < own_count else SYNONYM_WEIGHT
            words = [
                Or([Term(f, stem, boost=boost * FIELD_BOOSTS[f]) for f in TEXT_FIELDS]) for stem in phrase
            ]
            options.append(And(words))
        concepts.append(Or(options))
    return And(concepts)


def whoosh_filter(query: SearchQuery) -> Query | None:
    groups = [Or([Term(field, value) for field, value in group]) for group in filter_groups(query)]
    return And(groups) if groups else None
