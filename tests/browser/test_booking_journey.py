"""The marketplace end to end in a real browser, with JavaScript on and off: a provider joins and sends
their checks, an officer approves them, a person finds and books them, and the visit is accepted,
delivered and confirmed; then a weekly series with one visit cancelled.

Each person uses their own browser context, as they would their own computer. With JavaScript on,
axe-core checks every marketplace page on the way.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import _skip_unless_ready, only_loopback, serve_app
from tests.browser.test_accessibility import axe_violations, describe
from tests.browser.test_card_payment import fill_card
from tests.payments.cards import GOOD_CARD
from web.extensions import db
from web.models.accounts import Role, User
from web.models.base import utcnow
from web.models.marketplace import Booking
from web.models.payments import HolderKind, MoneyHolder
from web.payments.statements import statement_query
from web.services import accounts

pytestmark = pytest.mark.browser

OFFICER_EMAIL = "officer@council.example.org"
OFFICER_PASSWORD = "kettle garden window lamp"
PASSWORD = "orchard ladder teapot river"
LONDON = ZoneInfo("Europe/London")
ADDRESS = "12 Orchard Road, Wigan WN3 4AA"


def tiny_pdf() -> bytes:
    """A valid one-page PDF: what a scanned certificate would be, only smaller."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref_at = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return body


@pytest.fixture(scope="module")
def live_server(tmp_path_factory, localstripe_url):
    """This module's own server: the listings it publishes must not change other tests' search results.
    Cards are saved and charged at localstripe."""
    _skip_unless_ready()
    with serve_app(tmp_path_factory.mktemp("booking_journey"), STRIPE_API_BASE=localstripe_url) as server:
        with server.app.app_context():
            # Officers' accounts are made by `flask users create`, not by a form.
            accounts.register_user(
                db.session,
                email=OFFICER_EMAIL,
                display_name="Olu",
                password=OFFICER_PASSWORD,
                role=Role.OFFICER,
            )
            db.session.remove()
        yield server


