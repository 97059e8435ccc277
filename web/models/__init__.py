"""Every model, imported here so Alembic and the app see the whole schema."""

from web.models.accounts import SELF_SERVICE_ROLES, Role, User
from web.models.analytics import SearchEvent
from web.models.chat import AssistantEvent
from web.models.curation import ProblemReason, ProblemReport
from web.models.directory import (
    Accessibility,
    AccessibilityFeature,
    Address,
    AttendingType,
    Contact,
    CostOption,
    Language,
    ListingKind,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)

__all__ = [
    "SELF_SERVICE_ROLES",
    "Accessibility",
    "AccessibilityFeature",
    "Address",
    "AssistantEvent",
    "AttendingType",
    "Contact",
    "CostOption",
    "Language",
    "ListingKind",
    "Location",
    "Organization",
    "Phone",
    "ProblemReason",
    "ProblemReport",
    "Role",
    "Schedule",
    "SearchEvent",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceAttribute",
    "ServiceStatus",
    "Taxonomy",
    "TaxonomyTerm",
    "User",
]
