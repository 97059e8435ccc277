"""Report a problem with a listing: one row for a good report, nothing for a bad one."""

import pytest
from sqlalchemy import func, select

from tests.directory.conftest import error_for, error_summary, parse, text_of
from tests.factories import make_service
from web.extensions import db
from web.models import ProblemReason, ProblemReport


def report_count() -> int:
    return db.session.scalar(select(func.count()).select_from(ProblemReport))


def test_the_form_offers_every_reason(client):
    service = make_service()
    soup = parse(client.get(f"/services/{service.id}/report"))
    labels = [text_of(label) for label in soup.select(".govuk-radios__label")]
    assert labels == [reason.label for reason in ProblemReason]


def test_a_report_is_saved_once_and_thanks_the_person(client):
    service = make_service()
    response = client.post(
        f"/services/{service.id}/report",
        data={"reason": "wrong_times", "details": "It meets on Wednesdays now.", "reply_email": ""},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert text_of(parse(response).select_one(".govuk-panel__title")) == "Thank you for your report"
    reports = db.session.scalars(select(ProblemReport)).all()
    assert len(reports) == 1
    assert reports[0].service_id == service.id
    assert reports[0].reason == ProblemReason.WRONG_TIMES
    assert reports[0].details == "It meets on Wednesdays now."
    assert reports[0].reply_email is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"details": "no reason"}, "reason", "Select what is wrong with this listing"),
        ({"reason": "made_up"}, "reason", "Not a valid choice."),
        ({"reason": "other", "details": ""}, "details", "Tell us what is wrong with this listing"),
        ({"reason": "closed", "details": "x" * 2001}, "details", "Details must be 2,000 characters or fewer"),
        (
            {"reason": "closed", "reply_email": "not-an-email"},
            "reply_email",
            "Enter an email address in the correct format, like name@example.com",
        ),
    ],
)
def test_bad_reports_show_the_problem_next_to_the_field_and_save_nothing(client, data, field, message):
    service = make_service()
    response = client.post(f"/services/{service.id}/report", data=data)
    assert response.status_code == 400
    soup = parse(response)
    assert message in error_for(soup, field)
    assert (message, f"#{field}") in error_summary(soup)
    assert soup.title.get_text().startswith("Error: ")
    assert report_count() == 0


def test_hostile_details_are_stored_as_typed_and_never_run(client):
    service = make_service()
    hostile = "<script>alert(1)</script>'; DROP TABLE service;--"
    response = client.post(
        f"/services/{service.id}/report", data={"reason": "other", "details": hostile + "\x00"}
    )
    assert response.status_code == 302
    assert db.session.scalar(select(ProblemReport.details)) == hostile
    assert client.get(f"/services/{service.id}").status_code == 200


def test_no_report_for_a_listing_that_does_not_exist(client):
    response = client.post("/services/nope/report", data={"reason": "closed"})
    assert response.status_code == 404
    assert report_count() == 0


def test_a_report_without_the_csrf_token_is_refused(csrf_app, app_context):
    service = make_service()
    response = csrf_app.test_client().post(f"/services/{service.id}/report", data={"reason": "closed"})
    assert response.status_code == 400
    assert report_count() == 0
