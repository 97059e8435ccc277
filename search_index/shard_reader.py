"""Kept-open searchers for one generation's shards, refreshed only when a writer changed them.

Each shard keeps, until it changes, the postings and listings it has already read: the directory's
vocabulary is small, so after a few searches almost every query is answered from memory.
"""

import threading
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.reading import TermNotFound
from whoosh.scoring import Frequency
from whoosh.searching import Searcher

from search_index.schema import StoredListing, stored_listing

MAX_CACHED_TERMS = 20_000  # made-up words must not grow the cache without end
# We read raw term frequencies; Whoosh's default BM25F scorer would also compute an idf per term, which
# fails on a shard whose documents were all deleted (the log of zero).
_FREQUENCY = Frequency()


class ShardReader:
    """One shard's searcher plus what has been read from it (valid until the searcher is reopened)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.searcher: Searcher = self._open()
        self._forget()

    def fresh(self) -> None:
        # up_to_date() compares the open generation with the newest TOC on disk: a cheap directory read
        # that lets a write made by any process become visible on the next search. Whoosh's refresh()
        # reuses unchanged segment readers and with them stale deletion lists, so reopen instead.
        if not self.searcher.up_to_date():
            self.searcher.close()
            self.searcher = self._open()
            self._forget()

    def postings(self, field: str, text: str) -> dict[int, float]:
        """Document number -> term weight (frequency) for one term, deleted documents left out."""
        key = (field, text)
        found = self._postings.get(key)
        if found is None:
            found = {}
            try:
                matcher = self.searcher.postings(field, text, weighting=_FREQUENCY)
            except TermNotFound:
                matcher = None
            while matcher is not None and matcher.is_active():
                found[matcher.id()] = matcher.weight()
                matcher.next()
            if len(self._postings) > MAX_CACHED_TERMS:
                self._postings = {}
            self._postings[key] = found
        return found

    def memo(self, key: tuple, compute: Callable[[], dict[int, float]]) -> dict[int, float]:
        """A value derived from this shard's postings, computed once until the shard changes."""
        value = self._derived.get(key)
        if value is None:
            if len(self._derived) > MAX_CACHED_TERMS:
                self._derived = {}
            value = self._derived[key] = compute()
        return value

    def all_documents(self) -> set[int]:
        if self._all is None:
            self._all = set(self.searcher.reader().all_doc_ids())
        return self._all

    def record(self, docnum: int) -> StoredListing:
        listing = self._records.get(docnum)
        if listing is None:
            listing = stored_listing(self.searcher.stored_fields(docnum)["record"])
            self._records[docnum] = listing
        return listing

    def close(self) -> None:
        self.searcher.close()

    def _open(self) -> Searcher:
        return whoosh_index.open_dir(str(self.directory)).searcher()

    def _forget(self) -> None:
        self._postings: dict[tuple[str, str], dict[int, float]] = {}
        self._derived: dict[tuple, dict[int, float]] = {}
        self._records: dict[int, StoredListing] = {}
        self._all: set[int] | None = None


class ShardReaders:
    """The open shards of the live generation; switching generation closes them all."""

    def __init__(self) -> None:
        self.generation: Path | None = None
        self._open: dict[str, ShardReader] = {}
        self._lock = threading.Lock()

    def use_generation(self, generation: Path | None) -> None:
        with self._lock:
            if generation != self.generation:
                self._close_all()
                self.generation = generation

    def get(self, shard: str) -> ShardReader | None:
        """The shard's reader, opened on first use and checked for changes; None when it has no index."""
        with self._lock:
            reader = self._open.get(shard)
            if reader is None:
                if self.generation is None:
                    return None
                directory = self.generation / shard
                if not directory.is_dir() or not whoosh_index.exists_in(str(directory)):
                    return None
                reader = self._open[shard] = ShardReader(directory)
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
