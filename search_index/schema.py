"""The Whoosh schema and how a ListingDocument becomes index fields (and comes back as a light record)."""

from typing import NamedTuple

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from search_index.geography import DAY_CODES
from search_index.text import clean_words, stemming_analyzer
from search_index.types import ListingDocument


def build_schema() -> Schema:
    return Schema(
        service_id=ID(stored=True, unique=True),
        # Three text fields, not one per source field: every searched field multiplies the postings a query
        # reads (five fields cost twice the time of two). The topics are apart from the body because a
        # listing whose types of support name a need is about it, while a description may only mention it.
        name=TEXT(analyzer=stemming_analyzer, phrase=False),
        topics=TEXT(analyzer=stemming_analyzer, phrase=False),  # names of its types of support
        body=TEXT(analyzer=stemming_analyzer, phrase=False),  # summary, description, organisation
        # Unstemmed words from names and categories: the vocabulary for "Did you mean ...?".
        words=KEYWORD(scorable=False),
        categories=KEYWORD(),
        kinds=KEYWORD(),
        audiences=KEYWORD(),
        accessibility=KEYWORD(),
        days=KEYWORD(),
        districts=KEYWORD(),
        venue_areas=KEYWORD(),  # council codes: a search of a council's area filters on these
        visit_areas=KEYWORD(),
        flags=KEYWORD(),  # free, dp
        record=STORED(),
    )


class StoredListing(NamedTuple):
    """What a search needs to decide reach and opening, read back from the index. Plain tuples rather
    than the types.py dataclasses: a cold search builds thousands of these, and tuples are 3x cheaper."""

    service_id: str
    venues: tuple[tuple[float, float], ...]
    visiting_areas: tuple[tuple[float | None, float | None, float | None, tuple[str, ...]], ...]
    online: bool
    by_phone: bool
    opening_times: tuple[tuple[str, int, int], ...]  # (day, opens, closes)
    shards: tuple[str, ...]  # where copies of this listing live (kept on the catalogue copy)


def index_fields(document: ListingDocument, shards: tuple[str, ...], with_vocabulary: bool) -> dict:
    days = set(document.days) | {slot.day for slot in document.opening_times}
    flags = (["free"] if document.is_free else []) + (["dp"] if document.dp_payable else [])
    districts = {_district(d) for area in document.visiting_areas for d in area.districts}
    record = (
        document.service_id,
        tuple((float(lat), float(lon)) for lat, lon in document.venues),
        tuple(
            (area.latitude, area.longitude, area.radius_km, tuple(_district(d) for d in area.districts))
            for area in document.visiting_areas
        ),
        document.online,
        document.by_phone,
        tuple((slot.day, slot.opens, slot.closes) for slot in document.opening_times),
        shards,
    )
    fields = {
        "service_id": document.service_id,
        "name": document.name,
        "topics": "\n".join(document.category_names),
        "body": "\n".join((document.summary, document.description, document.organization)),
        "categories": " ".join(document.categories),
        "kinds": document.kind,
        "audiences": " ".join(document.audiences),
        "accessibility": " ".join(document.accessibility),
        "days": " ".join(d for d in DAY_CODES if d in days),
        "districts": " ".join(sorted(districts)),
        "venue_areas": " ".join(sorted(set(document.venue_areas))),
        "visit_areas": " ".join(sorted(set(document.visit_areas))),
        "flags": " ".join(flags),
        "record": record,
    }
    if with_vocabulary:
        vocabulary = clean_words(" ".join((document.name, document.summary, *document.category_names)))
        fields["words"] = " ".join(sorted({w for w in vocabulary if len(w) > 2 and not w.isdigit()}))
    return fields


def stored_listing(record: tuple) -> StoredListing:
    return StoredListing._make(record)


def normalise_district(district: str) -> str:
    return _district(district)


def _district(district: str) -> str:
    return "".join(district.split()).upper()
