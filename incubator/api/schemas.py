"""What the API reads and writes (marshmallow): public profiles, an organisation's own records, pages."""

from __future__ import annotations

from datetime import UTC, datetime

from marshmallow import Schema, fields, validate

from incubator.api.models import SCOPES
from incubator.challenges.models import BUDGET_RANGES, CHALLENGE_STATUSES, TRL_LEVELS
from incubator.labs.models import LAB_KINDS
from incubator.organizations.models import ORGANIZATION_KINDS
from incubator.pagination import MAX_PAGE
from incubator.partnerships.models import OUTCOME_KINDS, PARTNERSHIP_STATUSES

NO_NUL = validate.Regexp(r"^[^\x00]*$", error="The text contains a NUL character.")


class UtcDateTime(fields.DateTime):
    """A stored (naive UTC) time as RFC 3339 with its offset: `2026-12-07T12:00:00+00:00`."""

    def _serialize(self, value: datetime | None, attr: str | None, obj: object, **kwargs: object) -> object:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


def Text(*, validate: object = None, **kwargs: object) -> fields.String:  # noqa: N802 (a field type)
    """A string the API takes: never a NUL (PostgreSQL cannot store it; a query holding one gets 400)."""
    validators = [NO_NUL, *([validate] if validate else [])]
    return fields.String(validate=validators, **kwargs)


class ProblemSchema(Schema):
    """RFC 9457 problem details: every error of an /api/ path."""

    type = fields.String(metadata={"description": "about:blank"})
    title = fields.String(metadata={"description": "The HTTP status phrase"})
    status = fields.Integer()
    detail = fields.String(metadata={"description": "What went wrong, for a person"})
    errors = fields.Dict(metadata={"description": "Field → messages, when the input was refused"})


class PageArgs(Schema):
    """A page of a list, and words to find (accents ignored; the glossary bridges Vietnamese and English)."""

    page = fields.Integer(load_default=1, validate=validate.Range(1, MAX_PAGE))
    q = Text(load_default="", validate=validate.Length(max=100))


class OrganizationArgs(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(1, MAX_PAGE))
    kind = Text(validate=validate.OneOf(ORGANIZATION_KINDS))
    sector = Text(validate=validate.Length(max=80))


class LabArgs(PageArgs):
    kind = Text(validate=validate.OneOf(LAB_KINDS))
    organization_id = fields.Integer(validate=validate.Range(1, 2**31 - 1))
    free_on = fields.Date(metadata={"description": "Only labs open with free time on this day"})


class ChallengeArgs(PageArgs):
    sector = Text(validate=validate.Length(max=80))
    status = Text(validate=validate.OneOf(CHALLENGE_STATUSES))


class CapabilityArgs(PageArgs):
    organization_id = fields.Integer(validate=validate.Range(1, 2**31 - 1))


