"""Write the demo region: seed_data/taxonomy.json and seed_data/demo/services.json (ORUK 3.0).

Deterministic: the same code always writes the same files. Run with `python -m seed_data.build_demo`
after changing the generator, and commit the JSON. Postcodes are real (OS Code-Point Open); names,
phone numbers (Ofcom drama ranges) and emails (example.org) are fictional.
"""

import json
import random
from datetime import date, timedelta
from pathlib import Path

from seed_data import demo_text as text
from seed_data.demo_places import BOROUGHS, STREETS, PostcodeSampler
from seed_data.vocabulary import CATEGORIES, TAXONOMIES, taxonomy_data, term_id
from web.services.oruk_export import listing_fact_term_id
from web.services.oruk_import import FACT_LINK_TYPE, FACTS_TAXONOMY, stable_id

SEED_DIR = Path(__file__).resolve().parent
TAXONOMY_FILE = SEED_DIR / "taxonomy.json"
SERVICES_FILE = SEED_DIR / "demo" / "services.json"
# Dates in the demo ("last checked") are relative to this day.
DEMO_AS_OF = date(2026, 11, 1)
COUNTS = {"micro_provider": 160, "community_hub": 34}
BOROUGH_REACH_KM = 10.0  # how far borough-wide home services (repairs, Shared Lives) go from their base
PEER_GROUP_BOROUGHS = 4  # each kind of group meets in this many boroughs (and some also online)
STALE_EVERY, CLOSED_EVERY = 47, 61  # about 7 stale and 5 temporarily closed listings

# Fixed listings that searches near WN1 1AA rely on. Home visits: (name, categories, base, radius_km);
# the first covers WN1 1AA, the second (in Bramhall, about 30 km away) does not.
DEMENTIA_HOME_VISITS = (
    ("Wigan Memory Companions", ("dementia", "befriending", "carers_breaks"), "WN1 2DA", 8.0),
    ("Forget-Me-Not Visiting, Bramhall", ("dementia", "personal_care"), "SK7 1AA", 6.0),
)
# Dementia groups at venues within 5 km of WN1 1AA: (index into PEER_GROUPS, venue postcode).
DEMENTIA_GROUPS_IN_WIGAN = ((2, "WN1 1NJ"), (3, "WN3 4AB"))


