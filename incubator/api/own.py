"""An organisation's own records with its token: read (scope read) and publish (scope write) challenges and
capabilities through the site's own forms and services (same validation, same rules, audited as the token);
read its introductions and partnerships by the site's rules (`api.partnering`)."""

from __future__ import annotations

from flask_smorest import Blueprint, abort
from werkzeug.datastructures import MultiDict

from incubator.api import catalogue, partnering, schemas
from incubator.api.auth import current_token, token_required
from incubator.api.models import READ, WRITE
from incubator.api.partnering import NOT_FOUND
from incubator.api.public import page_body
from incubator.challenges import services
from incubator.challenges.forms import CapabilityForm, ChallengeForm, NewChallengeForm
from incubator.challenges.models import Capability, Challenge
from incubator.errors import DomainError
from incubator.extensions import db
from incubator.organizations.services import may_act_for
from incubator.partnerships.forms import AnswerForm, OutcomeForm

bp = Blueprint(
    "api_own", __name__, url_prefix="/api/v1/own", description="The token's organisation: its own records."
)
BEARER = [{"bearerAuth": []}]
PAGE = schemas.OrganizationArgs(only=("page",))


@bp.route("/token")
@token_required(READ)
@bp.doc(security=BEARER)
@bp.response(200, schemas.TokenOut)
def token() -> object:
    """The token sent: its name, scope, organisation and expiry."""
    return current_token()


@bp.route("/challenges")
@token_required(READ)
@bp.doc(security=BEARER)
@bp.arguments(PAGE, location="query")
@bp.response(200, schemas.OwnChallengePage)
def challenges(args: dict) -> dict:
    """The organisation's challenges, confidential details included."""
    return page_body(catalogue.own_challenges(current_token().organization_id, args["page"]))


@bp.route("/capabilities")
@token_required(READ)
@bp.doc(security=BEARER)
@bp.arguments(PAGE, location="query")
@bp.response(200, schemas.CapabilityPage)
def capabilities(args: dict) -> dict:
    """The organisation's research capabilities."""
    return page_body(catalogue.own_capabilities(current_token().organization_id, args["page"]))


@bp.route("/bookings")
@token_required(READ)
@bp.doc(security=BEARER)
@bp.arguments(PAGE, location="query")
@bp.response(200, schemas.BookingPage)
def bookings(args: dict) -> dict:
    """The bookings of the organisation's labs."""
    return page_body(catalogue.own_bookings(current_token().organization_id, args["page"]))


@bp.route("/introductions")
@token_required(READ)
@bp.doc(security=BEARER)
@bp.arguments(PAGE, location="query")
@bp.response(200, schemas.IntroductionPage)
def introductions(args: dict) -> dict:
    """The introductions naming the organisation's profiles, newest first.

    The token acts as the organisation's admin who made it, for this organisation alone: it lists what
    the site lists that admin for the organisation's profiles (never as platform staff, never the admin's
    own profiles elsewhere)."""
    return page_body(partnering.introduction_page(current_token(), args["page"]))


@bp.route("/introductions/<int:introduction_id>")
@token_required(READ)
@bp.doc(security=BEARER)
@bp.response(200, schemas.IntroductionOut)
def introduction(introduction_id: int) -> dict:
    """One introduction naming one of the organisation's profiles (else 404).

    Once both sides accepted, the contacts of both sides and a challenge's confidential details are given
    (`private_shown`) when the site shows them to the organisation's admins (ORG_ACTIONS
    `read_confidential`); before that, only the public profiles. `answering` names the sides the
    organisation answers for."""
    return partnering.introduction_detail(current_token(), introduction_id) or abort(404, message=NOT_FOUND)


@bp.route("/partnerships")
@token_required(READ)
@bp.doc(security=BEARER)
@bp.arguments(schemas.PartnershipArgs, location="query")
@bp.response(200, schemas.PartnershipPage)
def partnerships(args: dict) -> dict:
    """The partnerships the organisation takes part in, newest first, of `status` if given.

    The token acts as the organisation's admin who made it, for this organisation alone (never with a
    platform role's wider view)."""
    return page_body(partnering.partnership_page(current_token(), args["page"], args.get("status")))


@bp.route("/partnerships/<int:partnership_id>")
@token_required(READ)
@bp.doc(security=BEARER)
@bp.response(200, schemas.PartnershipOut)
def partnership(partnership_id: int) -> dict:
    """One of the organisation's partnerships with its outcomes (else 404).

    The contacts of both sides and a challenge's confidential details are given (`private_shown`) when
    the site shows them to the organisation's admins (ORG_ACTIONS `read_confidential`)."""
    return partnering.partnership_detail(current_token(), partnership_id) or abort(404, message=NOT_FOUND)


@bp.route("/introductions/<int:introduction_id>/answer", methods=["POST"])
@token_required(WRITE)
@bp.doc(security=BEARER)
@bp.arguments(schemas.AnswerIn)
@bp.response(200, schemas.IntroductionOut)
def answer_introduction(data: dict, introduction_id: int) -> dict:
    """Accept or decline an introduction for the organisation's side, validated as on the site.

    The site's form and service: declining needs a reason; at two yeses the contacts are revealed and a
    partnership proposed. The answer is the token's admin's, audited naming the token. 404 unless the
    organisation answers for a side of it; 409 when it answered already or the introduction was
    declined."""
    clean = validated(AnswerForm, form_input(data))
    try:
        found = partnering.answer_introduction(
            current_token(), introduction_id, clean["response"], clean["reason"] or ""
        )
    except DomainError as error:
        abort(409, message=str(error))
    return found or abort(404, message=NOT_FOUND)


