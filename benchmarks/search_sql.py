"""The SQL side of the search benchmark: a naive LIKE scan and PostgreSQL full-text search.

Both take the same parsed concepts as our index (AND of concepts, each an OR of alternatives, each an AND of
stemmed words), so the three variants answer the same question; only ours adds "visits" by district.
Everything lives in its own schema, dropped at the end.
"""

import math
from collections.abc import Iterable

import psycopg

from search_index.geography import KM_PER_DEGREE_LAT, haversine_km
from search_index.text import ParsedText
from search_index.types import SearchQuery

SCHEMA = "bench_search"
_COLUMN_NAMES = """
service_id name summary description organization category_names categories kind audiences is_free dp_payable
venue_lat venue_lon visit_lat visit_lon visit_radius_km days online by_phone
"""
COLUMNS = _COLUMN_NAMES.split()
_CREATE = f"""
CREATE SCHEMA {SCHEMA};
CREATE TABLE {SCHEMA}.listing (
    service_id text PRIMARY KEY, name text, summary text, description text, organization text,
    category_names text, categories text[], kind text, audiences text[], is_free boolean, dp_payable boolean,
    venue_lat double precision, venue_lon double precision, visit_lat double precision,
    visit_lon double precision, visit_radius_km double precision, days text[], online boolean,
    by_phone boolean,
    searchable text GENERATED ALWAYS AS (
        lower(name || ' ' || summary || ' ' || description || ' ' || organization || ' ' || category_names)
    ) STORED,
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english',
        summary || ' ' || description || ' ' || organization || ' ' || category_names), 'B')
    ) STORED,
    venue_pt point GENERATED ALWAYS AS (point(venue_lon, venue_lat)) STORED,
    visit_box box
)
"""
_INDEXES = f"""
CREATE INDEX listing_tsv ON {SCHEMA}.listing USING gin (tsv);
CREATE INDEX listing_venue ON {SCHEMA}.listing USING gist (venue_pt);
CREATE INDEX listing_visit ON {SCHEMA}.listing USING gist (visit_box);
ANALYZE {SCHEMA}.listing
"""
_REACH_COLUMNS = "service_id, venue_lat, venue_lon, visit_lat, visit_lon, visit_radius_km, online, by_phone"


def load(conninfo: str, rows: Iterable[dict]) -> psycopg.Connection:
    connection = psycopg.connect(conninfo, autocommit=True)
    connection.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    for statement in _CREATE.split(";"):
        connection.execute(statement)
    copy_sql = f"COPY {SCHEMA}.listing ({', '.join(COLUMNS)}, visit_box) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
        for row in rows:
            values = [row[c] for c in COLUMNS]
            for index in (COLUMNS.index("categories"), COLUMNS.index("audiences"), COLUMNS.index("days")):
                values[index] = values[index].split()
            copy.write_row([*values, _visit_box(row)])
    for statement in _INDEXES.split(";"):
        connection.execute(statement)
    return connection


def drop(connection: psycopg.Connection) -> None:
    connection.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    connection.close()


def naive_search(connection: psycopg.Connection, query: SearchQuery, parsed: ParsedText) -> int:
    """LIKE over every row, then the distance to every returned row computed in Python; returns total."""
    text_sql, params = _like_condition(parsed)
    filter_sql, filter_params = _filters(query)
    rows = connection.execute(
        f"SELECT {_REACH_COLUMNS} FROM {SCHEMA}.listing WHERE {text_sql} AND {filter_sql}",
        params | filter_params,
    ).fetchall()
    reached = [row for row in rows if _reaches(row, query)]
    reached.sort(key=lambda row: _distance(row, query))
    return len(reached)


