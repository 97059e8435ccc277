"""The directory's full-text and place search, in plain Python (no Flask import).

Public interface: DirectoryIndex(path) with rebuild(), upsert(), remove() and search(), and the
dataclasses in search_index.types.
"""

from search_index.types import ListingDocument, OpeningTime, SearchHit, SearchQuery, SearchResults, VisitingArea

__all__ = ["ListingDocument", "OpeningTime", "SearchHit", "SearchQuery", "SearchResults", "VisitingArea"]
