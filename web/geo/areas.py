"""Which council areas a listing is in or visits, for the search index's area filter.

A venue is in the council of its postcode; a venue with only a map point is in the council of the
postcode nearest to it. A home-visiting area touches each council with a postcode sector centre inside
its circle or a sector in its listed districts, and always the council its base point is in.
"""

from collections.abc import Iterable

from web.geo.councils import council_data
from web.geo.postcodes import normalise_postcode, postcode_area, postcode_table

# A map point further than this from every sector centre is not in England (or not in our data).
NEAREST_SECTOR_LIMIT_KM = 8.0
# The nearest postcode is almost always in one of the few nearest sectors.
SECTORS_TO_CHECK = 4
SECTOR_MARGIN_KM = 1.0


def council_of_point(latitude: float, longitude: float) -> str | None:
    """The lower-tier council of the postcode nearest the point; None outside England."""
    data = council_data()
    nearby = data.nearest_sectors(latitude, longitude, NEAREST_SECTOR_LIMIT_KM)[:SECTORS_TO_CHECK]
    if not nearby:
        return None
    best: tuple[float, str] | None = None
    for _, sector in nearby:
        outward = sector.name.split()[0]
        for postcode, (lat, lon) in postcode_table().area(postcode_area(outward)).postcodes.items():
            if postcode.startswith(sector.name) and len(postcode) == len(sector.name) + 2:
                # Squared degrees, longitude scaled: only the order matters at this range.
                distance = (lat - latitude) ** 2 + ((lon - longitude) * 0.6) ** 2
                if best is None or distance < best[0]:
                    best = (distance, postcode)
    if best is None:
        return nearby[0][1].council
    return data.of_postcode(best[1]) or nearby[0][1].council


def venue_councils(postcode: str | None, latitude: float | None, longitude: float | None) -> tuple[str, ...]:
    """The venue's council and its county council, from its postcode or else its map point."""
    data = council_data()
    normalised = normalise_postcode(postcode) if postcode else None
    council = data.of_postcode(normalised) if normalised else None
    if council is None and latitude is not None and longitude is not None:
        council = council_of_point(latitude, longitude)
    return data.with_counties([council] if council else [])


def visiting_councils(
    latitude: float | None, longitude: float | None, radius_km: float | None, districts: Iterable[str]
) -> tuple[str, ...]:
    data = council_data()
    touched: set[str] = set()
    if latitude is not None and longitude is not None:
        if (base := council_of_point(latitude, longitude)) is not None:
            touched.add(base)
        if radius_km:
            # A sector centre just outside the circle usually has postcodes inside it.
            reach = radius_km + SECTOR_MARGIN_KM
            touched.update(sector.council for _, sector in data.nearest_sectors(latitude, longitude, reach))
    for district in districts:
        outward = "".join(district.split()).upper()
        touched.update(sector.council for sector in data.sectors_of_district(outward))
    return data.with_counties(touched)
