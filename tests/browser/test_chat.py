"""The chat page with and without JavaScript, the chat panel with it, and axe-core on each state.

The shared live server has no Rasa server behind it (its RASA_URL is a closed port), which is the
"assistant is down" state; one test points a second server at a stand-in Rasa to check the listing cards.
"""

import pytest

from tests.browser.conftest import only_loopback, serve_app
from tests.browser.test_accessibility import axe_violations, describe
from tests.chat.conftest import listing, listing_reply, serve_rasa_stand_in

pytestmark = pytest.mark.browser

DANGER = "I want to end my life"


def send_on_page(page, message: str) -> None:
    page.get_by_label("Your message").fill(message)
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_url("**/chat#latest")


def assert_no_axe_violations(page, state: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe-core found problems on {state}:\n{describe(violations)}"


def test_chat_page_answers_with_search_and_phone_when_the_assistant_is_down(page):
    page.goto("/chat")
    send_on_page(page, "is there a dementia group near WN1 1AA")
    entries = page.locator(".app-chat-entry")
    assert entries.nth(0).inner_text().endswith("is there a dementia group near WN1 1AA")
    answer = entries.nth(1)
    assert "Sorry, the assistant cannot answer right now." in answer.inner_text()
    assert answer.get_by_role("link", name="0161 555 0100").get_attribute("href") == "tel:01615550100"
    answer.get_by_label("What are you looking for?").fill("dementia")
    answer.get_by_role("button", name="Search the directory").click()
    page.wait_for_url("**/search?q=dementia*")
    assert page.get_by_role("link", name="Wigan Memory Cafe").is_visible()
    assert page.csp_errors == []


def test_danger_on_the_chat_page_shows_999_first(page):
    page.goto("/chat")
    send_on_page(page, DANGER)
    warning = page.locator(".app-chat-entry .govuk-warning-text")
    text = warning.inner_text()
    assert text.index("999") < text.index("NHS 111") < text.index("116 123")


def test_empty_message_shows_the_error(page):
    page.goto("/chat")
    page.get_by_role("button", name="Send", exact=True).click()
    assert page.locator("#message-error").inner_text().endswith("Enter your message")
    assert page.title().startswith("Error: ")


def test_the_ask_a_question_link_without_javascript_goes_to_the_chat_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    context.route("**/*", only_loopback(live_server))
    tab = context.new_page()
    tab.goto("/")
    assert tab.locator(".app-chat-panel").is_hidden()
    tab.get_by_role("link", name="Ask a question").click()
    tab.wait_for_url("**/chat")
    assert tab.get_by_role("heading", name="Ask our assistant").is_visible()
    context.close()


def test_the_panel_opens_sends_and_closes_with_the_keyboard(js_page):
    js_page.goto("/")
    launcher = js_page.get_by_role("button", name="Ask a question")
    launcher.focus()
    js_page.keyboard.press("Enter")
    message = js_page.get_by_label("Your message")
    message.wait_for()
    assert launcher.get_attribute("aria-expanded") == "true"
    assert message.evaluate("node => node === document.activeElement")

    js_page.keyboard.type("hello")
    js_page.keyboard.press("Enter")
    log = js_page.get_by_role("log")
    log.locator(".app-chat-entry").nth(1).wait_for()
    assert "Sorry, the assistant cannot answer right now." in log.inner_text()
    assert message.input_value() == ""
    assert message.evaluate("node => node === document.activeElement")

    js_page.keyboard.press("Escape")
    assert js_page.locator("#app-chat-panel-window").is_hidden()
    assert launcher.evaluate("node => node === document.activeElement")
    assert js_page.csp_errors == []


def test_the_panel_keeps_the_conversation_across_pages_and_with_the_chat_page(js_page):
    js_page.goto("/")
    js_page.get_by_role("button", name="Ask a question").click()
    js_page.get_by_label("Your message").fill(DANGER)
    js_page.get_by_role("button", name="Send", exact=True).click()
    js_page.locator(".app-chat-panel .govuk-warning-text").wait_for()

    js_page.goto("/accessibility")
    # The navigation link opens the panel too, with the conversation so far.
    js_page.get_by_role("link", name="Ask a question").click()
    js_page.get_by_role("log").locator(".govuk-warning-text").wait_for()
    js_page.goto("/chat")
    assert "116 123" in js_page.locator(".app-chat-entry .govuk-warning-text").inner_text()


def test_the_panel_explains_an_empty_message(js_page):
    js_page.goto("/")
    js_page.get_by_role("button", name="Ask a question").click()
    js_page.get_by_role("button", name="Send", exact=True).click()
    assert "Enter your message" in js_page.locator("#app-chat-panel-message-error").inner_text()


def test_axe_on_the_empty_chat_page(js_page):
    js_page.goto("/chat")
    assert_no_axe_violations(js_page, "the empty chat page")


def test_axe_on_the_chat_page_with_a_conversation_and_an_error(js_page):
    js_page.goto("/chat")
    send_on_page(js_page, DANGER)
    send_on_page(js_page, "hello")
    assert_no_axe_violations(js_page, "the chat page with urgent help and the assistant down")
    js_page.get_by_role("button", name="Email the conversation").click()
    js_page.locator(".govuk-error-summary").wait_for()
    assert_no_axe_violations(js_page, "the chat page with an email error")


def test_axe_on_the_open_panel(js_page):
    js_page.goto("/")
    js_page.get_by_role("button", name="Ask a question").click()
    js_page.get_by_label("Your message").wait_for()
    assert_no_axe_violations(js_page, "the open, empty panel")
    js_page.get_by_label("Your message").fill("hello")
    js_page.get_by_role("button", name="Send", exact=True).click()
    js_page.get_by_role("log").locator(".app-chat-entry").nth(1).wait_for()
    assert_no_axe_violations(js_page, "the open panel with an answer")


def test_axe_on_listing_cards(browser, tmp_path):
    with serve_rasa_stand_in() as rasa, serve_app(tmp_path, RASA_URL=rasa.url) as server:
        rasa.replies = [listing_reply(listing(), listing("Dementia Helpers at Home", id="second"))]
        context = browser.new_context(base_url=server.url)
        context.route("**/*", only_loopback(server))
        tab = context.new_page()
        tab.goto("/chat")
        send_on_page(tab, "dementia group near WN1 1AA")
        assert tab.locator(".govuk-summary-card").count() == 2
        assert_no_axe_violations(tab, "the chat page with listing cards")
        tab.goto("/")
        tab.get_by_role("button", name="Ask a question").click()
        tab.get_by_role("log").locator(".govuk-summary-card").first.wait_for()
        assert_no_axe_violations(tab, "the open panel with listing cards")
        context.close()
