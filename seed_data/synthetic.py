"""Deterministic synthetic listings for benchmarks and tests: N listings spread over Greater Manchester
and Warrington, with the demo data's categories, kinds, audiences, schedules, prices and coverage areas.

The same (n, seed) always gives the same listings, so benchmark runs compare like with like.
"""

import math
import random
from collections.abc import Iterator

from search_index.types import ListingDocument, OpeningTime, VisitingArea

# Town centres (latitude, longitude) and how many listings each gets, relative to the others.
TOWNS: tuple[tuple[str, float, float, float], ...] = (
    ("Wigan", 53.545, -2.632, 1.0),
    ("Warrington", 53.390, -2.597, 1.0),
    ("Manchester", 53.480, -2.243, 1.6),
    ("Stockport", 53.408, -2.149, 1.0),
    ("Bolton", 53.578, -2.429, 1.0),
    ("Rochdale", 53.616, -2.155, 0.8),
    ("Ashton-under-Lyne", 53.489, -2.095, 0.8),
)
POSTCODE_DISTRICTS = {
    "Wigan": ("WN1", "WN2", "WN3", "WN5", "WN6"),
    "Warrington": ("WA1", "WA2", "WA4", "WA5"),
    "Manchester": ("M1", "M4", "M13", "M14", "M20"),
    "Stockport": ("SK1", "SK2", "SK3", "SK4"),
    "Bolton": ("BL1", "BL2", "BL3"),
    "Rochdale": ("OL11", "OL12", "OL16"),
    "Ashton-under-Lyne": ("OL6", "OL7", "SK16"),
}
CATEGORY_NAMES: dict[str, str] = {
    "shopping_cooking": "Shopping and cooking",
    "out_and_about": "Out and about",
    "meals": "Meals and meal deliveries",
    "gardening": "Gardening",
    "cleaning": "Cleaning and housework",
    "activity_buddy": "Activity buddy",
    "money": "Money and benefits advice",
    "carers_breaks": "Carers' breaks",
    "peer_support": "Peer support",
    "bereavement": "Bereavement support",
    "dementia": "Dementia",
    "mental_wellbeing": "Mental wellbeing",
    "learning_disability": "Learning disability",
    "physical_activity": "Physical activity",
    "housing_adaptations": "Housing and adaptations",
    "digital": "Digital support",
    "befriending": "Befriending",
    "personal_care": "Personal care",
    "transport": "Transport",
    "advice": "Information and advice",
}
AUDIENCES = (
    "carers",
    "older_people",
    "adults",
    "young_adults",
    "families",
    "disabled_people",
    "people_with_dementia",
)
ACCESSIBILITY = ("step_free", "accessible_toilet", "hearing_loop", "bsl", "seating", "parking")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# What each category's listings are called and say, in plain words people also search with.
CATEGORY_WORDS: dict[str, tuple[tuple[str, ...], str]] = {
    "shopping_cooking": (
        ("Shopping Help", "Home Cooking", "Shop and Cook"),
        "help with the weekly shop, cooking meals at home and putting shopping away",
    ),
    "out_and_about": (
        ("Out and About", "Trips Out", "Days Out"),
        "someone to go with you when you go out and about, to the shops, the park or the doctor",
    ),
    "meals": (
        ("Hot Meals", "Lunch Club", "Meals on Wheels"),
        "hot meals delivered to your door or a friendly lunch club with a two-course dinner",
    ),
    "gardening": (
        ("Garden Help", "Green Fingers", "Lawn and Garden"),
        "gardening, lawn mowing, hedge trimming and weeding for people who find it hard",
    ),
    "cleaning": (
        ("Home Cleaning", "Clean and Tidy", "Housework Help"),
        "cleaning, hoovering, ironing and laundry, done the way you like it",
    ),
    "activity_buddy": (
        ("Activity Buddy", "Buddy Scheme", "Go Together"),
        "a buddy to go with you to activities, classes and clubs",
    ),
    "money": (
        ("Money Advice", "Benefits Check", "Budget Help"),
        "free money advice, benefits checks, help with bills, debt and budgeting",
    ),
    "carers_breaks": (
        ("Sitting Service", "Short Breaks", "Carers Respite"),
        "a sitting service so carers can have a short break, with respite at home or out",
    ),
    "peer_support": (
        ("Carers Group", "Peer Support Group", "Support Circle"),
        "a peer support group run by carers, for carers, to share what works",
    ),
    "bereavement": (
        ("Bereavement Group", "Grief Support", "Loss and Hope"),
        "bereavement support for anyone coping with grief and loss",
    ),
    "dementia": (
        ("Dementia Cafe", "Memory Cafe", "Dementia Support"),
        "dementia support and a memory cafe for people living with dementia and their carers",
    ),
    "mental_wellbeing": (
        ("Wellbeing Walk", "Mind Matters", "Talking Space"),
        "mental wellbeing sessions for low mood, anxiety and stress",
    ),
    "learning_disability": (
        ("Learning Disability Club", "Friends Together", "Skills Club"),
        "activities and friendship for adults with a learning disability or autism",
    ),
    "physical_activity": (
        ("Chair Exercise", "Walking Group", "Tai Chi"),
        "gentle exercise, walking, chair based fitness and free swimming",
    ),
    "housing_adaptations": (
        ("Handyperson", "Home Adaptations", "Safe at Home"),
        "grab rails, ramps, small home repairs and adaptations to prevent falls",
    ),
    "digital": (
        ("Tech Champions", "Get Online", "Digital Help"),
        "help to get online with a tablet, smartphone or computer, video calls and email",
    ),
    "befriending": (
        ("Befriending", "Friendly Calls", "Companions"),
        "befriending and companionship for people who feel lonely or isolated",
    ),
    "personal_care": (
        ("Personal Care", "Care at Home", "Daily Living Help"),
        "personal care at home: washing, dressing and getting ready for the day",
    ),
    "transport": (
        ("Community Transport", "Dial a Ride", "Volunteer Drivers"),
        "community transport and lifts to hospital appointments, shops and clubs",
    ),
    "advice": (
        ("Advice Point", "Information Hub", "Ask Us"),
        "information and advice on care, support, housing and where to start",
    ),
}
FIRST_NAMES = (
    "Anne",
    "Bev",
    "Chris",
    "Dev",
    "Ella",
    "Farah",
    "Gill",
    "Hassan",
    "Irene",
    "Jo",
    "Kath",
    "Lee",
    "Maya",
    "Nasreen",
    "Owen",
    "Priya",
    "Ruth",
    "Sam",
    "Tom",
    "Yusuf",
)
KINDS = (("micro_provider", 0.50), ("peer_support", 0.23), ("community_hub", 0.10), ("community_asset", 0.17))


