"""Home -> results -> listing -> shortlist, as a person would, with JavaScript on and off."""

import re

import pytest

pytestmark = pytest.mark.browser


def test_find_support_near_a_postcode_and_keep_it_on_a_list(page, live_server):
    page.goto("/")
    assert page.title().endswith(" - Greater Manchester and Warrington Community Directory")
    page.get_by_label("What are you looking for?").fill("dementia")
    page.get_by_label("Where?").fill("WN1 1AA")
    page.get_by_role("button", name="Search", exact=True).click()

    page.wait_for_url(re.compile(r"/search\?"))
    assert page.locator("#result-count").inner_text() == "4 results near WN1 1AA"
    results = page.locator(".app-result h2")
    assert sorted(results.all_inner_texts()) == [
        "Dementia Friends on the Phone",
        "Dementia Helpers at Home",
        "Wigan Community Hub",
        "Wigan Memory Cafe",
    ]
    assert "miles away" in page.locator(".app-result", has_text="Wigan Memory Cafe").inner_text()

    page.get_by_role("link", name="Wigan Memory Cafe").click()
    page.wait_for_url(re.compile(r"/services/"))
    assert page.locator("h1").inner_text() == "Wigan Memory Cafe"
    assert page.get_by_role("link", name="01942 111 222").get_attribute("href") == "tel:01942111222"
    assert "Every Tuesday, 10am to 12pm" in page.locator("main").inner_text()

    page.get_by_role("button", name="Add to your list").click()
    page.locator(".govuk-notification-banner").wait_for()
    assert "Wigan Memory Cafe is on your list." in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("link", name="Your list (1)").click()
    page.wait_for_url("**/shortlist")
    assert page.locator(".app-shortlist h2").all_inner_texts() == ["Wigan Memory Cafe"]

    assert page.csp_errors == []
    assert live_server.blocked_requests == []


def test_filters_work_from_the_form(page):
    page.goto("/search?q=dementia&location=WN1+1AA")
    page.get_by_label("Local care and support provider").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"kind=micro_provider"))
    assert page.locator(".app-result h2").all_inner_texts() == ["Dementia Helpers at Home"]


def test_a_bad_postcode_is_explained_next_to_the_field(page):
    page.goto("/")
    page.get_by_label("What are you looking for?").fill("dementia")
    page.get_by_label("Where?").fill("ZZ99 9ZZ")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search\?"))
    assert page.title().startswith("Error: ")
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.locator("#location-error").inner_text().startswith("Error:")


def test_javascript_enhances_only_when_it_is_on(page):
    page.goto("/shortlist")
    body_classes = page.locator("body").get_attribute("class") or ""
    if page.javascript_enabled:
        # The layout's one inline script ran (its CSP nonce matched) and GOV.UK Frontend started.
        assert "govuk-frontend-supported" in body_classes
        # GOV.UK Frontend marks each component it has started.
        page.locator("[data-govuk-service-navigation-init]").wait_for(state="attached")
    else:
        assert "js-enabled" not in body_classes
    assert page.csp_errors == []
