"""Providers set when they are free; bad times are refused next to the field and nothing is written."""

from tests.accounts.conftest import field_errors
from tests.factories import make_bookable_provider
from web.extensions import db
from web.models.marketplace import WeeklyHours


def test_weekly_times_added_overlaps_and_bad_order_refused(client):
    business, _, owner = make_bookable_provider(weekly_hours=((0, "09:00", "12:00"),))
    client.post("/account/sign-in", data={"email": owner.email, "password": "correct horse battery"})
    ok = client.post(
        "/provider/availability/hours", data={"weekday": "0", "starts": "13:00", "ends": "15:00"}
    )
    assert ok.status_code == 302
    clash = client.post(
        "/provider/availability/hours", data={"weekday": "0", "starts": "11:00", "ends": "14:00"}
    )
    assert clash.status_code == 400
    assert "These times overlap times you already have on Monday" in field_errors(
        clash.get_data(as_text=True)
    )
    order = client.post(
        "/provider/availability/hours", data={"weekday": "1", "starts": "15:00", "ends": "09:00"}
    )
    assert order.status_code == 400
    assert "Finish time must be after the start time" in field_errors(order.get_data(as_text=True))
    # The page's error summary and title say so too, linking to the field.
    assert "<title>Error: " in order.text and "govuk-error-summary" in order.text
    past = client.post("/provider/availability/exceptions", data={"kind": "off", "on": "01/01/2020"})
    assert past.status_code == 400
    assert "Date must be today or in the future" in field_errors(past.get_data(as_text=True))
    rows = db.session.scalars(db.select(WeeklyHours).filter_by(business_id=business.id)).all()
    assert len(rows) == 2


def test_removing_times_takes_only_whole_number_ids_of_your_own_rows(client):
    business, _, owner = make_bookable_provider(weekly_hours=((0, "09:00", "12:00"),))
    make_bookable_provider(
        "Bryn Helpers", owner_email="bryn@example.org", weekly_hours=((1, "09:00", "12:00"),)
    )
    client.post("/account/sign-in", data={"email": owner.email, "password": "correct horse battery"})
    mine = db.session.scalars(db.select(WeeklyHours).filter_by(business_id=business.id)).one()
    theirs = db.session.scalars(db.select(WeeklyHours).where(WeeklyHours.business_id != business.id)).one()
    for kind in ("hours", "exceptions"):
        for row_id in ("²", "abc", "-1", str(theirs.id)):
            assert client.post(f"/provider/availability/{kind}/{row_id}/remove").status_code == 404
    assert db.session.get(WeeklyHours, theirs.id) is not None
    assert client.post(f"/provider/availability/hours/{mine.id}/remove").status_code == 302
    db.session.expire_all()
    assert db.session.get(WeeklyHours, mine.id) is None
