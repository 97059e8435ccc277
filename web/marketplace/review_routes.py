"""Review pages: the person reviews their confirmed visit, officers approve or refuse reviews, and the
provider replies once."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from web.access import STAFF_ROLES, role_required, signed_in
from web.extensions import db
from web.marketplace import booking_lifecycle as life
from web.marketplace import bp, reviews
from web.marketplace.forms import ApproveForm, RefuseReviewForm, ReplyToReviewForm, ReviewForm, show_errors
from web.marketplace.providers import business_for
from web.models.accounts import Role
from web.models.base import utcnow


def _reviewable_booking(booking_id: str):
    user = current_user._get_current_object()
    try:
        booking = life.booking_for(db.session, user, booking_id)
    except life.NotFound:
        abort(404)
    if not reviews.may_review(user, booking):
        abort(404)
    return booking


@bp.route("/bookings/<booking_id>/review", methods=["GET", "POST"])
@signed_in
def review_booking(booking_id: str):
    booking = _reviewable_booking(booking_id)
    existing = reviews.review_of(db.session, booking)
    if existing is not None:
        return render_template("views/marketplace/reviews/reviewed.html", booking=booking, review=existing)
    form = ReviewForm()
    if form.is_submitted():
        try:
            if not form.validate():
                raise reviews.ReviewProblems({})
            reviews.write_review(
                db.session,
                current_user._get_current_object(),
                booking,
                form.stars.data,
                form.text.data,
                utcnow(),
            )
        except reviews.ReviewProblems as error:
            show_errors(form, error.problems)
        else:
            flash(
                "Thank you. Your review will show on the listing once an officer has checked it.", "success"
            )
            return redirect(url_for("marketplace.show_booking", booking_id=booking.id))
    status = 400 if form.is_submitted() else 200
    return render_template("views/marketplace/reviews/write.html", booking=booking, form=form), status


def _render_waiting(refuse_form: RefuseReviewForm, refusing: int | None = None, status: int = 200):
    return render_template(
        "views/marketplace/reviews/officer_list.html",
        reviews=reviews.waiting_reviews(db.session),
        approve_form=ApproveForm(formdata=None),
        refuse_form=refuse_form,
        refusing=refusing,
        form=refuse_form if refusing else None,
    ), status


def _waiting_or_404(review_id: int):
    try:
        return reviews.waiting_review(db.session, review_id)
    except reviews.ReviewNotFound:
        abort(404)


@bp.get("/officers/reviews")
@role_required(*STAFF_ROLES)
def list_waiting_reviews():
    return _render_waiting(RefuseReviewForm(formdata=None))


@bp.post("/officers/reviews/<int:review_id>/approve")
@role_required(*STAFF_ROLES)
def approve_review(review_id: int):
    review = _waiting_or_404(review_id)
    if not ApproveForm().validate_on_submit():
        abort(400)
    try:
        reviews.approve(db.session, review, current_user._get_current_object(), utcnow())
    except reviews.ReviewNotFound:
        abort(404)
    flash(f"The review of {review.business.trading_name} now shows on the listing.", "success")
    return redirect(url_for("marketplace.list_waiting_reviews"))


@bp.post("/officers/reviews/<int:review_id>/refuse")
@role_required(*STAFF_ROLES)
def refuse_review(review_id: int):
    review = _waiting_or_404(review_id)
    form = RefuseReviewForm()
    try:
        if not form.validate_on_submit():
            raise reviews.ReviewProblems({})
        reviews.refuse(db.session, review, current_user._get_current_object(), form.reason.data, utcnow())
    except reviews.ReviewProblems as error:
        show_errors(form, error.problems)
        return _render_waiting(form, refusing=review.id, status=400)
    except reviews.ReviewNotFound:
        abort(404)
    flash(f"The review of {review.business.trading_name} will not be shown.", "success")
    return redirect(url_for("marketplace.list_waiting_reviews"))


def _own_business():
    business = business_for(db.session, current_user)
    if business is None:
        abort(404)
    return business


def _render_provider_reviews(business, form: ReplyToReviewForm, replying: int | None = None, status=200):
    return render_template(
        "views/marketplace/reviews/provider_list.html",
        business=business,
        reviews=reviews.reviews_of_business(db.session, business),
        reply_form=form,
        replying=replying,
        form=form if replying else None,
    ), status


@bp.get("/provider/reviews")
@role_required(Role.PROVIDER)
def list_my_reviews():
    return _render_provider_reviews(_own_business(), ReplyToReviewForm(formdata=None))


@bp.post("/provider/reviews/<int:review_id>/reply")
@role_required(Role.PROVIDER)
def reply_to_review(review_id: int):
    business = _own_business()
    try:
        review = reviews.approved_review_of_business(db.session, business, review_id)
    except reviews.ReviewNotFound:
        abort(404)
    form = ReplyToReviewForm()
    try:
        if not form.validate_on_submit():
            raise reviews.ReviewProblems({})
        reviews.reply(db.session, review, form.reply.data, utcnow())
    except reviews.ReviewProblems as error:
        show_errors(form, error.problems)
        return _render_provider_reviews(business, form, replying=review.id, status=400)
    flash("Your reply now shows under the review.", "success")
    return redirect(url_for("marketplace.list_my_reviews"))
