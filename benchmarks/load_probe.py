"""In-process questions the load benchmark asks of the instance it prepared (same environment).

    load_probe.py count-sql PATH...     JSON {path: SQL statements one request issues}
    load_probe.py first-result PATH     the id of the first result /api/search gives

Each path is asked for twice and the second request counted: the load measures a warm process.
"""

import json
import sys

from load_apps import directory_app
from sqlalchemy import event

from web.extensions import db


def count_sql(paths: list[str]) -> dict[str, int]:
    app = directory_app()
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    client = app.test_client()
    counts = {}
    for path in paths:
        _get(client, path)
        statements.clear()
        _get(client, path)
        counts[path] = len(statements)
    return counts


def first_result(path: str) -> str:
    results = _get(directory_app().test_client(), path).get_json()["results"]
    if not results:
        sys.exit(f"{path} found nothing: is the demo region loaded?")
    return results[0]["id"]


def _get(client, path: str):
    response = client.get(path)
    if response.status_code != 200:
        sys.exit(f"{path} answered {response.status_code}")
    return response


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    if command == "count-sql":
        print(json.dumps(count_sql(arguments)))
    elif command == "first-result":
        print(first_result(arguments[0]))
    else:
        sys.exit(__doc__)
