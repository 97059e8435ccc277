"""The reference the shards are measured against: one Whoosh index holding every listing, a kept-open
searcher, the same text and filter queries, and the distance checked in Python for every text match."""

from pathlib import Path

from whoosh import index as whoosh_index

from search_index import layout
from search_index.geography import Place, reach_of
from search_index.matching import build_filter
from search_index.schema import stored_listing
from search_index.text import build_text_query, parse_text
from search_index.types import SearchQuery


class UnshardedIndex:
    def __init__(self, index_root: Path):
        generation = layout.read_current(index_root)
        self._searcher = whoosh_index.open_dir(str(generation / layout.CATALOGUE)).searcher()

    def search(self, query: SearchQuery) -> int:
        """Every match reached from the query's place; returns the total (the first page is sorted)."""
        text_query = build_text_query(parse_text(query.text))
        results = self._searcher.search(text_query, filter=build_filter(query), limit=None)
        place = Place(query.latitude, query.longitude, query.postcode_district, query.radius_km)
        reached = []
        for score, docnum in results.top_n:
            listing = stored_listing(self._searcher.stored_fields(docnum)["record"])
            reach = reach_of(listing, place)
            if reach is not None:
                reached.append((-score, listing.service_id))
        reached.sort()
        return len(reached)

    def close(self) -> None:
        self._searcher.close()
