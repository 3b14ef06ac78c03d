"""Recording audit events inside the caller's transaction, and the changed fields they name."""

from __future__ import annotations

from incubator.audit.models import AuditEvent
from incubator.extensions import db


def record(actor_id: int | None, action: str, obj: object, **detail: object) -> AuditEvent:
    """Add an audit row for `action` on `obj` to the current session (committed by the caller)."""
    event = AuditEvent(
        actor_id=actor_id,
        action=action,
        object_type=type(obj).__name__,
        object_id=getattr(obj, "id", None),
        detail=detail,
    )
    db.session.add(event)
    return event


def changed_fields(obj: object, data: dict, fields: tuple[str, ...]) -> list[str]:
    """Set the `fields` of `obj` that `data` changes; return their names (an update's audit detail)."""
    changed = [name for name in fields if getattr(obj, name) != data[name]]
    for name in changed:
        setattr(obj, name, data[name])
    return changed
