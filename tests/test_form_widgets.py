"""Remembered search-form widgets: the same HTML as GOV.UK's own, and never another state's HTML."""

import pytest
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovTextInput,
)
from werkzeug.datastructures import MultiDict

from tests.directory.conftest import error_for, parse
from tests.factories import make_service
from web.directory.forms import SearchForm
from web.form_widgets import MAX_REMEMBERED, RememberedCheckboxesInput


@pytest.fixture
def listing(app_context):
    return make_service("Wigan Carers Cafe", categories=("peer_support", "carers_support"))


def test_the_html_is_govuk_frontends_own(app, listing):
    own = {
        "category": GovCheckboxesInput(),
        "radius": GovSelect(),
        "sort": GovRadioInput(),
        "q": GovTextInput(),
        "free": GovCheckboxInput(),
    }
    with app.test_request_context():
        formdata = MultiDict(
            [("category", "carers_support"), ("radius", "7"), ("q", "<b>carers</b>"), ("free", "y")]
        )
        form = SearchForm(formdata=formdata)
        form.load_choices()
        form.validate()
        for name, widget in own.items():
            field = getattr(form, name)
            for _ in range(2):  # rendered, then remembered
                assert field() == widget(field)


def test_the_filters_show_what_this_search_ticked_not_the_last_one(client, listing):
    ticked = parse(client.get("/search?q=carers&category=carers_support&sort=distance&location=WN1+1AA"))
    assert ticked.find("input", {"name": "category", "value": "carers_support"}).has_attr("checked")
    assert ticked.find("input", {"name": "sort", "value": "distance"}).has_attr("checked")

    plain = parse(client.get("/search?q=cafe"))
    assert plain.find("input", {"name": "q"})["value"] == "cafe"
    assert not plain.find("input", {"name": "category", "value": "carers_support"}).has_attr("checked")
    assert plain.find("input", {"name": "sort", "value": "relevance"}).has_attr("checked")


def test_an_error_is_shown_only_on_the_search_that_made_it(client, listing):
    wrong = client.get("/search?q=carers&radius=7")
    assert wrong.status_code == 400
    assert error_for(parse(wrong), "radius") == "Error: Choose a distance from the list"
    assert error_for(parse(client.get("/search?q=carers&radius=5")), "radius") == ""


def test_what_is_remembered_is_bounded(app, listing):
    widget = RememberedCheckboxesInput()
    with app.test_request_context():
        form = SearchForm(formdata=None)
        form.load_choices()
        for number in range(MAX_REMEMBERED + 20):
            widget(form.category, params={"hint": {"text": f"Hint {number}"}})
        assert len(app.extensions["rendered_widgets"][widget.template]) == MAX_REMEMBERED
