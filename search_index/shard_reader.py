"""Kept-open searchers for one generation's shards, refreshed only when another writer changed them."""

import threading
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.scoring import WeightingModel
from whoosh.searching import Searcher

from search_index.schema import StoredListing, stored_listing


class ShardReader:
    """One shard's searcher plus the listings already read from it (valid until the searcher refreshes)."""

    def __init__(self, directory: Path, weighting: WeightingModel):
        self.directory = directory
        self._weighting = weighting
        self.searcher: Searcher = self._open()
        self._records: dict[int, StoredListing] = {}

    def fresh(self) -> Searcher:
        # up_to_date() compares the open generation with the newest TOC on disk: a cheap directory read
        # that lets a write made by any process become visible on the next search. Whoosh's refresh()
        # reuses unchanged segment readers and with them stale deletion lists, so reopen instead.
        if not self.searcher.up_to_date():
            self.searcher.close()
            self.searcher = self._open()
            self._records = {}
        return self.searcher

    def _open(self) -> Searcher:
        return whoosh_index.open_dir(str(self.directory)).searcher(weighting=self._weighting)

    def record(self, docnum: int) -> StoredListing:
        listing = self._records.get(docnum)
        if listing is None:
            listing = stored_listing(self.searcher.stored_fields(docnum)["record"])
            self._records[docnum] = listing
        return listing

    def close(self) -> None:
        self.searcher.close()


class ShardReaders:
    """The open shards of the live generation; switching generation closes them all."""

    def __init__(self, weighting: WeightingModel) -> None:
        self._weighting = weighting
        self.generation: Path | None = None
        self._open: dict[str, ShardReader] = {}
        self._lock = threading.Lock()

    def use_generation(self, generation: Path | None) -> None:
        with self._lock:
            if generation != self.generation:
                self._close_all()
                self.generation = generation

    def get(self, shard: str) -> ShardReader | None:
        """The shard's reader, opened on first use; None when the shard has no index (yet)."""
        with self._lock:
            reader = self._open.get(shard)
            if reader is None:
                if self.generation is None:
                    return None
                directory = self.generation / shard
                if not directory.is_dir() or not whoosh_index.exists_in(str(directory)):
                    return None
                reader = self._open[shard] = ShardReader(directory, self._weighting)
            reader.fresh()
            return reader

    def close(self) -> None:
        with self._lock:
            self._close_all()
            self.generation = None

    def _close_all(self) -> None:
        for reader in self._open.values():
            reader.close()
        self._open = {}
