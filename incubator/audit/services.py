"""Audit rows inside the caller's transaction, the changed fields they name, and saving a profile."""

from __future__ import annotations

from flask import g, has_request_context

from incubator.audit import labels  # noqa: F401  (registers the action codes' labels for `|label`)
from incubator.audit.models import AuditEvent
from incubator.events import announce, profile_saved
from incubator.extensions import db


def record(actor_id: int | None, action: str, obj: object, **detail: object) -> AuditEvent:
    """Add an audit row for `action` on `obj` to the current session (committed by the caller); a change
    made through an API token names the token."""
    token = g.get("api_token") if has_request_context() else None
    if token is not None:
        detail = {**detail, "api_token_id": token.id, "api_token": token.name}
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


def save_and_announce(
    kind: str, profile: object, actor_id: int | None, action: str, **detail: object
) -> bool:
    """Commit a created or edited profile with its audit row, then announce it; return if all went well."""
    db.session.add(profile)
    db.session.flush()
    record(actor_id, action, profile, **detail)
    db.session.commit()
    return announce(profile_saved, kind, object_id=profile.id)