def synthetic_documents(n: int, seed: int = 1) -> Iterator[ListingDocument]:
    rng = random.Random(seed)
    town_weights = [town[3] for town in TOWNS]
    kinds, kind_weights = zip(*KINDS, strict=True)
    categories = list(CATEGORY_NAMES)
    for number in range(n):
        town, town_lat, town_lon, _ = rng.choices(TOWNS, town_weights)[0]
        lat, lon = _scatter(rng, town_lat, town_lon, sigma_km=2.5)
        kind = rng.choices(kinds, kind_weights)[0]
        main = rng.choice(categories)
        extra = [c for c in rng.sample(categories, rng.choice((0, 0, 1, 2))) if c != main]
        listing_categories = tuple(dict.fromkeys([main, *extra]))
        venues: tuple[tuple[float, float], ...] = ()
        areas: tuple[VisitingArea, ...] = ()
        online = by_phone = False
        times: tuple[OpeningTime, ...] = ()
        if kind == "micro_provider":
            if rng.random() < 0.85:
                district_list = rng.sample(POSTCODE_DISTRICTS[town], 2) if rng.random() < 0.1 else []
                areas = (
                    VisitingArea(
                        round(lat, 5), round(lon, 5), rng.choice(range(3, 16)), tuple(district_list)
                    ),
                )
            else:
                venues = ((round(lat, 5), round(lon, 5)),)
            by_phone = rng.random() < 0.05
            days = tuple(sorted(rng.sample(DAYS, rng.randint(3, 6)), key=DAYS.index))
        elif kind == "peer_support":
            online = rng.random() < 0.25
            if not online or rng.random() < 0.3:
                venues = ((round(lat, 5), round(lon, 5)),)
            day = rng.choice(DAYS[:6])
            start = rng.choice((10, 13, 14, 18)) * 60
            times = (OpeningTime(day, start, start + 120),)
            days = (day,)
        elif kind == "community_hub":
            venues = ((round(lat, 5), round(lon, 5)),)
            opens, closes = rng.choice(((9 * 60, 17 * 60), (9 * 60 + 30, 16 * 60), (10 * 60, 14 * 60)))
            days = tuple(d for d in DAYS[:5] if rng.random() < 0.8)
            days = days if days else ("WE",)
            times = tuple(OpeningTime(d, opens, closes) for d in days)
        else:
            by_phone = rng.random() < 0.15
            online = rng.random() < 0.05
            if not (by_phone or online) or rng.random() < 0.5:
                venues = ((round(lat, 5), round(lon, 5)),)
            days = tuple(sorted(rng.sample(DAYS, rng.randint(1, 5)), key=DAYS.index))
        names, blurb = CATEGORY_WORDS[main]
        owner = rng.choice(FIRST_NAMES)
        name = f"{owner}'s {rng.choice(names)}" if kind == "micro_provider" else f"{town} {rng.choice(names)}"
        other = " ".join(CATEGORY_WORDS[c][1] for c in extra)
        is_free = kind != "micro_provider" and rng.random() < 0.7
        yield ListingDocument(
            service_id=f"syn-{seed}-{number:07d}",
            name=name,
            kind=kind,
            summary=blurb.capitalize() + ".",
            description=f"In and around {town}: {blurb}. {other}".strip(),
            organization=f"{owner} {town} Support" if kind == "micro_provider" else f"{town} Community Trust",
            categories=listing_categories,
            category_names=tuple(CATEGORY_NAMES[c] for c in listing_categories),
            audiences=tuple(rng.sample(AUDIENCES, rng.randint(1, 3))),
            accessibility=tuple(a for a in ACCESSIBILITY if venues and rng.random() < 0.4),
            is_free=is_free,
            dp_payable=kind == "micro_provider" and rng.random() < 0.8,
            days=days,
            opening_times=times,
            venues=venues,
            visiting_areas=areas,
            online=online,
            by_phone=by_phone,
        )


