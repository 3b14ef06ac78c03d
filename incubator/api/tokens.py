"""API tokens: created by an organisation's admin (the secret shown once, its hash kept), listed, revoked,
and checked on every API request (expired, revoked, or whose admin left: refused)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update

from incubator.api.models import SCOPES, WRITE, ApiToken
from incubator.audit.services import record
from incubator.database import utcnow
from incubator.extensions import db
from incubator.organizations.models import Organization
from incubator.organizations.services import may_act_for

PREFIX = "bdi_"  # recognisable in logs and secret scanners
TOUCH_EVERY = timedelta(minutes=1)  # last use is written at most this often (no write per request)


def digest(secret: str) -> str:
    """The stored form of a token's secret (SHA-256: the secret is random, so no slow hash is needed)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(
    organization: Organization, admin_user: object, name: str, scope: str, expires_at: datetime
) -> tuple[ApiToken, str]:
    """Create a token for `organization`; return it with its secret, which is never stored nor shown again."""
    if scope not in SCOPES:
        raise ValueError(scope)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        organization_id=organization.id,
        created_by_id=admin_user.id,
        name=name,
        scope=scope,
        token_hash=digest(secret),
        prefix=secret[:10],
        expires_at=expires_at,
    )
    db.session.add(token)
    db.session.flush()
    record(admin_user.id, "api_token.created", token, name=name, scope=scope, organization_id=organization.id)
    db.session.commit()
    return token, secret


def organization_tokens(organization_id: int) -> list[ApiToken]:
    """The organisation's tokens, newest first (revoked and expired ones included, marked as such)."""
    query = select(ApiToken).where(ApiToken.organization_id == organization_id)
    return list(db.session.scalars(query.order_by(ApiToken.id.desc())))


def revoke_token(token: ApiToken, actor_id: int) -> bool:
    """Revoke `token` once (a second revoke changes nothing); return whether it was live."""
    revoked = db.session.execute(
        update(ApiToken)
        .where(ApiToken.id == token.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    ).rowcount
    if revoked:
        record(actor_id, "api_token.revoked", token, name=token.name)
    db.session.commit()
    return bool(revoked)


def is_live(token: ApiToken, now: datetime | None = None) -> bool:
    """Not revoked, not expired, and its creator still an admin of the organisation."""
    now = now or utcnow()
    if token.revoked_at is not None or token.expires_at <= now:
        return False
    return may_act_for(token.created_by, token.organization_id, "manage_api_tokens")


def authenticate(secret: str) -> ApiToken | None:
    """The live token whose secret is `secret` (its last use noted), else None."""
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    if token is None or not is_live(token):
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        token.last_used_at = now
        db.session.commit()
    return token


def allows(token: ApiToken, scope: str) -> bool:
    """Whether `token` carries `scope` (write includes read)."""
    return token.scope == WRITE or scope == token.scope
