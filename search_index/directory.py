"""DirectoryIndex: the sharded Whoosh index of published listings (see layout.py for the shards)."""

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index as whoosh_index

from search_index import layout
from search_index.geography import REACH_ORDER, Place, open_at, reach_in_area, reach_of
from search_index.matching import Match, TermGroups, filter_groups, filtered_documents, text_scores
from search_index.schema import build_schema, index_fields, normalise_district, stored_listing
from search_index.shard_reader import ShardReader, ShardReaders
from search_index.spelling import correct_spelling
from search_index.text import ParsedText, parse_text
from search_index.types import ListingDocument, SearchHit, SearchQuery, SearchResults

WHOOSH_LOCK_TIMEOUT_S = 10.0
FEW_RESULTS = 3  # below this many matches a spelling correction is tried


class DirectoryIndex:
    """The search index in one folder. Safe to share the folder between processes: writes take a file
    lock, and every search first checks whether another process changed what it has open."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._readers = ShardReaders()
        self._search_lock = threading.Lock()

    # --- state -------------------------------------------------------------------------------------
    def exists(self) -> bool:
        generation = layout.read_current(self.path)
        return generation is not None and whoosh_index.exists_in(str(generation / layout.CATALOGUE))

    def document_count(self) -> int:
        with self._search_lock:
            catalogue = self._reader(layout.CATALOGUE)
            return catalogue.searcher.doc_count() if catalogue else 0

    def close(self) -> None:
        with self._search_lock:
            self._readers.close()

    # --- writing -----------------------------------------------------------------------------------
    def rebuild(
        self, documents: Iterable[ListingDocument], progress: Callable[[int], None] | None = None
    ) -> int:
        """Index every document into a new generation, then swap it in; searches never see it half-built."""
        by_shard: dict[str, list[tuple[ListingDocument, tuple[str, ...]]]] = defaultdict(list)
        count = 0
        for document in documents:
            shards = layout.shards_for(document)
            for shard in shards:
                by_shard[shard].append((document, shards))
            count += 1
        generation = layout.new_generation(self.path)
        copies_total = sum(len(docs) for docs in by_shard.values()) or 1
        copies_done = 0
        schema = build_schema()
        for shard in sorted(by_shard, key=lambda name: name != layout.CATALOGUE):
            writer = whoosh_index.create_in(str(_mkdir(generation / shard)), schema).writer(limitmb=256)
            for document, shards in by_shard[shard]:
                writer.add_document(**self._fields(document, shard, shards))
                copies_done += 1
                if progress and copies_done % 1000 == 0:
                    progress(count * copies_done // copies_total)
            writer.commit()
        if layout.CATALOGUE not in by_shard:
            whoosh_index.create_in(str(_mkdir(generation / layout.CATALOGUE)), schema)
        layout.write_manifest(generation, {name: len(docs) for name, docs in by_shard.items()})
        with layout.write_lock(self.path):
            layout.make_current(self.path, generation)
        if progress:
            progress(count)
        return count

    def upsert(self, document: ListingDocument) -> None:
        new_shards = layout.shards_for(document)
        with layout.write_lock(self.path):
            generation = self._writable_generation()
            old_shards = self._shards_holding(generation, document.service_id)
            for shard in sorted(set(old_shards) | set(new_shards)):
                writer = self._writer(generation, shard)
                writer.delete_by_term("service_id", document.service_id)
                if shard in new_shards:
                    writer.add_document(**self._fields(document, shard, new_shards))
                writer.commit()
            self._note_new_shards(generation, new_shards)

    def remove(self, service_id: str) -> None:
        with layout.write_lock(self.path):
            generation = layout.read_current(self.path)
            if generation is None:
                return
            for shard in self._shards_holding(generation, service_id):
                writer = self._writer(generation, shard)
                writer.delete_by_term("service_id", service_id)
                writer.commit()

    # --- searching ---------------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResults:
        """Matches for the query, sorted and paged. When the words look mistyped and a correction finds
        more, the results are for the corrected words and `suggestion` holds them ("dementia")."""
        page, per_page = max(1, query.page), max(1, min(query.per_page, 100))
        with self._search_lock:
            self._readers.use_generation(layout.read_current(self.path))
            catalogue = self._reader(layout.CATALOGUE)
            # Every shard scores with the catalogue's idf, so that scores from different shards compare.
            # An empty catalogue has no idf: Whoosh would take the log of zero.
            idf = catalogue.searcher.idf if catalogue and catalogue.searcher.doc_count_all() else _no_idf
            place = _place(query)
            parsed = parse_text(query.text or "")
            if catalogue is not None and not catalogue.searcher.doc_count_all():
                # Nothing published yet: Whoosh would take log(0) for an idf and fail every search of words.
                return SearchResults([], 0, page, per_page, None, parsed.expanded)
            matches = self._matches(query, place, parsed, idf, match_all=True)
            if not matches and len(parsed.concepts) > 1:
                matches = self._matches(query, place, parsed, idf, match_all=False)
            suggestion = None
            if len(matches) < FEW_RESULTS and parsed.words:
                corrected = correct_spelling(catalogue.searcher.reader(), parsed.words) if catalogue else None
                if corrected:
                    corrected_parsed = parse_text(corrected)
                    better = self._matches(query, place, corrected_parsed, idf, match_all=True)
                    if len(better) > len(matches):
                        matches, suggestion, parsed = better, corrected, corrected_parsed
        ordered = sorted(matches.values(), key=_sort_key(query.sort, bool(parsed.concepts)))
        start = (page - 1) * per_page
        hits = [
            SearchHit(m.service_id, m.score, None if m.distance is None else round(m.distance, 3), m.reach)
            for m in ordered[start : start + per_page]
        ]
        return SearchResults(hits, len(ordered), page, per_page, suggestion, parsed.expanded)

    def _matches(
        self,
        query: SearchQuery,
        place: Place | None,
        parsed: ParsedText,
        idf: Callable[[str, str], float],
        match_all: bool,
    ) -> dict[str, Match]:
        groups = filter_groups(query)
        found: dict[str, Match] = {}
        shards = _shards_in_area(query.area) if query.area else self._shards_to_search(place)
        for shard, extra_groups in shards:
            reader = self._reader(shard)
            if reader is None:
                continue
            allowed = filtered_documents(reader, groups + extra_groups)
            if parsed.concepts:
                scores = text_scores(reader, parsed, idf, match_all)
                if allowed is not None:
                    scores = {doc: score for doc, score in scores.items() if doc in allowed}
            else:
                scores = dict.fromkeys(reader.all_documents() if allowed is None else allowed, 0.0)
            if query.area:
                venues, visits = (
                    reader.postings("venue_areas", query.area),
                    reader.postings("visit_areas", query.area),
                )
            for docnum, score in scores.items():
                listing = reader.record(docnum)
                if listing.service_id in found:
                    continue  # home-visit and online listings have copies in several shards
                if query.area:
                    reach = reach_in_area(listing, docnum in venues, docnum in visits)
                else:
                    reach = reach_of(listing, place)
                if reach is None:
                    continue
                if query.open_at is not None and not open_at(listing.opening_times, query.open_at):
                    continue
                found[listing.service_id] = Match(listing.service_id, score, reach[0], reach[1])
        return found

    def _shards_to_search(self, place: Place | None) -> list[tuple[str, TermGroups]]:
        """Shards a search must read, each with any extra filter it needs."""
        if place is None:
            return [(layout.CATALOGUE, ())]
        tiles = layout.VENUE_GRID.tiles_touching_circle(place.latitude, place.longitude, place.radius_km)
        shards: list[tuple[str, TermGroups]] = [(layout.tile_shard("venue", tile), ()) for tile in tiles]
        visit_tile = layout.VISIT_GRID.tile_of(place.latitude, place.longitude)
        shards.append((layout.tile_shard("visit", visit_tile), ()))
        if place.district:
            shards.append((layout.DISTRICTS, ((("districts", place.district),),)))
        shards.append((layout.REMOTE, ()))
        return shards

    # --- helpers -----------------------------------------------------------------------------------
    def _reader(self, shard: str) -> ShardReader | None:
        if self._readers.generation is None:
            self._readers.use_generation(layout.read_current(self.path))
        return self._readers.get(shard)

    @staticmethod
    def _fields(document: ListingDocument, shard: str, shards: tuple[str, ...]) -> dict:
        is_catalogue = shard == layout.CATALOGUE
        return index_fields(document, shards if is_catalogue else (), with_vocabulary=is_catalogue)

    def _writable_generation(self) -> Path:
        generation = layout.read_current(self.path)
        if generation is None:
            generation = layout.new_generation(self.path)
            whoosh_index.create_in(str(_mkdir(generation / layout.CATALOGUE)), build_schema())
            layout.write_manifest(generation, {layout.CATALOGUE: 0})
            layout.make_current(self.path, generation)
        return generation

    @staticmethod
    def _shards_holding(generation: Path, service_id: str) -> tuple[str, ...]:
        catalogue = generation / layout.CATALOGUE
        if not whoosh_index.exists_in(str(catalogue)):
            return ()
        with whoosh_index.open_dir(str(catalogue)).searcher() as searcher:
            docnum = searcher.document_number(service_id=service_id)
            if docnum is None:
                return ()
            return stored_listing(searcher.stored_fields(docnum)["record"]).shards

    @staticmethod
    def _writer(generation: Path, shard: str):
        directory = generation / shard
        if whoosh_index.exists_in(str(directory)):
            ix = whoosh_index.open_dir(str(directory))
        else:
            ix = whoosh_index.create_in(str(_mkdir(directory)), build_schema())
        # Whoosh's own file lock guards each shard; wait briefly for another writer instead of failing.
        return ix.writer(timeout=WHOOSH_LOCK_TIMEOUT_S, delay=0.05)

    @staticmethod
    def _note_new_shards(generation: Path, shards: tuple[str, ...]) -> None:
        manifest = layout.read_manifest(generation)
        known = manifest.get("shards", {})
        if all(shard in known for shard in shards):
            return
        counts = {name: info.get("documents", 0) for name, info in known.items()}
        counts.update({shard: counts.get(shard, 0) for shard in shards})
        layout.write_manifest(generation, counts)


def _shards_in_area(area: str) -> list[tuple[str, TermGroups]]:
    """A council's area: the listings of the catalogue in or visiting it, and every remote one."""
    return [(layout.CATALOGUE, ((("venue_areas", area), ("visit_areas", area)),)), (layout.REMOTE, ())]


def _no_idf(fieldname: str, text: str) -> float:
    return 1.0


def _mkdir(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _place(query: SearchQuery) -> Place | None:
    if query.latitude is None or query.longitude is None:
        return None
    district = normalise_district(query.postcode_district) if query.postcode_district else None
    return Place(query.latitude, query.longitude, district, max(0.0, query.radius_km))


def _sort_key(sort: str, has_text: bool) -> Callable[[Match], tuple]:
    def by_reach(m: Match) -> tuple:
        return (REACH_ORDER[m.reach], m.distance or 0.0, -m.score, m.service_id)

    def by_score(m: Match) -> tuple:
        return (-m.score, REACH_ORDER[m.reach], m.distance or 0.0, m.service_id)

    return by_score if sort == "relevance" and has_text else by_reach