def synthetic_rows(n: int, seed: int = 1) -> Iterator[dict]:
    """The same listings flattened to one row each (first venue, first visiting area) for SQL tables."""
    for document in synthetic_documents(n, seed):
        venue = document.venues[0] if document.venues else (None, None)
        area = document.visiting_areas[0] if document.visiting_areas else VisitingArea()
        yield {
            "service_id": document.service_id,
            "name": document.name,
            "summary": document.summary,
            "description": document.description,
            "organization": document.organization,
            "category_names": " ".join(document.category_names),
            "categories": " ".join(document.categories),
            "kind": document.kind,
            "audiences": " ".join(document.audiences),
            "is_free": document.is_free,
            "dp_payable": document.dp_payable,
            "venue_lat": venue[0],
            "venue_lon": venue[1],
            "visit_lat": area.latitude,
            "visit_lon": area.longitude,
            "visit_radius_km": area.radius_km,
            "visit_districts": " ".join(area.districts),
            "days": " ".join(document.days),
            "online": document.online,
            "by_phone": document.by_phone,
        }


def _scatter(rng: random.Random, lat: float, lon: float, sigma_km: float) -> tuple[float, float]:
    north_km = max(-3 * sigma_km, min(3 * sigma_km, rng.gauss(0, sigma_km)))
    east_km = max(-3 * sigma_km, min(3 * sigma_km, rng.gauss(0, sigma_km)))
    return lat + north_km / 111.2, lon + east_km / (111.2 * math.cos(math.radians(lat)))
