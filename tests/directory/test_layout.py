"""What every public page carries: the council's name, help by phone, attributions, security headers."""

import pytest

from tests.directory.conftest import parse, text_of

PAGES = ["/", "/search?q=lunch", "/shortlist", "/accessibility", "/privacy"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_names_the_council_and_gives_its_phone_number(app, client, url):
    soup = parse(client.get(url))
    assert text_of(soup.select_one(".govuk-generic-header")) == app.config["COUNCIL_NAME"]
    footer = text_of(soup.select_one("footer"))
    assert app.config["COUNCIL_PHONE"] in footer
    assert soup.select_one(f'footer a[href="tel:{app.config["COUNCIL_PHONE"].replace(" ", "")}"]')
    assert "Contains OS data © Crown copyright and database right" in footer
    assert "GeoNames" in footer and "CC BY 4.0" in footer
    footer_links = {text_of(a) for a in soup.select("footer a")}
    assert {"Accessibility statement", "Privacy"} <= footer_links
    assert soup.select_one('a.govuk-skip-link[href="#main-content"]')
    assert soup.find("main", id="main-content")


def test_pages_carry_no_gov_uk_branding(client):
    html = client.get("/").get_data(as_text=True)
    soup = parse(client.get("/"))
    assert (
        soup.select_one(".govuk-header__logotype, .govuk-footer__crown, .govuk-footer__copyright-logo")
        is None
    )
    assert "Crown copyright" not in html.replace("Contains OS data © Crown copyright", "")
    assert "GOV.UK" not in soup.title.get_text()


def test_the_stylesheet_does_not_use_the_gov_uk_font(app, client):
    response = client.get("/static/build/govuk/govuk-frontend.min.css")
    if response.status_code == 404:
        pytest.skip("front-end assets not built: run `npm ci && npm run build`")
    css = response.get_data(as_text=True)
    assert "GDS Transport" not in css
    assert "url(/assets/" not in css


def test_a_demo_site_says_its_listings_are_made_up(app, client):
    banner = parse(client.get("/")).select_one(".govuk-phase-banner")
    assert banner is not None and "made-up" in text_of(banner)


def test_a_real_site_has_no_demo_banner(app, client):
    app.config["SITE_IS_DEMO"] = False
    try:
        assert parse(client.get("/")).select_one(".govuk-phase-banner") is None
    finally:
        app.config["SITE_IS_DEMO"] = True


def test_sign_in_and_register_links_for_visitors(client):
    nav = parse(client.get("/")).select_one(".govuk-service-navigation")
    links = {text_of(a): a["href"] for a in nav.select("a")}
    assert links["Sign in"] == "/account/sign-in"
    assert "Create an account" in links


def test_security_headers_and_a_csp_nonce_on_the_one_inline_script(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    inline_scripts = [s for s in parse(response).find_all("script") if not s.get("src")]
    assert inline_scripts, "the layout's js-enabled script"
    for script in inline_scripts:
        assert f"'nonce-{script['nonce']}'" in csp


def test_the_nonce_changes_on_every_request(client):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]
    assert first != second


def test_no_script_or_style_comes_from_another_site(client):
    soup = parse(client.get("/"))
    sources = [tag.get("src") for tag in soup.find_all("script")] + [
        tag.get("href") for tag in soup.find_all("link", rel="stylesheet")
    ]
    assert all(source is None or source.startswith("/static/") for source in sources)


def test_unknown_pages_answer_404_in_plain_english(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    soup = parse(response)
    assert text_of(soup.h1) == "Page not found"


@pytest.mark.parametrize(
    ("url", "heading", "must_say"),
    [
        ("/accessibility", "Accessibility statement", "JavaScript turned off"),
        ("/privacy", "Privacy", "We do not use tracking or advertising cookies"),
        ("/privacy", "Privacy", "first part of the postcode"),
    ],
)
def test_statement_pages(client, url, heading, must_say):
    soup = parse(client.get(url))
    assert text_of(soup.h1) == heading
    assert must_say in text_of(soup.main)
