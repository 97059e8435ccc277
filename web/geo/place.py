"""What a location lookup returns, and the error a person sees when it fails."""

from dataclasses import dataclass

POSTCODE = "postcode"
DISTRICT = "district"
SECTOR = "sector"
PLACE = "place"
AREA = "area"  # a council's area: searches look inside it, not around a point


@dataclass(frozen=True)
class Place:
    label: str  # what to show: "WN1 1AA", "WN1 1", "WN1", "Didsbury", "Tameside"
    latitude: float  # for an area, the centre of its postcodes
    longitude: float
    kind: str  # POSTCODE, SECTOR, DISTRICT, PLACE or AREA
    postcode: str | None  # normalised full postcode when kind == POSTCODE
    district: str | None  # outward code when known; None for a place name or an area
    area: str | None = None  # the council's ONS code when kind == AREA


class LocationNotFound(ValueError):
    """A location a person must correct; message is plain English, ready to show next to the field."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions  # names close to what was typed, best first
