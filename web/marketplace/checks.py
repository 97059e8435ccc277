"""A provider's evidence: DBS, insurance, CQC registration or exemption, training, each with an upload of
the certificate or policy, recognised by its content and kept under instance/ with a random name."""

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from web.models.marketplace import CheckKind, CheckStatus, DbsLevel, ProviderBusiness, ProviderCheck

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
UPLOAD_TOO_BIG = "The file must be smaller than 10 MB"
NOT_AN_ALLOWED_FILE = "The file must be a PDF, JPG or PNG"
CHOOSE_A_FILE = "Choose a file to upload"

# What each allowed file starts with, whatever its name says.
_SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


class CheckProblems(ValueError):
    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


@dataclass
class Upload:
    content: bytes


@dataclass
class CheckDetails:
    kind: CheckKind
    dbs_level: str | None = None
    on_update_service: bool | None = None
    reference: str | None = None
    insurer: str | None = None
    cover_pounds: int | None = None
    title: str | None = None
    reason: str | None = None
    issued_on: date | None = None
    expires_on: date | None = None


def media_type_of(content: bytes) -> tuple[str, str] | None:
    """(media type, extension) that the file's first bytes show, or None for anything not allowed."""
    for signature, media_type, extension in _SIGNATURES:
        if content.startswith(signature):
            return media_type, extension
    return None


def upload_problem(upload: Upload | None, required: bool) -> str | None:
    if upload is None or not upload.content:
        return CHOOSE_A_FILE if required else None
    if len(upload.content) > MAX_UPLOAD_BYTES:
        return UPLOAD_TOO_BIG
    if media_type_of(upload.content) is None:
        return NOT_AN_ALLOWED_FILE
    return None


def _text(value: str | None) -> str:
    return (value or "").strip()


def details_problems(details: CheckDetails, today: date) -> dict[str, str]:
    p: dict[str, str] = {}
    kind = details.kind
    reference = _text(details.reference)
    if kind in (CheckKind.DBS, CheckKind.INSURANCE, CheckKind.CQC):
        label = {
            CheckKind.DBS: "certificate number",
            CheckKind.INSURANCE: "policy number",
            CheckKind.CQC: "CQC registration number",
        }[kind]
        if not reference:
            p["reference"] = f"Enter the {label}"
        elif len(reference) > 60:
            p["reference"] = f"The {label} must be 60 characters or fewer"
    if kind is CheckKind.DBS:
        if details.dbs_level not in {level.value for level in DbsLevel}:
            p["dbs_level"] = "Select the level of the DBS check"
        elif reference and not (reference.isdigit() and len(reference) == 12):
            p["reference"] = "The certificate number is 12 digits, like 001234567890"
        if details.on_update_service is None:
            p["on_update_service"] = "Select whether the certificate is on the DBS Update Service"
    if kind is CheckKind.INSURANCE:
        if not _text(details.insurer):
            p["insurer"] = "Enter the name of the insurer"
        elif len(_text(details.insurer)) > 120:
            p["insurer"] = "The insurer's name must be 120 characters or fewer"
        if details.cover_pounds is None:
            p["cover_pounds"] = "Enter how much the policy covers, in pounds, like 5000000"
        elif not 1 <= details.cover_pounds <= 100_000_000:
            p["cover_pounds"] = "Enter a cover amount between £1 and £100,000,000"
        if details.expires_on is None:
            p["expires_on"] = "Enter the date the policy ends"
        elif details.expires_on < today:
            p["expires_on"] = "The policy has ended: the end date must be today or in the future"
    if kind is CheckKind.CQC_EXEMPTION:
        if not _text(details.reason):
            p["reason"] = "Explain why your business does not need to register with CQC"
        elif len(_text(details.reason)) > 2000:
            p["reason"] = "The reason must be 2,000 characters or fewer"
    if kind is CheckKind.TRAINING:
        if not _text(details.title):
            p["title"] = "Enter the name of the training course"
        elif len(_text(details.title)) > 200:
            p["title"] = "The course name must be 200 characters or fewer"
    if kind in (CheckKind.DBS, CheckKind.TRAINING):
        what = "certificate was issued" if kind is CheckKind.DBS else "training was completed"
        if details.issued_on is None:
            p["issued_on"] = f"Enter the date the {what}"
        elif details.issued_on > today:
            p["issued_on"] = f"The date the {what} must be today or in the past"
    return p


def evidence_dir(instance_path: Path) -> Path:
    return instance_path / "evidence"


def add_check(
    session: Session,
    business: ProviderBusiness,
    details: CheckDetails,
    upload: Upload | None,
    *,
    evidence_path: Path,
    today: date,
) -> ProviderCheck:
    """Record one piece of evidence, with its file if any (required except for a CQC exemption)."""
    problems = details_problems(details, today)
    if problem := upload_problem(upload, required=details.kind is not CheckKind.CQC_EXEMPTION):
        problems["upload"] = problem
    if problems:
        raise CheckProblems(problems)
    check = ProviderCheck(business=business, kind=details.kind, status=CheckStatus.AWAITING_CHECKS)
    if details.kind is CheckKind.DBS:
        check.dbs_level = DbsLevel(details.dbs_level)
        check.on_update_service = details.on_update_service
    if details.kind in (CheckKind.DBS, CheckKind.INSURANCE, CheckKind.CQC):
        check.reference = _text(details.reference)
    if details.kind is CheckKind.INSURANCE:
        check.insurer = _text(details.insurer)
        check.cover_pence = details.cover_pounds * 100
        check.expires_on = details.expires_on
    if details.kind is CheckKind.CQC_EXEMPTION:
        check.reason = _text(details.reason)
    if details.kind is CheckKind.TRAINING:
        check.title = _text(details.title)
    if details.kind in (CheckKind.DBS, CheckKind.TRAINING):
        check.issued_on = details.issued_on
    written: Path | None = None
    if upload is not None and upload.content:
        media_type, extension = media_type_of(upload.content)
        name = f"{secrets.token_urlsafe(24)}.{extension}"
        evidence_path.mkdir(parents=True, exist_ok=True)
        written = evidence_path / name
        written.write_bytes(upload.content)
        check.file_name, check.file_type, check.file_size = name, media_type, len(upload.content)
    session.add(check)
    try:
        session.commit()
    except Exception:
        session.rollback()
        if written is not None:
            written.unlink(missing_ok=True)
        raise
    return check


def can_see_evidence(user, check: ProviderCheck) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return user.organization_id is not None and user.organization_id == check.business.organization_id


def _long_date(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def public_summary(business: ProviderBusiness | None, today: date) -> str | None:
    """What the listing page says was checked and when, from accepted, current evidence only:
    "DBS checked 3 March 2026; insured until 1 May 2027". Never a number or a file."""
    from web.marketplace.bookable import current_checks

    if business is None:
        return None
    current = current_checks(business, today)
    parts = []
    dbs = [c for c in current if c.kind is CheckKind.DBS and c.issued_on]
    if dbs:
        parts.append(f"DBS checked {_long_date(max(c.issued_on for c in dbs))}")
    insured = [c for c in current if c.kind is CheckKind.INSURANCE and c.expires_on]
    if insured:
        parts.append(f"insured until {_long_date(max(c.expires_on for c in insured))}")
    if any(c.kind is CheckKind.CQC for c in current):
        parts.append("registered with CQC")
    if not parts:
        return None
    text = "; ".join(parts)
    return text[0].upper() + text[1:]
