"""The directory's full-text and place search, in plain Python (no Flask import).

Public interface: DirectoryIndex(path) with rebuild(), upsert(), remove() and search(), and the
dataclasses in search_index.types.
"""

from search_index.directory import DirectoryIndex
from search_index.layout import IndexBusyError
from search_index.types import (
    ListingDocument,
    OpeningTime,
    SearchHit,
    SearchQuery,
    SearchResults,
    VisitingArea,
)

__all__ = [
    "DirectoryIndex",
    "IndexBusyError",
    "ListingDocument",
    "OpeningTime",
    "SearchHit",
    "SearchQuery",
    "SearchResults",
    "VisitingArea",
]
