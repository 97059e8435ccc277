"""The demo region: each borough's postcode districts and the town each district is in.

Postcodes are sampled from the real OS Code-Point Open data for these districts, so every address
resolves; streets and buildings are invented.
"""

import random

from web.geo.postcodes import postcode_table

BOROUGHS: dict[str, dict[str, str]] = {
    "Wigan": {
        "WN1": "Wigan", "WN2": "Ince-in-Makerfield", "WN3": "Wigan", "WN5": "Orrell",
        "WN6": "Standish", "WN7": "Leigh", "M46": "Atherton", "M29": "Tyldesley",
    },
    "Warrington": {"WA1": "Warrington", "WA2": "Warrington", "WA4": "Stockton Heath", "WA5": "Great Sankey"},
    "Tameside": {
        "OL6": "Ashton-under-Lyne", "OL7": "Ashton-under-Lyne", "SK14": "Hyde", "SK15": "Stalybridge",
        "SK16": "Dukinfield", "M34": "Denton",
    },
    "Manchester": {
        "M8": "Cheetham Hill", "M9": "Blackley", "M11": "Openshaw", "M13": "Longsight", "M14": "Fallowfield",
        "M19": "Levenshulme", "M20": "Didsbury", "M21": "Chorlton", "M22": "Wythenshawe", "M40": "Moston",
    },
    "Rochdale": {
        "OL11": "Rochdale", "OL12": "Rochdale", "OL16": "Milnrow", "OL10": "Heywood", "M24": "Middleton",
        "OL15": "Littleborough",
    },
    "Stockport": {
        "SK1": "Stockport", "SK2": "Offerton", "SK3": "Edgeley", "SK4": "Heaton Moor", "SK5": "Reddish",
        "SK6": "Marple", "SK7": "Bramhall", "SK8": "Cheadle",
    },
    "Bolton": {
        "BL1": "Bolton", "BL2": "Bolton", "BL3": "Bolton", "BL4": "Farnworth", "BL5": "Westhoughton",
        "BL6": "Horwich",
    },
}  # fmt: skip

STREETS = (
    "Church Street", "Market Street", "Station Road", "Park Road", "Victoria Street", "Chapel Lane",
    "Mill Lane", "King Street", "Bridge Street", "Queens Road", "Hall Lane", "Green Lane", "Manor Road",
    "School Lane", "Albert Road", "Moss Lane", "Bank Street", "Water Street", "Spring Gardens", "Hope Street",
)  # fmt: skip


class PostcodeSampler:
    """Real postcodes of a district, handed out in a fixed shuffled order so none repeats."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._queues: dict[str, list[str]] = {}

    def take(self, district: str) -> tuple[str, float, float]:
        queue = self._queues.get(district)
        if queue is None:
            area = postcode_table().area_of(district)
            queue = sorted(code for code in area.postcodes if code.split(" ")[0] == district)
            if not queue:
                raise ValueError(f"No postcodes with coordinates in {district}")
            self.rng.shuffle(queue)
            self._queues[district] = queue
        postcode = queue.pop()
        latitude, longitude = postcode_table().area_of(district).postcodes[postcode]
        return postcode, latitude, longitude

    def take_exact(self, postcode: str) -> tuple[str, float, float]:
        district = postcode.split(" ")[0]
        latitude, longitude = postcode_table().area_of(district).postcodes[postcode]
        return postcode, latitude, longitude
