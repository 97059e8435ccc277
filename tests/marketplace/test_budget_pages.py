"""The budget page (spent, committed, remaining this period), recording and changing a budget, and what
the booking check page says a booking does to it."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from tests.factories import make_bookable_provider, make_booking, make_user
from tests.payments.money_rows import charge, refund
from web.extensions import db
from web.marketplace import budgets
from web.marketplace.availability import LONDON
from web.models.base import utcnow
from web.models.budgets import Budget, BudgetPeriod
from web.models.marketplace import BookingStatus
from web.models.payments import PaymentPurpose
from web.payments.statements import statement_query

PASSWORD = "correct horse battery"


def sign_in(client, email_address):
    response = client.post("/account/sign-in", data={"email": email_address, "password": PASSWORD})
    assert response.status_code == 302


def today():
    return datetime.now(LONDON).date()


def give_budget(person, pounds, period=BudgetPeriod.WEEK, starts_on=None, **fields):
    details = budgets.BudgetDetails(
        amount_pence=pounds * 100,
        period=period,
        starts_on=starts_on or today() - timedelta(days=3),
        ends_on=fields.get("ends_on"),
        council_reference=fields.get("council_reference", "DP-1234"),
        contribution_pence=fields.get("contribution_pence", 0),
    )
    return budgets.record_budget(db.session, person.id, details)


@pytest.fixture
def world(client):
    business, offering, _owner = make_bookable_provider()
    person = make_user("person@example.org")
    sign_in(client, "person@example.org")
    return {"client": client, "business": business, "offering": offering, "person": person}


def form_data(**overrides):
    data = {
        "amount": "150.00",
        "period": "week",
        "starts_on": ["6", "4", "2027"],
        "ends_on": ["", "", ""],
        "council_reference": "DP-1234",
        "contribution": "",
    }
    data.update(overrides)
    return data


def test_someone_without_a_budget_is_invited_to_add_one_and_told_they_need_not(world):
    page = world["client"].get("/budget")
    assert page.status_code == 200
    assert "Add your budget" in page.text
    assert "If you pay for your support yourself, you do not need to add a budget" in page.text
    assert "/payments/statement" in page.text


def test_the_account_page_links_to_the_budget(world):
    assert 'href="/budget"' in world["client"].get("/account").text


def test_a_person_records_their_budget_and_a_change_keeps_the_old_one(world):
    client, person = world["client"], world["person"]
    saved = client.post("/budget/change", data=form_data(amount="£1,200.50", contribution="20"))
    assert saved.status_code == 302 and saved.headers["Location"].endswith("/budget")
    budget = budgets.current_budget(db.session, person.id)
    assert (budget.amount_pence, budget.contribution_pence, budget.period) == (
        120050,
        2000,
        BudgetPeriod.WEEK,
    )
    assert budget.starts_on.isoformat() == "2027-04-06" and budget.council_reference == "DP-1234"

    form = client.get("/budget/change")
    assert 'value="1200.50"' in form.text and 'value="DP-1234"' in form.text

    client.post("/budget/change", data=form_data(amount="175", period="month"))
    db.session.expire_all()
    rows = db.session.scalars(db.select(Budget).order_by(Budget.id)).all()
    assert [(b.amount_pence, b.replaced_at is None) for b in rows] == [(120050, False), (17500, True)]
    page = client.get("/budget")
    assert "Earlier budgets" in page.text and "£1,200.50 a week" in page.text and "£175 a month" in page.text


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"amount": ""}, "amount", "Enter the amount, like 150.00"),
        ({"amount": "lots"}, "amount", "Enter the amount in pounds and pence, like 150.00"),
        ({"amount": "12.345"}, "amount", "Enter the amount in pounds and pence, like 150.00"),
        ({"amount": "-5"}, "amount", "Enter the amount in pounds and pence, like 150.00"),
        ({"amount": "0"}, "amount", "The amount must be more than £0"),
        ({"amount": "100000.01"}, "amount", "The amount must be £100,000 or less"),
        ({"period": ""}, "period", "Select how often the council pays your budget"),
        ({"period": "fortnight"}, "period", "Select how often the council pays your budget"),
        ({"starts_on": ["", "", ""]}, "starts_on", "Enter the date your budget starts"),
        ({"starts_on": ["31", "2", "2027"]}, "starts_on", "The date your budget starts must be a real date"),
        ({"starts_on": ["6", "4", "27"]}, "starts_on", "The date your budget starts must be a real date"),
        ({"ends_on": ["30", "13", "2027"]}, "ends_on", "The end date must be a real date"),
        (
            {"ends_on": ["5", "4", "2027"]},
            "ends_on",
            "The end date must be the same as or after the start date",
        ),
        ({"council_reference": "x" * 61}, "council_reference", "60 characters or fewer"),
        ({"contribution": "ten"}, "contribution", "Enter your contribution in pounds and pence"),
    ],
)
def test_each_bad_field_is_refused_beside_it_and_nothing_is_saved(world, overrides, field, message):
    page = world["client"].post("/budget/change", data=form_data(**overrides))
    assert page.status_code == 400
    assert message in page.text
    assert f'href="#{field}' in page.text  # the error summary links to the field
    assert page.text.startswith("<!DOCTYPE html>") and "<title>Error:" in page.text
    assert db.session.scalar(db.select(db.func.count(Budget.id))) == 0


def test_the_budget_page_shows_spent_committed_and_remaining_for_this_period(world):
    client, business, offering, person = (
        world["client"],
        world["business"],
        world["offering"],
        world["person"],
    )
    give_budget(person, 100, contribution_pence=1000)  # £110 a week, this week started 3 days ago
    now = utcnow().replace(microsecond=0)

    def booking(days, status, price=2000):
        return make_booking(
            business,
            offering,
            person,
            now=now,
            starts_in=timedelta(days=days),
            status=status,
            total_pence=price,
        )

    # Charged this period: £20 visit, £5 of it refunded; a £10 late fee.
    visit = booking(-2, BookingStatus.CONFIRMED)
    refund(charge(visit, 2000, now - timedelta(days=2)), 500, now - timedelta(hours=20))
    charge(
        booking(-1, BookingStatus.CANCELLED_BY_PERSON),
        1000,
        now - timedelta(hours=22),
        PaymentPurpose.LATE_CANCELLATION,
    )
    # Charged last period: not this one's.
    charge(booking(-6, BookingStatus.CONFIRMED), 2000, now - timedelta(days=6))
    # Promised: accepted later this week, and delivered yesterday but not charged yet.
    booking(2, BookingStatus.ACCEPTED, 3000)
    booking(-1, BookingStatus.DELIVERED, 1500)
    # Asked for, not answered yet; and bookings that cost nothing now.
    booking(1, BookingStatus.REQUESTED, 2500)
    booking(2, BookingStatus.DECLINED, 9900)
    booking(5, BookingStatus.ACCEPTED, 9900)  # next week

    _budget, position = budgets.current_position(db.session, person.id, datetime.now(LONDON))
    assert position.budget_pence == 11000
    assert position.spent_pence == 2000 - 500 + 1000
    assert position.committed_pence == 3000 + 1500
    assert position.remaining_pence == 11000 - 2500 - 4500 == 4000
    assert position.requested_pence == 2500
    page = client.get("/budget").text
    assert "£110 (including your own £10)" in page
    assert "£25: charged so far, less refunds" in page
    assert "£45: accepted visits not charged yet" in page
    assert "<strong>£40</strong>" in page
    assert "£25 asked for. If all are accepted, £15 is left" in page
    assert "DP-1234" in page
    period = statement_query(position.period.starts_on, position.period.ends_on)
    assert f'href="/payments/statement?{period}">Your statement for this period' in page.replace("&amp;", "&")


def test_the_budget_page_says_when_the_period_is_over_budget(world):
    give_budget(world["person"], 10)
    make_booking(
        world["business"],
        world["offering"],
        world["person"],
        starts_in=timedelta(days=1),
        status=BookingStatus.ACCEPTED,
    )
    page = world["client"].get("/budget").text
    assert "Over by £10" in page
    assert "You have spent or promised more than your budget for this period" in page


def test_a_budget_not_started_yet_says_when_it_starts(world):
    give_budget(world["person"], 100, starts_on=today() + timedelta(days=10))
    assert "Your budget starts on" in world["client"].get("/budget").text


# ---- the booking check page -----------------------------------------------------------------------


def check_page(client, offering, weeks=1):
    day = today() + timedelta(days=3)
    return client.get(f"/book/{offering.id}/check?start={day.isoformat()}T10:00&minutes=60&weeks={weeks}")


def test_the_check_page_shows_what_the_booking_leaves_in_the_budget(world):
    give_budget(world["person"], 100, starts_on=today() + timedelta(days=3))
    page = check_page(world["client"], world["offering"])
    assert page.status_code == 200
    assert "Your budget" in page.text
    assert "£100" in page.text and "£80" in page.text
    assert "would take you over your budget" not in page.text


def test_the_check_page_warns_before_a_booking_goes_over_without_stopping_it(world):
    client, person = world["client"], world["person"]
    give_budget(person, 30, starts_on=today() + timedelta(days=3))
    make_booking(
        world["business"],
        world["offering"],
        person,
        starts_in=timedelta(days=4),
        status=BookingStatus.ACCEPTED,
    )
    page = check_page(client, world["offering"])
    assert page.status_code == 200
    assert "This booking would take you over your budget for" in page.text
    assert "by £10. You can still send the request." in page.text
    assert "Over by £10" in page.text
    assert "Send request" in page.text


def test_a_weekly_series_is_counted_against_each_week_it_falls_in(world):
    give_budget(world["person"], 30, starts_on=today() + timedelta(days=3))
    page = check_page(world["client"], world["offering"], weeks=2).text
    assert page.count("£10</td>") == 2  # £30 a week less one £20 visit, in each of the two weeks
    assert "would take you over" not in page


def test_a_request_waiting_for_an_answer_counts_towards_the_warning(world):
    give_budget(world["person"], 30, starts_on=today() + timedelta(days=3))
    make_booking(
        world["business"], world["offering"], world["person"], starts_in=timedelta(days=4)
    )  # REQUESTED
    page = check_page(world["client"], world["offering"]).text
    assert "counts the requests you are still waiting to hear about" in page
    assert "by £10. You can still send the request." in page


def test_someone_paying_for_themselves_books_with_no_budget_shown(world):
    page = check_page(world["client"], world["offering"])
    assert page.status_code == 200
    assert "Your budget" not in page.text and "Send request" in page.text


def test_the_database_keeps_one_current_budget_per_account(world):
    person = world["person"]
    give_budget(person, 100)
    give_budget(person, 120)
    db.session.add(Budget(user_id=person.id, amount_pence=5000, period=BudgetPeriod.WEEK, starts_on=today()))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert [b.amount_pence for b in budgets.budget_history(db.session, person.id)] == [10000]


def test_a_budget_form_without_its_csrf_token_is_refused(world, app):
    app.config["WTF_CSRF_ENABLED"] = True  # after signing in, so only the budget form lacks a token
    try:
        response = world["client"].post("/budget/change", data=form_data())
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count(Budget.id))) == 0