@dataclass
class Journey:
    """One run of the journey: its browser contexts, and what axe-core found on the pages they saw."""

    javascript: bool
    browser: object
    server: object
    suffix: str
    contexts: list = field(default_factory=list)
    axe_problems: list[str] = field(default_factory=list)
    csp_errors: list[str] = field(default_factory=list)

    def new_tab(self):
        context = self.browser.new_context(java_script_enabled=self.javascript, base_url=self.server.url)
        context.route("**/*", only_loopback(self.server))
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        tab = context.new_page()
        tab.on("console", self._note_csp_error)
        return tab

    def _note_csp_error(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp_errors.append(message.text)

    def click(self, tab, target, url_pattern: str | re.Pattern | None = None) -> None:
        """Click a link or button that loads a page (perhaps the same address again), and arrive there."""
        with tab.expect_navigation():
            target.click()
        self.arrived(tab, url_pattern)

    def arrived(self, tab, url_pattern: str | re.Pattern | None = None) -> None:
        """Wait for the page, then (with JavaScript on) check it with axe-core."""
        if url_pattern is not None:
            tab.wait_for_url(url_pattern)
        tab.wait_for_load_state()
        if self.javascript:
            violations = axe_violations(tab)
            if violations:
                self.axe_problems.append(f"{tab.url}:\n{describe(violations)}")


@pytest.fixture(params=[True, False], ids=["with-javascript", "without-javascript"])
def journey(request, browser, live_server) -> Iterator[Journey]:
    run = Journey(
        javascript=request.param,
        browser=browser,
        server=live_server,
        suffix="Orchard" if request.param else "Willow",
    )
    yield run
    for context in run.contexts:
        context.close()


def banner_text(tab) -> str:
    return tab.locator(".govuk-notification-banner").inner_text()


def register_as_provider(journey: Journey, tab, business_name: str) -> None:
    tab.goto("/")
    journey.click(tab, tab.get_by_role("link", name="Create an account"), "**/account/register")
    tab.get_by_label("What should we call you?").fill("Pat")
    tab.get_by_label("Email address").fill(f"pat.{journey.suffix.lower()}@example.org")
    tab.get_by_label("Create a password").fill(PASSWORD)
    tab.get_by_label("Enter your password again").fill(PASSWORD)
    tab.get_by_label("I run a local care or support business or group").check()
    tab.get_by_label("If you run a business or group, what is it called?").fill(business_name)
    journey.click(tab, tab.get_by_role("button", name="Create account"), "**/account")
    assert "Your account has been created" in banner_text(tab)


def set_up_business(journey: Journey, tab, business_name: str) -> None:
    journey.click(
        tab, tab.get_by_role("link", name="Set up your business and send your checks"), "**/provider/set-up"
    )
    assert tab.get_by_label("Business name").input_value() == business_name
    tab.get_by_label("Sole trader").check()
    tab.get_by_label("How many people work in your business, including you?").fill("2")
    tab.get_by_label("Postcode your business is based at").fill("WN1 1AA")
    tab.get_by_label("How many miles will you travel?").fill("3")
    tab.get_by_label("Phone number people can call").fill("01942 765 432")
    tab.get_by_label("Email address people can write to").fill(f"hello@{journey.suffix.lower()}.example.org")
    tab.get_by_label("I agree to the code of conduct").check()
    journey.click(tab, tab.get_by_role("button", name="Save and continue"), re.compile(r"/provider$"))
    assert "Your business is set up" in banner_text(tab)
    assert tab.locator("h1").inner_text() == business_name


def fill_date(tab, day: date) -> None:
    tab.get_by_label("Day").fill(str(day.day))
    tab.get_by_label("Month").fill(str(day.month))
    tab.get_by_label("Year").fill(str(day.year))


def dbs_issued_on() -> date:
    return date.today() - timedelta(days=90)


def insured_until() -> date:
    return date.today() + timedelta(days=365)


def add_checks(journey: Journey, tab, certificate: bytes) -> None:
    journey.click(tab, tab.get_by_role("link", name="Add DBS check"), "**/provider/checks/add/dbs")
    tab.get_by_label("Enhanced with barred lists").check()
    tab.get_by_label("Certificate number").fill("001234567890")
    fill_date(tab, dbs_issued_on())
    tab.get_by_role("group", name="Is the certificate on the DBS Update Service?").get_by_label("Yes").check()
    # A file named like a PDF that is not one is refused by its content, next to the upload field.
    tab.get_by_label("Upload the certificate or policy").set_input_files(
        {"name": "dbs-certificate.pdf", "mimeType": "application/pdf", "buffer": b"not really a PDF"}
    )
    journey.click(tab, tab.get_by_role("button", name="Add"), "**/provider/checks/add/dbs")
    assert tab.title().startswith("Error: ")
    assert "The file must be a PDF, JPG or PNG" in tab.locator("#upload-error").inner_text()
    assert tab.get_by_label("Certificate number").input_value() == "001234567890"
    tab.get_by_label("Upload the certificate or policy").set_input_files(
        {"name": "dbs-certificate.pdf", "mimeType": "application/pdf", "buffer": certificate}
    )
    journey.click(tab, tab.get_by_role("button", name="Add"), re.compile(r"/provider$"))
    assert "DBS check added." in banner_text(tab)

    journey.click(
        tab,
        tab.get_by_role("link", name="Add public liability insurance"),
        "**/provider/checks/add/insurance",
    )
    tab.get_by_label("Insurer").fill("Northern Mutual")
    tab.get_by_label("Policy number").fill("PL-445566")
    tab.get_by_label("Cover amount in pounds").fill("5000000")
    fill_date(tab, insured_until())
    tab.get_by_label("Upload the certificate or policy").set_input_files(
        {"name": "insurance.pdf", "mimeType": "application/pdf", "buffer": certificate}
    )
    journey.click(tab, tab.get_by_role("button", name="Add"), re.compile(r"/provider$"))
    assert "Public liability insurance added." in banner_text(tab)
    checks = tab.locator("main").inner_text()
    assert "DBS check (001234567890)" in checks
    assert "Public liability insurance (PL-445566)" in checks


def add_offering(journey: Journey, tab, business_name: str) -> None:
    tab.goto("/provider/offerings")
    journey.arrived(tab)
    journey.click(tab, tab.get_by_role("link", name="Add an offering"), "**/provider/offerings/new")
    tab.get_by_label("Which listing is this on?").select_option(label=business_name)
    tab.get_by_label("What do you call it?").fill("Help at home")
    tab.get_by_label("What it includes").fill("Shopping, cooking and company for people with dementia.")
    tab.get_by_label("Category").select_option(label="Dementia")
    tab.get_by_label("Who it is for").fill("Older people living at home")
    tab.get_by_role("group", name="Does it include personal care?").get_by_label("No").check()
    tab.get_by_label("Price in pounds").fill("20")
    tab.get_by_label("Per hour").check()
    tab.get_by_label("Shortest booking, in minutes").fill("60")
    tab.get_by_role("group", name="Can a direct payment pay for it?").get_by_label("Yes").check()
    tab.get_by_label("People can cancel free until how many hours before?").fill("24")
    tab.get_by_label("After that, the late cancellation fee").fill("50")
    journey.click(tab, tab.get_by_role("button", name="Save"), re.compile(r"/provider/offerings$"))
    row = tab.locator("tr", has_text="Help at home")
    assert "Offered" in row.inner_text()


def add_weekly_hours(journey: Journey, tab) -> None:
    journey.click(tab, tab.get_by_role("link", name="When you are free"), "**/provider/availability")
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        tab.get_by_label("Day", exact=True).select_option(label=day)
        tab.get_by_label("From", exact=True).fill("09:00")
        tab.get_by_label("To", exact=True).fill("17:00")
        journey.click(tab, tab.get_by_role("button", name="Add these times"), "**/provider/availability")
        assert "Times added" in banner_text(tab)
    weekly = tab.locator("table").inner_text()
    assert weekly.count("09:00 to 17:00") == 7

    evening = in_days(40)  # after every visit booked below
    tab.get_by_label("Extra times on this date").check()
    tab.get_by_label("Date", exact=True).fill(f"{evening:%d/%m/%Y}")
    tab.get_by_label("From (extra times only)").fill("18:00")
    tab.get_by_label("To (extra times only)").fill("20:00")
    journey.click(tab, tab.get_by_role("button", name="Add", exact=True), "**/provider/availability")
    assert "Date added" in banner_text(tab)
    assert (
        f"{evening:%A} {evening.day} {evening:%B %Y}: extra times 18:00 to 20:00"
        in tab.locator("main").inner_text()
    )


def send_for_checks(journey: Journey, tab) -> None:
    tab.goto("/provider")
    journey.arrived(tab)
    journey.click(tab, tab.get_by_role("button", name="Send for checks"), re.compile(r"/provider$"))
    assert "A community support officer will check your business" in banner_text(tab)
    assert "Status: Waiting for checks" in tab.locator("main").inner_text()


def officer_approves(journey: Journey, tab, business_name: str, certificate: bytes) -> None:
    tab.goto("/account/sign-in")
    journey.arrived(tab)
    tab.get_by_label("Email address").fill(OFFICER_EMAIL)
    tab.get_by_label("Password", exact=True).fill(OFFICER_PASSWORD)
    journey.click(tab, tab.get_by_role("button", name="Sign in"), "**/account")
    tab.goto("/officers/providers")
    journey.arrived(tab)
    journey.click(tab, tab.get_by_role("link", name=business_name), re.compile(r"/officers/providers/\d+$"))
    evidence = tab.locator("main").inner_text()
    assert "DBS check, Enhanced with barred lists, number 001234567890" in evidence
    assert "Public liability insurance, number PL-445566, Northern Mutual, cover £5,000,000" in evidence
    with tab.expect_download() as download:
        tab.get_by_role("link", name="open the file").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(download.value.path()).read_bytes() == certificate
    journey.click(tab, tab.get_by_role("button", name="Approve"), "**/officers/providers")
    assert f"{business_name} is approved and its listing is published." in banner_text(tab)
    assert tab.get_by_role("link", name=business_name).count() == 0


def register_as_person(journey: Journey, tab) -> None:
    tab.goto("/account/register")
    journey.arrived(tab)
    tab.get_by_label("What should we call you?").fill("Sam")
    tab.get_by_label("Email address").fill(f"sam.{journey.suffix.lower()}@example.org")
    tab.get_by_label("Create a password").fill(PASSWORD)
    tab.get_by_label("Enter your password again").fill(PASSWORD)
    tab.get_by_label("I draw on care and support, or I arrange it for someone").check()
    journey.click(tab, tab.get_by_role("button", name="Create account"), "**/account")


def search_near_wn3(journey: Journey, tab, business_name: str):
    """The search result for this business, searching near a postcode inside the 3 miles it travels."""
    journey.click(tab, tab.get_by_role("link", name="Search", exact=True), re.compile(r"/$"))
    tab.get_by_label("What are you looking for?").fill("home help")
    tab.get_by_label("Where?").fill("WN3 4AA")
    journey.click(tab, tab.get_by_role("button", name="Search", exact=True), re.compile(r"/search\?"))
    assert tab.locator("#result-count").is_visible()
    return tab.locator(".app-result", has_text=business_name)


def find_and_open_listing(journey: Journey, tab, business_name: str) -> str:
    result = search_near_wn3(journey, tab, business_name)
    assert result.count() == 1
    assert "Book online" in result.locator(".govuk-tag").all_inner_texts()
    journey.click(tab, tab.get_by_role("link", name=business_name), re.compile(r"/services/"))
    assert tab.locator("h1").inner_text() == business_name
    checked, insured = dbs_issued_on(), insured_until()
    assert (
        f"DBS checked {checked.day} {checked:%B %Y}; insured until {insured.day} {insured:%B %Y}."
        in tab.locator("main").inner_text()
    )
    assert tab.locator("a[href*='/checks/']").count() == 0  # what was checked, never the certificate
    offering = tab.locator(".app-offering", has_text="Help at home")
    assert "£20 an hour" in offering.inner_text()
    listing_url = tab.url
    book(journey, tab)
    return listing_url


def book(journey: Journey, tab) -> None:
    # A GOV.UK start button: a link with the role of a button.
    journey.click(tab, tab.get_by_role("button", name="Book Help at home"), re.compile(r"/book/[^/]+$"))


def day_words(day: date) -> str:
    """As the booking pages name a day: "Friday 4 December"."""
    return f"{day:%A} {day.day} {day:%B}"


def in_days(days: int) -> date:
    return datetime.now(LONDON).date() + timedelta(days=days)


def request_visits(journey: Journey, tab, day: date, clock: str, weeks: int) -> None:
    """On the time page: a free start time on `day`, an hour long, for `weeks` weeks; then the check page."""
    assert tab.locator("h1").inner_text() == "Choose a time"
    assert tab.get_by_label("How long do you want each visit to be?").input_value() == "60"
    tab.get_by_role("group", name=day_words(day)).get_by_label(clock, exact=True).check()
    tab.get_by_label("How many weeks?").fill(str(weeks))
    journey.click(tab, tab.get_by_role("button", name="Continue"), re.compile(r"/book/[^/]+/check\?"))
    assert tab.locator("h1").inner_text() == "Check your booking request"
    summary = tab.locator("main").inner_text()
    visits = tab.locator("main ul.govuk-list li").all_inner_texts()
    assert len(visits) == weeks
    assert all(clock in visit for visit in visits)
    assert day_words(day) in visits[0]
    total = "£20" if weeks == 1 else f"£{20 * weeks} for {weeks} visits"
    assert total in summary
    assert "You can cancel free up to 24 hours before. After that, you pay 50% of the price." in summary
    if journey.javascript and tab.get_by_role("link", name="Add a card").count():
        add_a_card(journey, tab)
    journey.click(tab, tab.get_by_role("button", name="Send request"), re.compile(r"/book/[^/]+/check$"))
    assert "Enter the address for the visit" in tab.locator("#visit_address-error").inner_text()
    tab.get_by_label("Address for the visit").fill(ADDRESS)
    tab.get_by_label("What matters to you (optional)").fill("Please knock loudly: the bell does not work.")
    journey.click(tab, tab.get_by_role("button", name="Send request"), re.compile(r"/book/sent/"))
    assert tab.locator(".govuk-panel__title").inner_text() == "Request sent"
    assert len(tab.locator("main ul.govuk-list--bullet li").all_inner_texts()) == weeks


def add_a_card(journey: Journey, tab) -> None:
    """From the check page: save a card with Stripe.js (localstripe's), and come back to the same page."""
    journey.click(tab, tab.get_by_role("link", name="Add a card"), re.compile(r"/payments/card\?"))
    fill_card(tab, GOOD_CARD)
    journey.click(tab, tab.get_by_role("button", name="Save card"), re.compile(r"/book/[^/]+/check\?"))
    assert "Visa card ending 4242" in tab.locator("main").inner_text()


def money_held_for(server, email: str) -> None:
    """Without JavaScript there is no card step: this person's money is held by a managed account."""
    with server.app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == email))
        db.session.add(
            MoneyHolder(
                user_id=user.id,
                kind=HolderKind.MANAGED_ACCOUNT,
                name="Wigan Money Management",
                email="accounts@example.org",
                reference="DP-0042",
            )
        )
        db.session.commit()
        db.session.remove()


