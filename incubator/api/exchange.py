"""The technology offers export for exchanges (techmartvietnam.vn and the like): anonymous, read-only,
the public capabilities only, in the format published as a JSON Schema next to it."""

from __future__ import annotations

from functools import cache

from flask import Flask, Response
from flask_smorest import Blueprint

from incubator.api import offers
from incubator.api.offer_schemas import TechnologyOfferArgs, TechnologyOfferExport
from incubator.localtime import today_local

SCHEMA_URL = "/api/v1/technology-offers.schema.json"

bp = Blueprint(
    "api_exchange",
    __name__,
    url_prefix="/api/v1",
    description=(
        "Technology offers for exchanges: the public research capabilities in a stable JSON format, "
        f"whose JSON Schema is at {SCHEMA_URL}."
    ),
)


@bp.route("/technology-offers")
@bp.arguments(TechnologyOfferArgs, location="query")
@bp.response(200, TechnologyOfferExport)
def technology_offers(args: dict) -> object:
    """Public research capabilities as technology offers an exchange imports (the capability filters)."""
    download = args.pop("download")
    document = offers.export(**args)
    if not download:
        return document
    name = f"technology-offers-{today_local().isoformat()}.json"
    return document, 200, {"Content-Disposition": f'attachment; filename="{name}"'}


def offers_schema() -> Response:
    """The export's JSON Schema (draft 2020-12): the contract an importer validates against (anyone)."""
    response = Response(schema_text(), mimetype="application/schema+json")
    response.cache_control.public, response.cache_control.max_age = True, 3600
    return response


@cache
def schema_text() -> bytes:
    """The JSON Schema file, read once per process."""
    return offers.SCHEMA_FILE.read_bytes()


def init_app(app: Flask) -> None:
    """Serve the export's JSON Schema (the export itself is a blueprint of the API)."""
    app.add_url_rule(SCHEMA_URL, "api_offers_schema", offers_schema)
