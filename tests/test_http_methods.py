"""Every route answers a method it does not take with 405 and an Allow header (RFC 9110), in the
route's own kind of error (a GOV.UK page, or the API's JSON error), and answers HEAD and OPTIONS."""

import pytest
from bs4 import BeautifulSoup

from tests.url_map import URLS, allowed_methods

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
WRONG_METHODS = [(url, method) for url in URLS for method in METHODS if method not in allowed_methods(url)]


def allow_header(response) -> set[str]:
    return {method.strip() for method in response.headers.get("Allow", "").split(",") if method.strip()}


def is_api(url: str) -> bool:
    return url.startswith("/api/")


@pytest.mark.parametrize(("url", "method"), WRONG_METHODS)
def test_a_method_a_url_does_not_take_gets_405_with_allow(csrf_app, csrf_client, url, method):
    allowed = allowed_methods(url)
    response = csrf_client.open(url, method=method)
    assert response.status_code == 405
    assert allow_header(response) == allowed
    if is_api(url):
        assert response.mimetype == "application/json"
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        body = response.get_json()
        assert set(body) == {"error"}
        assert set(body["error"]) == {"status", "title", "detail"}
        assert body["error"]["status"] == 405
    else:
        assert response.mimetype == "text/html"
        main = " ".join(BeautifulSoup(response.text, "html.parser").select_one("main").get_text(" ").split())
        assert "That is not allowed here" in main
        assert csrf_app.config["COUNCIL_PHONE"] in main


@pytest.mark.parametrize("url", [url for url in URLS if "GET" in allowed_methods(url)])
def test_head_answers_like_get_without_a_body(client, url):
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code
    assert head.headers.get("Content-Type") == got.headers.get("Content-Type")
    assert head.get_data() == b""


@pytest.mark.parametrize("url", URLS)
def test_options_lists_what_the_url_takes(client, url):
    response = client.options(url)
    assert response.status_code == 200
    assert allow_header(response) == allowed_methods(url)
    if is_api(url):
        assert response.headers["Access-Control-Allow-Origin"] == "*"