def open_booking_on(journey: Journey, tab, day: date) -> str:
    """From the bookings list, the booking on `day`; returns its id."""
    tab.goto("/bookings")
    journey.arrived(tab)
    journey.click(
        tab,
        tab.locator("main li", has_text=f" {day.day} {day:%B}").get_by_role("link"),
        re.compile(r"/bookings/[^/]+$"),
    )
    return tab.url.rsplit("/", 1)[-1]


def series_statuses(journey: Journey, tab, days: list[date]) -> list[str]:
    """What the bookings list says of the visit on each of these days."""
    tab.goto("/bookings")
    journey.arrived(tab)
    rows = [tab.locator("main li", has_text=f" {day.day} {day:%B}").inner_text() for day in days]
    return [row.rsplit(": ", 1)[-1] for row in rows]


def status_of(tab) -> str:
    return tab.locator(".govuk-summary-list__row", has_text="Status").locator("dd").inner_text()


def provider_accepts(journey: Journey, tab, day: date) -> str:
    booking_id = open_booking_on(journey, tab, day)
    assert status_of(tab) == "Waiting for your answer"  # the provider's own wording
    assert ADDRESS not in tab.locator("main").inner_text()  # only once they accept
    journey.click(tab, tab.get_by_role("button", name="Accept"), re.compile(r"/bookings/[^/]+$"))
    assert "Booking accepted." in banner_text(tab)
    assert status_of(tab) == "Accepted"
    assert ADDRESS in tab.locator("main").inner_text()
    return booking_id


