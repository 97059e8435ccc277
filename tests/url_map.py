"""The app's URL map, read at collection so tests can be parametrised over every route."""

import tempfile
from pathlib import Path

from werkzeug.routing import Map, Rule
from werkzeug.routing.converters import NumberConverter

from web import create_app

# Any value will do for a URL's variable where the routing, not the view, is under test.
PLACEHOLDER = "3f2b1c9e-0000-4000-8000-000000000000"


def _read_url_map() -> Map:
    # A bare app is enough to read the map; the tests' own app serves the requests.
    with tempfile.TemporaryDirectory() as folder:
        return create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "INSTANCE_PATH": Path(folder)}).url_map


URL_MAP = _read_url_map()


def url_of(rule: Rule) -> str:
    values = {
        name: 1 if isinstance(converter, NumberConverter) else PLACEHOLDER
        for name, converter in rule._converters.items()
    }
    return rule.build(values, append_unknown=False)[1]


def allowed_methods(url: str) -> set[str]:
    """What every rule for this URL takes together (a page and its form are often two rules)."""
    return set(URL_MAP.bind("localhost").allowed_methods(url))


URLS = sorted({url_of(rule) for rule in URL_MAP.iter_rules()})
