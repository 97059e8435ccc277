import pytest
from flask import Blueprint

from tests.accounts.conftest import make_fresh_app
from tests.factories import make_user
from web.access import STAFF_ROLES, role_required
from web.extensions import db
from web.models.accounts import Role

PASSWORD = "correct horse battery"

guarded = Blueprint("guarded", __name__, url_prefix="/guarded")


@guarded.get("/officers")
@role_required(Role.OFFICER)
def officers_only():
    return "officers' page"


@guarded.get("/staff")
@role_required(*STAFF_ROLES)
def staff_only():
    return "staff page"


@pytest.fixture(scope="module")
def guarded_app(app):
    guarded_app = make_fresh_app(app)
    guarded_app.register_blueprint(guarded)
    yield guarded_app
    with guarded_app.app_context():
        db.engine.dispose()


@pytest.fixture
def guarded_client(guarded_app, app_context):
    return guarded_app.test_client()


def sign_in_as(client, role: Role) -> None:
    user = make_user(email=f"{role.value}@example.org", password=PASSWORD, role=role)
    response = client.post("/account/sign-in", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_someone_not_signed_in_is_sent_to_sign_in_and_told_why(guarded_client):
    response = guarded_client.get("/guarded/officers")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/sign-in?next=%2Fguarded%2Fofficers"
    page = guarded_client.get(response.headers["Location"]).text
    assert "Sign in to see that page." in page


@pytest.mark.parametrize("role", [Role.PERSON, Role.CARER, Role.PROVIDER, Role.ADMIN])
def test_a_signed_in_person_with_another_role_gets_403(guarded_client, role):
    sign_in_as(guarded_client, role)
    response = guarded_client.get("/guarded/officers")
    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.text


def test_the_right_role_gets_the_page(guarded_client):
    sign_in_as(guarded_client, Role.OFFICER)
    assert guarded_client.get("/guarded/officers").text == "officers' page"


@pytest.mark.parametrize(("role", "status"), [(Role.OFFICER, 200), (Role.ADMIN, 200), (Role.PROVIDER, 403)])
def test_any_of_several_roles_is_let_in(guarded_client, role, status):
    sign_in_as(guarded_client, role)
    assert guarded_client.get("/guarded/staff").status_code == status


def test_guarded_views_say_which_roles_they_need():
    assert officers_only.required_roles == (Role.OFFICER,)


@pytest.mark.parametrize("roles", [(), ("officer",)])
def test_a_guard_without_real_roles_is_a_programming_error(roles):
    with pytest.raises(ValueError):
        role_required(*roles)