def the_visit_time_passes(server, booking_id: str, by: timedelta) -> None:
    """The server's clock cannot be moved, and a visit can be recorded only once its start time has
    passed (booking_lifecycle.deliver), so the accepted booking is moved back to a time already gone."""
    with server.app.app_context():
        booking = db.session.get(Booking, booking_id)
        booking.starts_at -= by
        booking.blocked_from -= by
        booking.blocked_until -= by
        db.session.commit()
        db.session.remove()


def record_a_budget(journey: Journey, tab) -> None:
    """£150 a week from a week ago, through the budget form."""
    tab.goto("/budget/change")
    journey.arrived(tab)
    tab.get_by_label("How much does the council pay into your direct payment?").fill("150")
    tab.get_by_label("A week").check()
    started = date.today() - timedelta(days=7)
    start = tab.get_by_role("group", name="When does your budget start?")
    start.get_by_label("Day").fill(str(started.day))
    start.get_by_label("Month").fill(str(started.month))
    start.get_by_label("Year").fill(str(started.year))
    tab.get_by_label("Your council reference (optional)").fill("DP-0042")
    journey.click(tab, tab.get_by_role("button", name="Save budget"), re.compile(r"/budget$"))


def summary_value(tab, key: str) -> str:
    return tab.locator(".govuk-summary-list__row", has_text=key).locator("dd").first.inner_text()