class Links(Schema):
    self = fields.String()
    first = fields.String()
    last = fields.String()
    prev = fields.String(allow_none=True)
    next = fields.String(allow_none=True)


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """A page schema: `items` of `item`, the page's numbers and links to its neighbours."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item)),
            "page": fields.Integer(),
            "per_page": fields.Integer(),
            "total": fields.Integer(),
            "pages": fields.Integer(),
            "links": fields.Nested(Links),
        },
        name=name,
    )


class OrganizationOut(Schema):
    id = fields.Integer()
    name = fields.String()
    name_en = fields.String()
    kind = fields.String()
    sector = fields.String()
    city = fields.String()
    website = fields.String()
    description = fields.String()


class OrganizationRef(Schema):
    id = fields.Integer()
    name = fields.String()


class LabOut(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    description = fields.String()
    equipment = fields.List(fields.String(), attribute="equipment_items")
    opening_hours = fields.String()
    capacity = fields.Integer()
    area_m2 = fields.Float(allow_none=True)
    location = fields.String()
    bookable = fields.Boolean()
    organization = fields.Nested(OrganizationRef)


class CapabilityOut(Schema):
    id = fields.Integer()
    title = fields.String()
    description = fields.String()
    keywords = fields.String()
    team = fields.String()
    trl = fields.Integer(allow_none=True)
    organization = fields.Nested(OrganizationRef)
    related_labs = fields.List(fields.Nested(OrganizationRef), attribute="labs")  # id and name
    updated_at = UtcDateTime()


class ChallengeOut(Schema):
    id = fields.Integer()
    title = fields.String()
    description = fields.String()
    sector = fields.String()
    status = fields.String()
    deadline = fields.Date(allow_none=True)
    desired_outcome = fields.String()
    budget_range = fields.String()
    organization = fields.Nested(OrganizationRef)
    updated_at = UtcDateTime()


class OwnChallengeOut(ChallengeOut):
    confidential_details = fields.String()


class ProgramOut(Schema):
    id = fields.Integer()
    name = fields.String()
    description = fields.String()
    description_en = fields.String()
    opens_on = fields.Date()
    closes_on = fields.Date()
    seats = fields.Integer()
    organization = fields.Nested(OrganizationRef)


class BookingOut(Schema):
    id = fields.Integer()
    lab_id = fields.Integer()
    starts_at = UtcDateTime()
    ends_at = UtcDateTime()
    status = fields.String()
    purpose = fields.String()
    people = fields.Integer()


class TokenOut(Schema):
    """The token the request carries: its organisation and scope."""

    name = fields.String()
    scope = fields.String(validate=validate.OneOf(SCOPES))
    organization = fields.Nested(OrganizationRef)
    expires_at = UtcDateTime()


class ChallengeIn(Schema):
    """A challenge as the site's form takes it (the same form validates it: lengths, a past deadline)."""

    title = Text(required=True)
    description = Text(required=True)
    sector = Text(required=True)
    status = Text(validate=validate.OneOf(CHALLENGE_STATUSES))
    deadline = fields.Date(allow_none=True)
    desired_outcome = Text()
    budget_range = Text(validate=validate.OneOf(BUDGET_RANGES))
    confidential_details = Text()


class ChallengePatch(ChallengeIn):
    title = Text()
    description = Text()
    sector = Text()


class CapabilityIn(Schema):
    """A capability as the site's form takes it (the same form validates it)."""

    title = Text(required=True)
    description = Text(required=True)
    keywords = Text()
    team = Text()
    trl = fields.Integer(allow_none=True, validate=validate.OneOf(TRL_LEVELS))
    related_labs = fields.List(fields.Integer(validate=validate.Range(1, 2**31 - 1)))


class CapabilityPatch(CapabilityIn):
    title = Text()
    description = Text()


class PartnershipArgs(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(1, MAX_PAGE))
    status = Text(validate=validate.OneOf(PARTNERSHIP_STATUSES))


class ContactOut(Schema):
    name = fields.String()
    email = fields.String()


class SideRef(Schema):
    """One side of an introduction or partnership in a list: the profile it names."""

    kind = fields.String(metadata={"description": "challenge, capability, lab, mentor or startup"})
    id = fields.Integer()
    title = fields.String(metadata={"description": "Empty when the profile was removed"})


class IntroductionSideRef(SideRef):
    response = fields.String(metadata={"description": "pending, accepted or declined"})


class SideOut(SideRef):
    """One side in full: its public profile; its contacts and a challenge's confidential details only
    when the site shows them to the organisation's admins (see the endpoint)."""

    removed = fields.Boolean()
    organization = fields.Nested(OrganizationRef, allow_none=True)
    summary = fields.String(metadata={"description": "The public text of the profile"})
    contacts = fields.List(fields.Nested(ContactOut))
    confidential_details = fields.String()


class IntroductionSideOut(SideOut):
    response = fields.String(metadata={"description": "pending, accepted or declined"})
    reason = fields.String()
    answered_at = UtcDateTime(allow_none=True)


class IntroductionSummaryOut(Schema):
    id = fields.Integer()
    status = fields.String(metadata={"description": "pending, accepted (by both) or declined (by either)"})
    created_at = UtcDateTime()
    revealed_at = UtcDateTime(allow_none=True)
    source = fields.Nested(IntroductionSideRef)
    target = fields.Nested(IntroductionSideRef)


