"""The chat page (/chat, works without JavaScript) and the JSON endpoint the chat panel uses.

The browser talks only to these views; they pass messages to the Rasa server through
web/services/assistant.py. When the assistant cannot answer, the answer is still a normal page (200)
with a friendly message, the search box and the phone number, not a 503: a reverse proxy may swap its own
error page in for a 5xx, and that page would lose the urgent help and the phone number.
"""

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import generate_csrf
from werkzeug.datastructures import MultiDict

from web.access import public
from web.chat.conversation import ChatEntry, Conversation
from web.chat.forms import MAX_MESSAGE_CHARACTERS, EmailConversationForm, MessageForm, StartAgainForm
from web.chat.rendering import linked_text, transcript_text, unavailable_lines, urgent_help_lines
from web.chat.replies import answer_message
from web.errors import handle_http_error
from web.extensions import limiter
from web.rate_limits import email_limit
from web.services import assistant
from web.services.mail import send_email

bp = Blueprint("chat", __name__, url_prefix="/chat")
bp.record_once(lambda state: assistant.init_app(state.app))
bp.add_app_template_filter(linked_text)
bp.add_app_template_global(urgent_help_lines)
bp.add_app_template_global(unavailable_lines)

# Per address, shared by the page form and the panel: plenty for a person, too few for a script.
MESSAGE_RATE_LIMIT = "20/minute"
message_limit = limiter.shared_limit(MESSAGE_RATE_LIMIT, scope="chat-messages", methods=["POST"])


@public
@bp.get("")
def show_chat():
    return _render_page(MessageForm(formdata=None))


@public
@bp.post("")
@message_limit
def send_message():
    form = MessageForm()
    if not form.validate_on_submit():
        return _render_page(form, status=400)
    answer_message(Conversation(session), form.message.data)
    return redirect(url_for("chat.show_chat", _anchor="latest"), code=303)


@public
@bp.get("/messages")
def list_messages() -> ResponseReturnValue:
    """The conversation so far for the panel, and the token its posts must carry."""
    entries = Conversation(session).entries
    return jsonify({"html": _entries_html(entries), "csrf_token": generate_csrf(), "count": len(entries)})


@public
@bp.post("/messages")
@message_limit
def post_message() -> ResponseReturnValue:
    """The panel's post: {"message": "..."} with an X-CSRFToken header; answers with the new entries."""
    body = request.get_json(silent=True)
    message = body.get("message") if isinstance(body, dict) else None
    # CSRFProtect has already checked the X-CSRFToken header; the form checks only the message.
    form = MessageForm(
        formdata=MultiDict({"message": message if isinstance(message, str) else ""}), meta={"csrf": False}
    )
    if not form.validate():
        errors = form.message.errors or ["Enter your message"]
        return jsonify({"error": errors[0], "max_characters": MAX_MESSAGE_CHARACTERS}), 400
    entries = answer_message(Conversation(session), form.message.data)
    return jsonify({"html": _entries_html(entries)})


@public
@bp.post("/email")
@email_limit
def email_conversation():
    form = EmailConversationForm()
    entries = Conversation(session).entries
    if not entries:
        return redirect(url_for("chat.show_chat"), code=303)
    if not form.validate_on_submit():
        return _render_page(MessageForm(formdata=None), email_form=form, status=400)
    council = current_app.config["COUNCIL_NAME"]
    body = (
        f"Here is your conversation with the assistant on {council}.\n\n"
        + transcript_text(entries, request.host_url)
        + f"\n\nFor help finding support, call {council} on {current_app.config['COUNCIL_PHONE']}"
        + f" ({current_app.config['COUNCIL_OPENING_HOURS']}).\n"
    )
    send_email(form.email.data, f"Your conversation with {council}", body)
    flash("We have sent the conversation. It may take a few minutes to arrive.", "success")
    return redirect(url_for("chat.show_chat"), code=303)


@public
@bp.post("/start-again")
def start_again():
    if StartAgainForm().validate_on_submit():
        Conversation(session).clear()
    return redirect(url_for("chat.show_chat"), code=303)


@bp.errorhandler(RateLimitExceeded)
def too_many_messages(error: RateLimitExceeded) -> ResponseReturnValue:
    """Still a page that helps: the wait, the phone number and, always, where to get urgent help."""
    if request.endpoint not in ("chat.send_message", "chat.post_message"):
        return handle_http_error(error)  # the email form: the site's own page, saying how long to wait
    if request.path == url_for("chat.post_message"):
        html = render_template("views/chat/_too_many.html")
        return jsonify({"error": "Too many messages", "html": html}), 429
    return render_template("views/chat/too_many.html"), 429


def _render_page(form: MessageForm, email_form: EmailConversationForm | None = None, status: int = 200):
    entries = Conversation(session).entries
    page = render_template(
        "views/chat/chat.html",
        form=email_form if email_form is not None and email_form.errors else form,
        message_form=form,
        email_form=email_form or EmailConversationForm(formdata=None),
        start_again_form=StartAgainForm(formdata=None),
        entries=entries,
        latest_person=max((index for index, entry in enumerate(entries) if entry.from_person), default=None),
    )
    return page, status


def _entries_html(entries: list[ChatEntry]) -> str:
    return render_template("views/chat/_entries.html", entries=entries, latest_person=None)