def fulltext_search(connection: psycopg.Connection, query: SearchQuery, parsed: ParsedText) -> int:
    """tsvector @@ tsquery (GIN) and the bounding boxes (GiST), exact distance in SQL; first page + total."""
    filter_sql, filter_params = _filters(query)
    lat, lon, radius = query.latitude, query.longitude, query.radius_km
    dlat = radius / KM_PER_DEGREE_LAT
    dlon = radius / (KM_PER_DEGREE_LAT * math.cos(math.radians(lat)))
    rows = connection.execute(
        f"""
        WITH hits AS (
            SELECT service_id, ts_rank(tsv, q) AS rank, online, by_phone,
                   CASE WHEN venue_pt <@ box(point(%(w)s, %(s)s), point(%(e)s, %(n)s))
                        THEN {_haversine_sql("venue_lat", "venue_lon")} END AS distance,
                   visit_box @> point(%(lon)s, %(lat)s)
                        AND {_haversine_sql("visit_lat", "visit_lon")} <= visit_radius_km AS visits
            FROM {SCHEMA}.listing, to_tsquery('english', %(tsquery)s) AS q
            WHERE tsv @@ q AND {filter_sql}
              AND (venue_pt <@ box(point(%(w)s, %(s)s), point(%(e)s, %(n)s))
                   OR visit_box @> point(%(lon)s, %(lat)s) OR online OR by_phone)
        )
        SELECT service_id, count(*) OVER () FROM hits
        WHERE distance <= %(radius)s OR visits OR online OR by_phone
        ORDER BY rank DESC LIMIT %(limit)s
        """,
        {
            "lat": lat,
            "lon": lon,
            "radius": radius,
            "s": lat - dlat,
            "n": lat + dlat,
            "w": lon - dlon,
            "e": lon + dlon,
            "tsquery": _tsquery(parsed),
            "limit": query.per_page,
            **filter_params,
        },
    ).fetchall()
    return rows[0][1] if rows else 0


def _filters(query: SearchQuery) -> tuple[str, dict]:
    parts, params = ["TRUE"], {}
    for column, values in (("categories", query.categories), ("audiences", query.audiences)):
        if values:
            parts.append(f"{column} && %(f_{column})s")
            params[f"f_{column}"] = list(values)
    if query.kinds:
        parts.append("kind = ANY(%(f_kinds)s)")
        params["f_kinds"] = list(query.kinds)
    if query.free_only:
        parts.append("is_free")
    if query.dp_payable:
        parts.append("dp_payable")
    if query.day:
        parts.append("%(f_day)s = ANY(days)")
        params["f_day"] = query.day
    return " AND ".join(parts), params


def _like_condition(parsed: ParsedText) -> tuple[str, dict]:
    concepts, params = [], {}
    for alternatives in parsed.concepts:
        options = []
        for phrase in alternatives:
            names = []
            for stem in phrase:
                names.append(f"t{len(params)}")
                params[names[-1]] = f"%{stem}%"
            options.append("(" + " AND ".join(f"searchable LIKE %({name})s" for name in names) + ")")
        concepts.append("(" + " OR ".join(options) + ")")
    return (" AND ".join(concepts) or "TRUE"), params


def _tsquery(parsed: ParsedText) -> str:
    return " & ".join(
        "(" + " | ".join("(" + " & ".join(phrase) + ")" for phrase in alternatives) + ")"
        for alternatives in parsed.concepts
    )


def _haversine_sql(lat_column: str, lon_column: str) -> str:
    return (
        f"2 * 6371.0088 * asin(sqrt(power(sin(radians({lat_column} - %(lat)s) / 2), 2)"
        f" + cos(radians(%(lat)s)) * cos(radians({lat_column}))"
        f" * power(sin(radians({lon_column} - %(lon)s) / 2), 2)))"
    )


def _visit_box(row: dict) -> str | None:
    if row["visit_lat"] is None:
        return None
    dlat = row["visit_radius_km"] / KM_PER_DEGREE_LAT
    dlon = row["visit_radius_km"] / (KM_PER_DEGREE_LAT * math.cos(math.radians(row["visit_lat"])))
    lat, lon = row["visit_lat"], row["visit_lon"]
    return f"(({lon + dlon},{lat + dlat}),({lon - dlon},{lat - dlat}))"


def _reaches(row: tuple, query: SearchQuery) -> bool:
    _, venue_lat, venue_lon, visit_lat, visit_lon, visit_radius, online, by_phone = row
    if venue_lat is not None and haversine_km(query.latitude, query.longitude, venue_lat, venue_lon) <= (
        query.radius_km
    ):
        return True
    if visit_lat is not None and haversine_km(query.latitude, query.longitude, visit_lat, visit_lon) <= (
        visit_radius
    ):
        return True
    return online or by_phone


def _distance(row: tuple, query: SearchQuery) -> float:
    if row[1] is None:
        return math.inf
    return haversine_km(query.latitude, query.longitude, row[1], row[2])
