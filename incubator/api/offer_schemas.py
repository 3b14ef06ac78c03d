"""The technology offers export as marshmallow schemas (the OpenAPI document's view of the contract in
`technology_offers.schema.json`; a test keeps the two the same)."""

from __future__ import annotations

from marshmallow import Schema, fields

from incubator.api.schemas import CapabilityArgs, OrganizationOut, OrganizationRef, UtcDateTime


class TechnologyOfferArgs(CapabilityArgs):
    """The capability catalogue's filters, and whether to answer as a file to save."""

    download = fields.Boolean(
        load_default=False, metadata={"description": "Answer as a file (Content-Disposition: attachment)"}
    )


class OfferOrganization(OrganizationOut):
    """The organisation of an offer: the public profile without its description."""

    class Meta:
        exclude = ("description",)


class OfferContact(Schema):
    role = fields.String(allow_none=True, metadata={"description": "The contact's title, never a name"})
    via = fields.String(metadata={"description": "The platform, where an introduction is asked for"})


class TechnologyOffer(Schema):
    id = fields.String(metadata={"description": "bdi-capability-<id>, stable across exports"})
    title = fields.String()
    description = fields.String()
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields")
    trl = fields.Integer(allow_none=True, metadata={"description": "Technology readiness level 1–9"})
    team = fields.String()
    organization = fields.Nested(OfferOrganization)
    contact = fields.Nested(OfferContact)
    related_labs = fields.List(fields.Nested(OrganizationRef))  # id and name
    updated_at = UtcDateTime()


class OfferSource(Schema):
    name = fields.String()
    url = fields.String()


class OfferFilters(Schema):
    q = fields.String(allow_none=True)
    organization_id = fields.Integer(allow_none=True)


class TechnologyOfferExport(Schema):
    """The whole export: format and version, source, filters, page numbers and the offers."""

    format = fields.String()
    version = fields.String()
    source = fields.Nested(OfferSource)
    filters = fields.Nested(OfferFilters)
    total = fields.Integer()
    page = fields.Integer()
    pages = fields.Integer()
    next = fields.String(allow_none=True)
    last_updated = UtcDateTime(allow_none=True)
    offers = fields.List(fields.Nested(TechnologyOffer))