def statement_rows(journey: Journey, tab) -> list[str]:
    """The statement for the last 30 days, as the statement form asks for it."""
    today = datetime.now(LONDON).date()
    tab.goto(f"/payments/statement?{statement_query(today - timedelta(days=30), today)}")
    journey.arrived(tab)
    return [row.inner_text() for row in tab.locator("main tbody tr").all()]


def owed_to(journey: Journey, tab, business_name: str) -> str:
    """The officers' payout page: what the business is owed now."""
    tab.goto("/officers/payouts")
    journey.arrived(tab)
    return tab.locator("main tbody tr", has_text=business_name).first.inner_text()


def the_visit_is_soon(server, booking_id: str, hours: int) -> None:
    """The clock cannot move, so an accepted visit is brought forward to start within the free
    cancellation notice: cancelling it then costs the late fee."""
    with server.app.app_context():
        booking = db.session.get(Booking, booking_id)
        moved = booking.starts_at - (utcnow() + timedelta(hours=hours))
        booking.starts_at -= moved
        booking.blocked_from -= moved
        booking.blocked_until -= moved
        db.session.commit()
        db.session.remove()


def test_a_provider_joins_is_checked_and_a_person_books_them(journey):
    business_name = f"{journey.suffix} Home Help"
    certificate = tiny_pdf()

    provider = journey.new_tab()
    register_as_provider(journey, provider, business_name)
    set_up_business(journey, provider, business_name)
    add_checks(journey, provider, certificate)
    add_offering(journey, provider, business_name)
    add_weekly_hours(journey, provider)
    send_for_checks(journey, provider)

    officer = journey.new_tab()
    officer.goto("/")
    assert search_near_wn3(journey, officer, business_name).count() == 0  # not public until approved
    officer_approves(journey, officer, business_name, certificate)

    provider.goto("/provider")
    journey.arrived(provider)
    assert "Status: Checked and approved" in provider.locator("main").inner_text()

    person = journey.new_tab()
    register_as_person(journey, person)
    if not journey.javascript:
        money_held_for(journey.server, f"sam.{journey.suffix.lower()}@example.org")
    listing_url = find_and_open_listing(journey, person, business_name)
    visit_day = in_days(2)
    request_visits(journey, person, visit_day, "10:00am", weeks=1)

    booking_id = provider_accepts(journey, provider, visit_day)

    the_visit_time_passes(journey.server, booking_id, by=timedelta(days=3))
    # The same clock time three days earlier, unless the clocks changed in between.
    booked_at = datetime.combine(visit_day, time(10), LONDON).astimezone(UTC)
    moved_to = (booked_at - timedelta(days=3)).astimezone(LONDON)
    provider.reload()
    journey.arrived(provider)
    assert provider.get_by_label("Date the visit started").input_value() == f"{moved_to:%d/%m/%Y}"
    assert provider.get_by_label("Time it started").input_value() == f"{moved_to:%H:%M}"
    provider.get_by_label("How long it lasted, in minutes").fill("70")
    provider.get_by_label("A short note (optional)").fill("Shopping done and lunch cooked.")
    journey.click(
        provider, provider.get_by_role("button", name="Mark as delivered"), re.compile(r"/bookings/[^/]+$")
    )
    assert "Visit recorded. The person has been asked to confirm it." in banner_text(provider)
    assert status_of(provider) == "Delivered: waiting for the person to confirm"

    person.goto(f"/bookings/{booking_id}")
    journey.arrived(person)
    assert status_of(person) == "Delivered: please confirm"
    journey.click(
        person,
        person.get_by_role("button", name="Confirm the visit took place"),
        re.compile(r"/bookings/[^/]+$"),
    )
    assert "Booking confirmed." in banner_text(person)
    assert status_of(person) == "Confirmed"
    # 70 minutes were recorded for an hour booked: the hour is what is charged, or invoiced.
    paid = person.locator("main").inner_text()
    assert "Visit, £20" in paid
    assert ("Paid" if journey.javascript else "Invoiced to the money holder") in paid
    if journey.javascript:
        # The charge shows on the budget page and the statement, and the provider is owed it.
        record_a_budget(journey, person)
        assert summary_value(person, "Spent").startswith("£20")
        assert summary_value(person, "Remaining").startswith("£130")
        charged = [row for row in statement_rows(journey, person) if business_name in row]
        assert len(charged) == 1 and "£20" in charged[0]
        assert "£20" in owed_to(journey, officer, business_name)

    # Every week for four weeks; the provider accepts each visit; the person cancels the third.
    person.goto(listing_url)
    journey.arrived(person)
    book(journey, person)
    first_day = in_days(3)
    series_days = [first_day + timedelta(weeks=week) for week in range(4)]
    request_visits(journey, person, first_day, "2:00pm", weeks=4)
    for day in series_days:
        provider_accepts(journey, provider, day)

    open_booking_on(journey, person, series_days[2])
    assert "Cancelling now is free." in person.locator("main").inner_text()
    journey.click(
        person, person.get_by_role("button", name="Cancel booking"), re.compile(r"/bookings/[^/]+$")
    )
    assert status_of(person) == "Cancelled by you"

    person_sees = series_statuses(journey, person, series_days)
    assert person_sees == ["Accepted", "Accepted", "Cancelled by you", "Accepted"]
    provider_sees = series_statuses(journey, provider, series_days)
    assert provider_sees[:2] + provider_sees[3:] == ["Accepted"] * 3
    assert provider_sees[2].startswith("Cancelled by ") and provider_sees[2] != "Cancelled by you"

    if journey.javascript:
        # Cancelling the last visit twelve hours before it starts costs half its price, charged at once.
        late_id = open_booking_on(journey, person, series_days[3])
        the_visit_is_soon(journey.server, late_id, hours=12)
        person.reload()
        journey.arrived(person)
        assert "If you cancel now you pay a late fee of £10" in person.locator("main").inner_text()
        journey.click(
            person, person.get_by_role("button", name="Cancel booking"), re.compile(r"/bookings/[^/]+$")
        )
        assert summary_value(person, "Late cancellation fee, £10") == "Paid"

        # The provider cancels the confirmed, charged visit: the person gets the £20 back.
        provider.goto(f"/bookings/{booking_id}")
        journey.arrived(provider)
        provider.get_by_label("Tell the person why").fill("I was charged for the wrong visit.")
        journey.click(
            provider,
            provider.get_by_role("button", name="Cancel and refund"),
            re.compile(r"/bookings/[^/]+$"),
        )
        person.goto(f"/bookings/{booking_id}")
        journey.arrived(person)
        assert "(£20 refunded)" in summary_value(person, "Visit, £20")
        refunded = [row for row in statement_rows(journey, person) if "£20" in row and business_name in row]
        assert len(refunded) == 2  # the charge and its refund, each on the day it happened
        owed = owed_to(journey, officer, business_name)
        assert "£10" in owed and "£20" not in owed  # the late fee is still owed; the visit is not

    assert journey.axe_problems == [], "axe-core found problems:\n" + "\n".join(journey.axe_problems)
    assert journey.csp_errors == []
    assert journey.server.blocked_requests == []