@bp.route("/partnerships/<int:partnership_id>/outcomes", methods=["POST"])
@token_required(WRITE)
@bp.doc(security=BEARER)
@bp.arguments(schemas.OutcomeIn)
@bp.response(201, schemas.PartnershipOut)
def add_outcome(data: dict, partnership_id: int) -> dict:
    """Record an outcome (MoU, joint project, pilot, contract, patent) of one of the organisation's
    partnerships, validated as on the site (a date not in the future), audited naming the token."""
    clean = validated(OutcomeForm, form_input(data))
    try:
        found = partnering.add_outcome(current_token(), partnership_id, clean)
    except DomainError as error:
        abort(409, message=str(error))
    return found or abort(404, message=NOT_FOUND)


def form_input(data: dict, current: dict | None = None) -> MultiDict:
    """The JSON body as the site's form receives it (a patch laid over the record's current values)."""
    merged = {**(current or {}), **data}
    items = []
    for name, value in merged.items():
        values = value if isinstance(value, list) else [value]
        items.extend(
            (name, "" if v is None else (v.isoformat() if hasattr(v, "isoformat") else str(v)))
            for v in values
        )
    return MultiDict(items)


def validated(form_class: type, formdata: MultiDict, lab_choices: list | None = None) -> dict:
    """The form's data if the site's form accepts `formdata`, else a 422 with the form's messages."""
    form = form_class(formdata=formdata, meta={"csrf": False})
    if lab_choices is not None:
        form.related_labs.choices = lab_choices
    if not form.validate():
        messages = {name: [str(m) for m in errors] for name, errors in form.errors.items()}
        abort(422, message="The record was refused.", messages=messages)
    return form.data


def publishing_organization(kind: str, action: str) -> object:
    """The token's organisation, if it is of `kind` and its token's admin may do `action` there (else 403)."""
    token = current_token()
    if token.organization.kind != kind or not may_act_for(token.created_by, token.organization_id, action):
        abort(403, message=f"Only a {kind}'s token publishes this.")
    return token.organization


def own_record_or_404(model: type, record_id: int, may_edit: object) -> object:
    """The organisation's record #id that the token's admin may edit (the site's rule), else 404."""
    token = current_token()
    found = db.session.get(model, record_id)
    if (
        found is None
        or found.organization_id != token.organization_id
        or not may_edit(token.created_by, found)
    ):
        abort(404, message=NOT_FOUND)
    return found


def current_values(record: object, names: tuple[str, ...]) -> dict:
    return {name: getattr(record, name) for name in names}


@bp.route("/challenges", methods=["POST"])
@token_required(WRITE)
@bp.doc(security=BEARER)
@bp.arguments(schemas.ChallengeIn)
@bp.response(201, schemas.OwnChallengeOut)
def create_challenge(data: dict) -> object:
    """Post a challenge for the organisation (an enterprise), validated as on the site."""
    organization = publishing_organization("enterprise", "publish_challenges")
    clean = validated(NewChallengeForm, form_input({"status": "open", **data}))
    challenge, _queued = services.create_challenge(current_token().created_by, organization, clean)
    return challenge


@bp.route("/challenges/<int:challenge_id>", methods=["PATCH"])
@token_required(WRITE)
@bp.doc(security=BEARER)
@bp.arguments(schemas.ChallengePatch)
@bp.response(200, schemas.OwnChallengeOut)
def update_challenge(data: dict, challenge_id: int) -> object:
    """Change some fields of one of the organisation's challenges."""
    challenge = own_record_or_404(Challenge, challenge_id, services.may_edit_challenge)
    clean = validated(ChallengeForm, form_input(data, current_values(challenge, services.CHALLENGE_FIELDS)))
    services.update_challenge(challenge, clean, current_token().created_by_id)
    return challenge


@bp.route("/capabilities", methods=["POST"])
@token_required(WRITE)
@bp.doc(security=BEARER)
@bp.arguments(schemas.CapabilityIn)
@bp.response(201, schemas.CapabilityOut)
def create_capability(data: dict) -> object:
    """List a research capability of the organisation (a university), validated as on the site."""
    organization = publishing_organization("university", "publish_capabilities")
    clean = validated(CapabilityForm, form_input(data), services.lab_choices(organization.id))
    capability, _queued = services.create_capability(current_token().created_by, organization, clean)
    return capability


@bp.route("/capabilities/<int:capability_id>", methods=["PATCH"])
@token_required(WRITE)
@bp.doc(security=BEARER)
@bp.arguments(schemas.CapabilityPatch)
@bp.response(200, schemas.CapabilityOut)
def update_capability(data: dict, capability_id: int) -> object:
    """Change some fields of one of the organisation's capabilities."""
    capability = own_record_or_404(Capability, capability_id, services.may_edit_capability)
    current = {**current_values(capability, services.CAPABILITY_FIELDS),
               "related_labs": [lab.id for lab in capability.labs]}  # fmt: skip
    clean = validated(
        CapabilityForm, form_input(data, current), services.lab_choices(capability.organization_id)
    )
    services.update_capability(capability, clean, current_token().created_by_id)
    return capability
