"""How often one address may post the forms that send email or write, and how long a person must wait.

Every other form post has the default limit set on the limiter (web/extensions.py). A limit is checked
before the view runs, so a refused post has saved and sent nothing.
"""

from limits import RateLimitItem

from web.extensions import limiter

# The shortlist and the conversation by email share one count: either form can send mail anywhere.
SENDS_EMAIL_RATE_LIMIT = "5 per hour"
email_limit = limiter.shared_limit(SENDS_EMAIL_RATE_LIMIT, scope="sends-email", methods=["POST"])

# Enough for a person who spots several mistakes, too few to flood the officers' queue.
REPORT_PROBLEM_RATE_LIMIT = "10 per hour"

# Stripe posts its webhooks from a few addresses, in bursts after an outage: far more than a person
# posts, and still a cap on a flood of unsigned posts (each is refused before any database work).
WEBHOOK_RATE_LIMIT = "1200 per minute"

_ONE = {"second": "a second", "minute": "a minute", "hour": "an hour", "day": "a day", "month": "a month"}


def wait_text(limit: RateLimitItem) -> str:
    """How long to wait, in words: "a minute", "an hour", "10 minutes"."""
    unit = limit.GRANULARITY.name
    if limit.multiples == 1:
        return _ONE.get(unit, f"a {unit}")
    return f"{limit.multiples} {unit}s"