class IntroductionOut(IntroductionSummaryOut):
    message = fields.String(metadata={"description": "The staff note"})
    answering = fields.List(
        fields.String(), metadata={"description": "The sides the organisation answers for"}
    )
    private_shown = fields.Boolean(
        metadata={"description": "Whether contacts and confidential details are given"}
    )
    partnership_id = fields.Integer(allow_none=True)
    source = fields.Nested(IntroductionSideOut)
    target = fields.Nested(IntroductionSideOut)


class AnswerIn(Schema):
    """An answer to an introduction, as the site's form takes it (declining needs a reason)."""

    response = Text(required=True, validate=validate.OneOf(("accepted", "declined")))
    reason = Text()


class OutcomeIn(Schema):
    """An outcome of a partnership, as the site's form takes it (a date not in the future)."""

    kind = Text(required=True, validate=validate.OneOf(OUTCOME_KINDS))
    happened_on = fields.Date(required=True)
    note = Text()


class OutcomeOut(Schema):
    id = fields.Integer()
    kind = fields.String(validate=validate.OneOf(OUTCOME_KINDS))
    happened_on = fields.Date()
    note = fields.String()


class PartnershipSummaryOut(Schema):
    id = fields.Integer()
    title = fields.String()
    subject = fields.String(metadata={"description": "The two profiles' titles"})
    status = fields.String(validate=validate.OneOf(PARTNERSHIP_STATUSES))
    introduction_id = fields.Integer()
    started_on = fields.Date(allow_none=True)
    completed_on = fields.Date(allow_none=True)
    source = fields.Nested(SideRef)
    target = fields.Nested(SideRef)


class PartnershipOut(PartnershipSummaryOut):
    private_shown = fields.Boolean(
        metadata={"description": "Whether contacts and confidential details are given"}
    )
    outcomes = fields.List(fields.Nested(OutcomeOut))
    source = fields.Nested(SideOut)
    target = fields.Nested(SideOut)


OrganizationPage = page_of(OrganizationOut, "OrganizationPage")
LabPage = page_of(LabOut, "LabPage")
CapabilityPage = page_of(CapabilityOut, "CapabilityPage")
ChallengePage = page_of(ChallengeOut, "ChallengePage")
OwnChallengePage = page_of(OwnChallengeOut, "OwnChallengePage")
ProgramPage = page_of(ProgramOut, "ProgramPage")
BookingPage = page_of(BookingOut, "BookingPage")
IntroductionPage = page_of(IntroductionSummaryOut, "IntroductionPage")
PartnershipPage = page_of(PartnershipSummaryOut, "PartnershipPage")


class DatasetRowsArgs(Schema):
    """A page of a dataset's rows; any other query argument filters on one of its fields (equality)."""

    page = fields.Integer(load_default=1, validate=validate.Range(1, MAX_PAGE))


class DatasetFieldOut(Schema):
    name = fields.String()
    type = fields.String(metadata={"description": "A Table Schema type: string, integer, number or date"})
    description = fields.String()
    description_vi = fields.String()
    enum = fields.List(fields.String(), metadata={"description": "The allowed values (empty: any)"})


class DatasetLinks(Schema):
    csv = fields.String()
    json = fields.String()
    rows = fields.String(metadata={"description": "The rows through the API, paged and filtered"})
    datapackage = fields.String(metadata={"description": "The Frictionless Data Package of every dataset"})


class DatasetOut(Schema):
    name = fields.String()
    title = fields.String()
    title_vi = fields.String()
    description = fields.String()
    description_vi = fields.String()
    fields_ = fields.List(fields.Nested(DatasetFieldOut), data_key="fields", attribute="fields")
    primary_key = fields.List(fields.String())
    links = fields.Nested(DatasetLinks)


class DatasetList(Schema):
    items = fields.List(fields.Nested(DatasetOut))
    total = fields.Integer()


DatasetRowsPage = Schema.from_dict(
    {
        "items": fields.List(fields.Dict(keys=fields.String()), metadata={"description": "Typed rows"}),
        "page": fields.Integer(),
        "per_page": fields.Integer(),
        "total": fields.Integer(),
        "pages": fields.Integer(),
        "links": fields.Nested(Links),
    },
    name="DatasetRowsPage",
)
