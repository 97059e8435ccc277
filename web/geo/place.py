"""What a location lookup returns, and the error a person sees when it fails."""

from dataclasses import dataclass

POSTCODE = "postcode"
DISTRICT = "district"
PLACE = "place"


@dataclass(frozen=True)
class Place:
    label: str  # what to show: "WN1 1AA", "WN1", "Didsbury"
    latitude: float
    longitude: float
    kind: str  # POSTCODE, DISTRICT or PLACE
    postcode: str | None  # normalised full postcode when kind == POSTCODE
    district: str | None  # outward code when known; None for a place name


class LocationNotFound(ValueError):
    """A location a person must correct; message is plain English, ready to show next to the field."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