class DemoBuilder:
    def __init__(self) -> None:
        self.rng = random.Random(20261101)
        self.postcodes = PostcodeSampler(random.Random(7))
        self.serial = 0
        self.names: set[str] = set()
        self.phone_counter = {"landline": 0, "mobile": 0}
        self.borough_of: dict[str, str] = {}  # service id -> the borough it is based in

    # ---- shared pieces ------------------------------------------------------------------------

    def place(self, borough: str | None = None) -> tuple[str, str, str, str, float, float]:
        borough = borough or self.rng.choice(list(BOROUGHS))
        district = self.rng.choice(list(BOROUGHS[borough]))
        postcode, lat, lon = self.postcodes.take(district)
        return borough, district, BOROUGHS[borough][district], postcode, lat, lon

    def phone(self, mobile: bool) -> str:
        key = "mobile" if mobile else "landline"
        n = self.phone_counter[key] = self.phone_counter[key] + 1
        if mobile:
            return f"07700 900{n % 1000:03d}"
        return f"0161 496 0{n % 1000:03d}" if n % 3 else f"01632 960{n % 1000:03d}"

    def unique(self, name: str) -> str:
        """Every listing has its own name, as real ones do: callers choose another place or word."""
        if name in self.names:
            raise ValueError(f"Two demo listings would be called {name}")
        self.names.add(name)
        return name

    def attribute(self, sid: str, code: str) -> dict:
        taxonomy = next(name for name, (_, _, entries) in TAXONOMIES.items() if code in entries)
        entries = TAXONOMIES[taxonomy][2]
        return {
            "id": stable_id("attribute", sid, code),
            "link_id": sid,
            "link_type": "taxonomy_term",
            "taxonomy_term_id": term_id(code),
            "taxonomy_term": {
                "id": term_id(code),
                "code": code,
                "name": entries[code][0],
                "term": entries[code][0],
                "description": entries[code][1],
                "taxonomy": taxonomy,
            },
        }

    def fact(self, sid: str, code: str) -> dict:
        return {
            "id": stable_id("fact", sid, code),
            "link_id": sid,
            "link_type": FACT_LINK_TYPE,
            "taxonomy_term_id": listing_fact_term_id(code),
            "taxonomy_term": {
                "id": listing_fact_term_id(code),
                "code": code,
                "name": code,
                "term": code,
                "description": code,
                "taxonomy": FACTS_TAXONOMY,
            },
        }

    def service(self, kind: str, name: str, description: str, org: dict, codes: tuple[str, ...]) -> dict:
        self.serial += 1
        sid = stable_id("demo-service", self.serial)
        checked = DEMO_AS_OF - timedelta(days=self.rng.randint(3, 150))
        if self.serial % STALE_EVERY == 0:
            checked = DEMO_AS_OF - timedelta(days=self.rng.randint(200, 420))
        record = {
            "id": sid,
            "name": self.unique(name),
            "summary": description.split(". ")[0].rstrip(".") + ".",
            "description": description,
            "status": "active",
            "assured_date": checked.isoformat(),
            "assurer_email": "community.support@example.org",
            "organization": org,
            "attributes": [self.attribute(sid, code) for code in codes] + [self.fact(sid, f"kind:{kind}")],
            "schedules": [],
            "service_areas": [],
            "service_at_locations": [],
            "cost_options": [],
            "languages": [{"id": stable_id("language", sid, "en"), "name": "English", "code": "en"}],
            "contacts": [],
            "phones": [],
        }
        if self.serial % CLOSED_EVERY == 0:
            record["status"] = "temporarily closed"
            record["alert"] = "Closed for a few weeks while we move rooms. Phone for news."
        return record

    def organization(self, name: str, description: str, workers: int | None = None) -> dict:
        """Organisations are keyed by name: several listings may share one, with the same details."""
        slug = "".join(c for c in name.lower() if c.isalnum())[:24]
        org = {
            "id": stable_id("demo-organization", name),
            "name": name,
            "description": description,
            "email": f"hello@{slug}.example.org",
            "website": f"https://{slug}.example.org",
        }
        if workers is not None:
            org["worker_count"] = workers
        return org

    def venue(self, record: dict, venue_name: str, place: tuple, features: int) -> None:
        borough, _, town, postcode, lat, lon = place
        sid = record["id"]
        codes = ["step_free", "accessible_toilet", "hearing_loop", "seating", "parking", "bsl"]
        chosen = codes[:features] if features < 3 else self.rng.sample(codes, features)
        details = {
            "step_free": "Level entrance with a ramp at the side door.",
            "accessible_toilet": "Accessible toilet on the ground floor.",
            "hearing_loop": "Hearing loop in the main room.",
            "seating": "Plenty of chairs with arms.",
            "parking": "Two Blue Badge spaces by the door.",
            "bsl": "A BSL interpreter can come if you ask a week ahead.",
        }
        record["service_at_locations"].append(
            {
                "id": stable_id("sal", sid),
                "location": {
                    "id": stable_id("location", sid),
                    "location_type": "physical",
                    "name": venue_name,
                    "latitude": lat,
                    "longitude": lon,
                    "addresses": [
                        {
                            "id": stable_id("address", sid),
                            "address_1": f"{self.rng.randint(1, 180)} {self.rng.choice(STREETS)}",
                            "city": town,
                            "region": borough,
                            "state_province": "England",
                            "postal_code": postcode,
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": [
                        {
                            "id": stable_id("access", sid, code),
                            "accessibility": code,
                            "details": details[code],
                        }
                        for code in chosen
                    ],
                },
            }
        )
        record["attributes"].append(self.fact(sid, "attending:venue"))

    def schedule(self, record: dict, freq: str, byday: str, opens: str, closes: str) -> None:
        record["schedules"].append(
            {
                "id": stable_id("schedule", record["id"], len(record["schedules"])),
                "freq": freq,
                "interval": 1,
                "byday": byday,
                "opens_at": f"{opens}:00",
                "closes_at": f"{closes}:00",
                "valid_from": "2025-01-01",
            }
        )

    def area(
        self, record: dict, postcode: str, lat: float, lon: float, radius: float | None, districts=()
    ) -> None:
        properties: dict = {"base_postcode": postcode}
        if radius is not None:
            properties["radius_km"] = radius
        if districts:
            properties["postcode_districts"] = list(districts)
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": properties,
        }
        where = f"within {radius:g} km of {postcode}" if radius is not None else "in " + ", ".join(districts)
        if radius is not None and districts:
            where = "in " + ", ".join(districts)
        record["service_areas"].append(
            {
                "id": stable_id("area", record["id"]),
                "name": f"Homes {where}",
                "extent": json.dumps(feature, separators=(",", ":")),
                "extent_type": "geojson",
            }
        )
        record["attributes"].append(self.fact(record["id"], "attending:home_visit"))

    def cost(self, record: dict, option: str, amount: float, description: str) -> None:
        record["cost_options"].append(
            {
                "id": stable_id("cost", record["id"], option),
                "option": option,
                "amount": amount,
                "currency": "GBP",
                "amount_description": description,
            }
        )

    def free(self, record: dict) -> None:
        record["attributes"].append(self.fact(record["id"], "free"))

    def add_phone(self, record: dict, number: str) -> None:
        record["phones"].append({"id": stable_id("phone", record["id"]), "number": number})

    # ---- the four kinds of listing -------------------------------------------------------------

    def micro_provider(self, name: str | None = None, codes: tuple[str, ...] = (), at: str | None = None,
                       radius: float | None = None, borough: str | None = None) -> dict:  # fmt: skip
        rng = self.rng
        place = (None, None, None, *self.postcodes.take_exact(at)) if at else self.place(borough)
        if at:
            district = at.split(" ")[0]
            borough = next(b for b, districts in BOROUGHS.items() if district in districts)
            place = (borough, district, BOROUGHS[borough][district], *place[3:])
        borough, district, town, postcode, lat, lon = place
        codes = codes or tuple(rng.sample(list(text.MICRO_OFFERS), rng.randint(2, 3)))
        owner = f"{rng.choice(text.FIRST_NAMES)} {rng.choice(text.SURNAMES)}"
        for _ in range(500):  # a fresh name for each enterprise: each is its own organisation
            if name is not None and name not in self.names:
                break
            noun = rng.choice(text.MICRO_NOUNS[codes[0]])
            first = owner.split()[0]
            name = rng.choice(
                (f"{rng.choice(text.BRAND_WORDS)} {noun}", f"{town} {noun}", f"{first}'s {noun}")
            )
        assert name is not None
        workers = rng.randint(1, 8)
        description = " ".join(
            [rng.choice(text.MICRO_OPENERS).format(owner=owner, name=name, town=town)]
            + [text.MICRO_OFFERS[code] for code in codes if code in text.MICRO_OFFERS]
            + [f"There {'is' if workers == 1 else 'are'} {workers} of us, each with an enhanced DBS check."]
            + [rng.choice(text.MICRO_CLOSERS)]
        )
        org = self.organization(name, f"A small local enterprise run by {owner}.", workers)
        audiences = ("older_people", "adults") + (
            ("people_with_dementia", "carers") if "dementia" in codes else ()
        )
        record = self.service("micro_provider", name, description, org, codes + audiences)
        self.borough_of[record["id"]] = borough
        checks = ["Enhanced DBS check for every worker", "Public liability insurance"]
        if "personal_care" in codes:
            checks.append(
                f"CQC registered (1-{rng.randint(100000000, 999999999)})" if workers > 1
                else "Works alone, employs no one, so not CQC registered: exemption reviewed by the council"
            )  # fmt: skip
        record["accreditations"] = "; ".join(checks)
        if radius is None and rng.random() < 0.3 and not at:
            nearby = rng.sample(list(BOROUGHS[borough]), min(3, len(BOROUGHS[borough])))
            self.area(record, postcode, lat, lon, None, sorted({district, *nearby}))
        else:
            self.area(record, postcode, lat, lon, radius or float(rng.randint(3, 15)))
        price = rng.randint(32, 56) / 2
        self.cost(record, "Per hour", price, "per hour of support")
        if "carers_breaks" in codes and rng.random() < 0.5:
            self.cost(record, "Half day sitting (4 hours)", price * 4 - 6, "per 4-hour visit")
        if rng.random() < 0.92:
            record["attributes"].append(self.fact(record["id"], "direct_payment"))
        self.schedule(
            record, "WEEKLY", "MO,TU,WE,TH,FR", rng.choice(("08:00", "09:00")), rng.choice(("17:00", "18:00"))
        )
        self.add_phone(record, self.phone(mobile=True))
        record["contacts"].append({"id": stable_id("contact", record["id"]), "name": owner, "title": "Owner"})
        return record

    def peer_group(self, pattern: tuple, at: str | None = None, borough: str | None = None) -> dict:
        rng = self.rng
        name_pattern, codes, audiences, description = pattern
        if at:
            district = at.split(" ")[0]
            borough = next(b for b, districts in BOROUGHS.items() if district in districts)
            place = (borough, district, BOROUGHS[borough][district], *self.postcodes.take_exact(at))
        else:
            place = self.place(borough)
            while name_pattern.format(town=place[2]) in self.names:  # one group of a kind per town
                place = self.place(borough)
        borough, _, town, *_ = place
        name = name_pattern.format(town=town)
        org = self.organization(name, f"A volunteer-led group in {town}.")
        record = self.service("peer_support", name, description, org, codes + audiences)
        self.borough_of[record["id"]] = borough
        self.venue(
            record, f"{rng.choice(text.BRAND_WORDS)} {rng.choice(text.VENUES)}", place, rng.randint(2, 5)
        )
        self.group_times(record)
        return record

    def online_group(self, pattern: tuple) -> dict:
        name, codes, audiences, description = pattern
        org = self.organization(name, "A volunteer-led group that meets online.")
        description += " We meet on a video call: we send you a link, and can help you join."
        record = self.service("peer_support", name, description, org, codes + audiences)
        record["attributes"].append(self.fact(record["id"], "attending:online"))
        self.group_times(record)
        return record

    def group_times(self, record: dict) -> None:
        rng = self.rng
        monthly = rng.random() < 0.6
        day = rng.choice(("MO", "TU", "WE", "TH", "FR"))
        byday = f"{rng.choice((1, 2, 3, 4, -1))}{day}" if monthly else day
        opens, closes = rng.choice(
            (("10:00", "12:00"), ("13:30", "15:30"), ("18:30", "20:30"), ("10:30", "12:30"))
        )
        self.schedule(record, "MONTHLY" if monthly else "WEEKLY", byday, opens, closes)
        if rng.random() < 0.8:
            self.free(record)
        else:
            self.cost(record, "Per session", 2, "towards tea and cake")
        self.add_phone(record, self.phone(mobile=rng.random() < 0.5))

    def hub(self) -> dict:
        rng = self.rng
        place = self.place()
        _, _, town, *_ = place
        name = rng.choice(text.HUB_NAMES).format(town=town, brand=rng.choice(text.BRAND_WORDS))
        while name in self.names:
            name = rng.choice(text.HUB_NAMES).format(town=town, brand=rng.choice(text.BRAND_WORDS))
        org = self.organization(f"{town} Community Partnership", f"A community organisation in {town}.")
        codes = ("advice", "money", "digital", "mental_wellbeing", "meals")
        audiences = ("adults", "older_people", "carers", "families")
        description = text.HUB_DESCRIPTION.format(town=town)
        record = self.service("community_hub", name, description, org, (*rng.sample(codes, 3), *audiences))
        self.borough_of[record["id"]] = place[0]
        self.venue(record, name, place, rng.randint(3, 6))
        self.schedule(record, "WEEKLY", "MO,TU,WE,TH,FR", "09:00", rng.choice(("16:00", "17:00")))
        if rng.random() < 0.5:
            self.schedule(record, "WEEKLY", "SA", "10:00", "13:00")
        self.free(record)
        self.add_phone(record, self.phone(mobile=False))
        return record

    def other_asset(self, pattern: tuple, borough: str) -> dict:
        rng = self.rng
        name_pattern, codes, audiences, reach, description = pattern
        place = self.place(borough)
        while name_pattern.format(town=place[2], borough=place[0]) in self.names:
            place = self.place(borough)
        borough, _, town, postcode, lat, lon = place
        name = name_pattern.format(town=town, borough=borough)
        org = self.organization(f"{borough} Community Action", f"A charity working across {borough}.")
        record = self.service("community_asset", name, description, org, codes + audiences)
        self.borough_of[record["id"]] = borough
        if reach == "venue":
            self.venue(record, f"{town} {rng.choice(text.VENUES)}", place, rng.randint(2, 5))
            self.schedule(record, "WEEKLY", rng.choice(("MO", "TU", "WE", "TH", "FR")), "11:30", "14:00")
        else:
            # Both a distance and the postcode districts: a search near a town has no district to match.
            self.area(record, postcode, lat, lon, BOROUGH_REACH_KM, sorted(BOROUGHS[borough]))
        if reach == "phone":
            record["attributes"].append(self.fact(record["id"], "attending:phone"))
        if "meals" in codes:
            self.cost(record, "Per meal", 4.5, "two courses and a drink")
        elif "transport" in codes:
            self.cost(record, "Per journey", 3, "each way")
        else:
            self.free(record)
        self.add_phone(record, self.phone(mobile=False))
        return record


