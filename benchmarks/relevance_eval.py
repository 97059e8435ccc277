"""Relevance of the directory's search on the demo region, against judged queries.

    .venv/bin/python benchmarks/relevance_eval.py [--queries FILE.json] [--show]

Each judged query is what a person types and a place; which listings are relevant is a rule over the
listing's own text and categories (see the file's "about"), written apart from the ranking. Every query goes
through the results page (best match, the page's default) and /api/search (nearest first, what the assistant
reads), as a person or the assistant would send it. Reported for each: precision of the first 5 results (a
search that finds nothing scores 0), the share whose first result is relevant, and the share that found
nothing. Runs on a temporary SQLite database and index; nothing outside loopback.
"""

import argparse
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES_FILE = Path(__file__).resolve().parent / "relevance" / "judged_queries.json"
SERVICES_FILE = Path(__file__).resolve().parent.parent / "seed_data" / "demo" / "services.json"
TOP = 5
_SERVICE_LINK = re.compile(r"/services/([^/?#]+)")


@dataclass
class Judged:
    text: str
    place: str
    rule: dict


@dataclass
class Ranking:
    ids: list[str]
    broader: list[bool]  # which results the search itself labelled as broader than asked


@dataclass
class Figures:
    precision_at_5: float
    first_relevant: float
    nothing_found: float
    broader_before_direct: int  # searches where a labelled broader result came before a direct one


def listing_text(record: dict) -> str:
    words = " ".join((record["name"], record.get("summary") or "", record.get("description") or ""))
    return " " + " ".join(re.sub(r"[^a-z0-9,\-' ]+", " ", words.lower().replace("\u2019", "'")).split()) + " "


def is_relevant(rule: dict, record: dict) -> bool:
    if "all" in rule:
        return all(is_relevant(part, record) for part in rule["all"])
    text = listing_text(record)
    codes = {a["taxonomy_term"]["code"] for a in record["attributes"]}
    kind = next((code.split(":", 1)[1] for code in codes if code.startswith("kind:")), None)
    return (
        any(re.search(r"(?<![a-z0-9])" + re.escape(phrase.lower()), text) for phrase in rule.get("text", ()))
        or bool(codes & set(rule.get("categories", ())))
        or kind in rule.get("kinds", ())
    )


def load_queries(path: Path) -> list[Judged]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Judged(item["q"], item["place"], item["relevant"]) for item in data["queries"]]


def figures(rankings: list[Ranking], judged: list[Judged], records: dict[str, dict]) -> Figures:
    precision, first, nothing, misordered = 0.0, 0, 0, 0
    for ranking, query in zip(rankings, judged, strict=True):
        top = ranking.ids[:TOP]
        if not top:
            nothing += 1
            continue
        relevant = [is_relevant(query.rule, records[service_id]) for service_id in top]
        precision += sum(relevant) / len(top)
        first += relevant[0]
        seen_broader = False
        for broader in ranking.broader:
            if broader:
                seen_broader = True
            elif seen_broader:
                misordered += 1
                break
    count = len(judged) or 1
    return Figures(precision / count, first / count, nothing / count, misordered)


def page_ranking(client, query: Judged) -> Ranking:
    from bs4 import BeautifulSoup

    response = client.get("/search", query_string={"q": query.text, "location": query.place})
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    ids, broader = [], []
    for card in soup.select(".app-result"):
        link = card.select_one("h2 a")
        ids.append(_SERVICE_LINK.search(link["href"]).group(1))
        broader.append(card.select_one(".app-result__broader") is not None)
    return Ranking(ids, broader)


def api_ranking(client, query: Judged) -> Ranking:
    params = {"q": query.text, "location": query.place, "limit": 10}
    body = client.get("/api/search", query_string=params).json
    results = body.get("results", [])
    return Ranking([r["id"] for r in results], [bool(r.get("broader")) for r in results])


def run(judged: list[Judged], show: bool = False) -> dict[str, Figures]:
    from web import create_app
    from web.extensions import db

    records = {r["id"]: r for r in json.loads(SERVICES_FILE.read_text(encoding="utf-8"))}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'relevance.sqlite3'}",
                "INSTANCE_PATH": tmp,
                "SEARCH_INDEX_PATH": tmp / "search_index",
                "MAIL_DIR": tmp / "mail",
                "RATELIMIT_ENABLED": False,
            }
        )
        with app.app_context():
            db.create_all()
            loaded = app.test_cli_runner().invoke(args=["demo", "load"])
            if loaded.exit_code != 0:
                raise SystemExit(loaded.output)
            client = app.test_client()
            result = {}
            for name, ranker in (("results page (best match)", page_ranking), ("/api/search", api_ranking)):
                rankings = [ranker(client, query) for query in judged]
                result[name] = figures(rankings, judged, records)
                if show:
                    _show(name, rankings, judged, records)
            db.session.remove()
            db.engine.dispose()
    return result


def _show(name: str, rankings: list[Ranking], judged: list[Judged], records: dict[str, dict]) -> None:
    print(f"\n## {name}: searches whose first {TOP} are not all relevant")
    for ranking, query in zip(rankings, judged, strict=True):
        marks = [is_relevant(query.rule, records[i]) for i in ranking.ids[:TOP]]
        if marks and all(marks):
            continue
        print(f"- {query.text!r} near {query.place}")
        for service_id, mark, broader in zip(ranking.ids[:TOP], marks, ranking.broader, strict=False):
            label = " (broader)" if broader else ""
            print(f"    {'+' if mark else '-'}{label} {records[service_id]['name']}")
        if not marks:
            print("    (nothing found)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=Path, default=QUERIES_FILE)
    parser.add_argument("--show", action="store_true", help="list the searches that fall short")
    args = parser.parse_args()
    judged = load_queries(args.queries)
    print(f"{len(judged)} judged queries")
    for name, result in run(judged, show=args.show).items():
        print(
            f"{name}: precision@{TOP} {result.precision_at_5:.3f}, first result relevant "
            f"{result.first_relevant:.1%}, nothing found {result.nothing_found:.1%}, "
            f"broader before direct {result.broader_before_direct}"
        )


if __name__ == "__main__":
    main()
