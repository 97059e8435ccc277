"""Column helpers shared by every model module."""

import enum
import uuid
from datetime import UTC, datetime

from sqlalchemy import Enum, String
from sqlalchemy.orm import Mapped, mapped_column


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def uuid_pk() -> Mapped[str]:
    """ORUK identifiers are UUID strings; they are public, so they never leak row counts."""
    return mapped_column(String(36), primary_key=True, default=new_uuid)


def str_enum(enum_class: type[enum.Enum]) -> Enum:
    """Stored as the value string on every database: portable between SQLite and PostgreSQL."""
    return Enum(enum_class, native_enum=False, values_callable=lambda e: [m.value for m in e], length=32)