def build() -> tuple[dict, list[dict]]:
    builder = DemoBuilder()
    services: list[dict] = []
    for name, codes, postcode, radius in DEMENTIA_HOME_VISITS:
        services.append(builder.micro_provider(name, codes, at=postcode, radius=radius))
    for pattern_index, postcode in DEMENTIA_GROUPS_IN_WIGAN:
        services.append(builder.peer_group(text.PEER_GROUPS[pattern_index], at=postcode))
    boroughs = list(BOROUGHS)
    for i in range(COUNTS["micro_provider"] - 2):
        services.append(builder.micro_provider(borough=boroughs[i % len(boroughs)]))
    # Each kind of group in several boroughs, spread so that every borough has a mix.
    for round_number in range(PEER_GROUP_BOROUGHS):
        for i, pattern in enumerate(text.PEER_GROUPS):
            borough = boroughs[(i + 3 * round_number) % len(boroughs)]
            services.append(builder.peer_group(pattern, borough=borough))
    services.extend(builder.online_group(pattern) for pattern in text.ONLINE_GROUPS)
    services.extend(builder.hub() for _ in range(COUNTS["community_hub"]))
    for borough in boroughs:
        services.extend(builder.other_asset(pattern, borough) for pattern in text.OTHER_ASSETS)
    services.extend(_fill_gaps(builder, services))
    return taxonomy_data(), services


