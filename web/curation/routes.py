"""Officers' pages."""

from flask import Blueprint

bp = Blueprint("curation", __name__, url_prefix="/officers")


# ---- Booking disputes (booking lifecycle) ---------------------------------------------------------

from flask import abort, render_template  # noqa: E402
from flask_login import current_user  # noqa: E402

from web.access import role_required  # noqa: E402
from web.extensions import db  # noqa: E402
from web.marketplace import booking_lifecycle as life  # noqa: E402
from web.models.accounts import Role  # noqa: E402
from web.models.base import utcnow  # noqa: E402
from web.models.marketplace import Booking  # noqa: E402


@bp.get("/disputes")
@role_required(Role.OFFICER, Role.ADMIN)
def list_disputes():
    return render_template(
        "views/marketplace/bookings/disputes.html", bookings=life.disputed_bookings(db.session)
    )


@bp.get("/disputes/<booking_id>")
@role_required(Role.OFFICER, Role.ADMIN)
def show_dispute(booking_id: str):
    booking = db.session.get(Booking, booking_id)
    if booking is None:
        abort(404)
    try:
        messages = life.thread_for_officer(
            db.session, booking, current_user._get_current_object(), utcnow(), "Reviewing a disputed booking"
        )
    except life.StepRefused:
        abort(404)
    return render_template("views/marketplace/bookings/dispute.html", booking=booking, messages=messages)
