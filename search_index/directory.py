"""DirectoryIndex: the sharded Whoosh index of published listings (see layout.py for the shards)."""

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index as whoosh_index

from search_index import layout
from search_index.geography import REACH_ORDER, Place, open_at, reach_in_area, reach_of
from search_index.matching import (
    ABOUT,
    BROADER,
    Match,
    Scored,
    TermGroups,
    concept_documents,
    filter_groups,
    filtered_documents,
    text_scores,
)
from search_index.schema import build_schema, index_fields, normalise_district, stored_listing
from search_index.shard_reader import ShardReader, ShardReaders
from search_index.spelling import correct_spelling
from search_index.text import ParsedText, parse_text
from search_index.types import ListingDocument, SearchHit, SearchQuery, SearchResults

WHOOSH_LOCK_TIMEOUT_S = 10.0
LOCAL_REACH = ("venue", "visits")  # reaches the place itself, unlike online and phone services
FEW_RESULTS = 3  # below this many direct matches: a spelling correction is tried, broader matches shown
ENOUGH_ABOUT = 5  # this many listings about the need (a short list's worth) leave out passing mentions


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
            idf = catalogue.searcher.idf if catalogue else _no_idf
            place = _place(query)
            parsed = parse_text(query.text or "")
            if catalogue is not None and not catalogue.searcher.doc_count_all():
                # Nothing published yet: Whoosh would take log(0) for an idf and fail every search of words.
                return SearchResults([], 0, page, per_page, None, parsed.expanded)
            matches = self._matches(query, place, parsed, idf)
            suggestion = None
            if _direct_count(matches) < FEW_RESULTS and parsed.words and catalogue:
                corrected = correct_spelling(catalogue.searcher.reader(), parsed.words)
                if corrected:
                    corrected_parsed = parse_text(corrected)
                    better = self._matches(query, place, corrected_parsed, idf)
                    if _direct_count(better) > _direct_count(matches):
                        matches, suggestion, parsed = better, corrected, corrected_parsed
            relaxable = catalogue is not None and catalogue.searcher.doc_count() > 0
            if not _direct_count(matches) and len(parsed.concepts) > 1 and relaxable:
                relaxed, relaxed_matches = self._relaxed(query, place, parsed, idf, catalogue)
                if _direct_count(relaxed_matches):
                    parsed, matches = relaxed, relaxed_matches
        matches = _without_weak(matches, curated=bool(parsed.curated) and all(parsed.curated))
        ordered = sorted(matches.values(), key=_sort_key(query.sort, bool(parsed.concepts)))
        start = (page - 1) * per_page
        hits = [
            SearchHit(
                m.service_id,
                m.score,
                None if m.distance is None else round(m.distance, 3),
                m.reach,
                tuple(label for i, label in enumerate(parsed.labels) if m.broader >> i & 1),
            )
            for m in ordered[start : start + per_page]
        ]
        results = SearchResults(hits, len(ordered), page, per_page, suggestion, parsed.expanded)
        results.direct_total = _direct_count(matches)
        results.direct_nearby = sum(
            1 for m in matches.values() if m.tier != BROADER and m.reach in LOCAL_REACH
        )
        return results

    def _relaxed(
        self,
        query: SearchQuery,
        place: Place | None,
        parsed: ParsedText,
        idf: Callable[[str, str], float],
        catalogue: ShardReader,
    ) -> tuple[ParsedText, dict[str, Match]]:
        """Nothing matches every word here: leave out, one at a time, the words that say least about the
        need (a word no listing uses, then the commonest word outside the synonym list, like "group" in
        "autism group for parents") until something matches. A word no listing uses goes only while a need
        the synonym list knows is left: "knitting group" must not become every group."""
        matches: dict[str, Match] = {}
        while not _direct_count(matches) and len(parsed.concepts) > 1:
            counts = [len(docs) for docs in concept_documents(catalogue, parsed, idf)]
            curated = parsed.curated or (False,) * len(counts)
            droppable = [
                i
                for i in range(len(counts))
                if counts[i] or any(known for j, known in enumerate(curated) if j != i)
            ]
            if not droppable:
                break
            # Ties go to the later word: the generic noun usually ends the phrase ("mens group").
            least = min(droppable, key=lambda i: (counts[i] > 0, curated[i], -counts[i], -i))
            parsed = parsed.without(least)
            matches = self._matches(query, place, parsed, idf)
        return parsed, matches

    def _matches(
        self,
        query: SearchQuery,
        place: Place | None,
        parsed: ParsedText,
        idf: Callable[[str, str], float],
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
                scores = text_scores(reader, parsed, idf)
                if allowed is not None:
                    scores = {doc: scored for doc, scored in scores.items() if doc in allowed}
            else:
                unscored = Scored(0.0, ABOUT, 0)
                scores = dict.fromkeys(reader.all_documents() if allowed is None else allowed, unscored)
            if query.area:
                venues, visits = (
                    reader.postings("venue_areas", query.area),
                    reader.postings("visit_areas", query.area),
                )
            for docnum, scored in scores.items():
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
                found[listing.service_id] = Match(
                    listing.service_id, scored.score, reach[0], reach[1], scored.tier, scored.broader
                )
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


def _without_weak(matches: dict[str, Match], curated: bool) -> dict[str, Match]:
    """With enough listings about what was asked, those that only mention it in passing ("video calls,
    shopping or forms") or meet it only in general would just push them apart; with too few, they follow.
    Only needs the synonym list knows are judged so: a plain word ("support") says too little."""
    about = sum(1 for m in matches.values() if m.tier == ABOUT)
    if curated and about >= ENOUGH_ABOUT:
        return {sid: m for sid, m in matches.items() if m.tier == ABOUT}
    if _direct_count(matches) >= FEW_RESULTS:
        return {sid: m for sid, m in matches.items() if m.tier != BROADER}
    return matches


def _direct_count(matches: dict[str, Match]) -> int:
    return sum(1 for m in matches.values() if m.tier != BROADER)


def _sort_key(sort: str, has_text: bool) -> Callable[[Match], tuple]:
    """Tiers first (about the need, then mentioning it, then broader), so that "nearest first" never puts
    a weak match before a strong one; within a tier, nearest or best scored first."""

    def by_reach(m: Match) -> tuple:
        return (m.tier, REACH_ORDER[m.reach], m.distance or 0.0, -m.score, m.service_id)

    def by_score(m: Match) -> tuple:
        return (m.tier, -m.score, REACH_ORDER[m.reach], m.distance or 0.0, m.service_id)

    return by_score if sort == "relevance" and has_text else by_reach