def _fill_gaps(builder: DemoBuilder, services: list[dict]) -> list[dict]:
    """A listing of every type of support in every borough, so that browsing any of them finds something."""
    have = {
        (builder.borough_of[record["id"]], attribute["taxonomy_term"]["code"])
        for record in services
        if record["id"] in builder.borough_of
        for attribute in record["attributes"]
    }
    added = []
    for borough in BOROUGHS:
        for code in CATEGORIES:
            if (borough, code) in have:
                continue
            if code in text.MICRO_OFFERS:
                record = builder.micro_provider(codes=(code,), borough=borough)
            else:
                group = next((p for p in text.PEER_GROUPS if code in p[1]), None)
                if group is not None:
                    record = builder.peer_group(group, borough=borough)
                else:
                    asset = next(p for p in text.OTHER_ASSETS if code in p[1])
                    record = builder.other_asset(asset, borough)
            have |= {(borough, a["taxonomy_term"]["code"]) for a in record["attributes"]}
            added.append(record)
    return added


def main() -> None:
    taxonomy, services = build()
    TAXONOMY_FILE.write_text(json.dumps(taxonomy, indent=1, ensure_ascii=False) + "\n")
    SERVICES_FILE.parent.mkdir(exist_ok=True)
    SERVICES_FILE.write_text(json.dumps(services, indent=1, ensure_ascii=False) + "\n")
    print(f"Wrote {len(taxonomy['taxonomy_terms'])} terms and {len(services)} services.")


if __name__ == "__main__":
    main()
