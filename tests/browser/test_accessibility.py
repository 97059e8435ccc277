"""axe-core finds no WCAG 2.2 A or AA problem on the public pages, their error states included."""

import json

import pytest

from tests.browser.conftest import AXE_SCRIPT

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[dict]:
    # Evaluated through the DevTools protocol, which the page's Content Security Policy does not cover.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


def first_listing_url(page) -> str:
    page.goto("/search?q=memory+cafe&location=WN1+1AA")
    return page.get_by_role("link", name="Wigan Memory Cafe").get_attribute("href")


def check(page, url: str) -> None:
    page.goto(url)
    violations = axe_violations(page)
    assert violations == [], f"axe-core found problems on {url}:\n{describe(violations)}"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search?q=dementia&location=WN1+1AA",
        "/search?q=zebra+grooming&location=WN1+1AA",
        "/search?q=&location=",
        "/accessibility",
        "/privacy",
        "/shortlist",
    ],
)
def test_public_pages(js_page, url):
    check(js_page, url)


def test_listing_page(js_page):
    check(js_page, first_listing_url(js_page))


def test_shortlist_with_a_listing_on_it(js_page):
    js_page.goto(first_listing_url(js_page))
    js_page.get_by_role("button", name="Add to your list").click()
    js_page.locator(".govuk-notification-banner").wait_for()
    check(js_page, "/shortlist")


def test_search_error_state(js_page):
    js_page.goto("/search?q=dementia&location=ZZ99+9ZZ&radius=7")
    assert js_page.locator(".govuk-error-summary").is_visible()
    check(js_page, js_page.url)


def test_report_a_problem_error_state(js_page):
    js_page.goto(first_listing_url(js_page))
    js_page.get_by_role("link", name="Report a problem with this listing").click()
    js_page.wait_for_url("**/report")
    js_page.get_by_role("button", name="Send report").click()
    js_page.locator(".govuk-error-summary").wait_for()
    assert js_page.title().startswith("Error: ")
    violations = axe_violations(js_page)
    assert violations == [], (
        f"axe-core found problems on the report form with errors:\n{describe(violations)}"
    )


def test_the_checker_reports_a_real_problem(js_page):
    """Guards the harness itself: an image with no text alternative must be reported."""
    js_page.goto("/")
    js_page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in [violation["id"] for violation in axe_violations(js_page)]
