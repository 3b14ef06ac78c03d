"""Anonymous, read-only endpoints over the public catalogues (verified organisations' records only)."""

from __future__ import annotations

from flask import request, url_for
from flask_smorest import Blueprint, abort
from marshmallow import INCLUDE

from incubator.api import catalogue, open_data, schemas
from incubator.dashboard.datasets import DATASETS
from incubator.pagination import Pagination, paginate_list

bp = Blueprint(
    "api_catalogue",
    __name__,
    url_prefix="/api/v1",
    description="Public catalogues: anonymous, read-only, ETag on every page.",
)


def page_body(found: Pagination) -> dict:
    """A page with its numbers and links (the same query string, another page)."""
    args = request.args.to_dict()

    def link(page: int | None) -> str | None:
        if page is None:
            return None
        return url_for(request.endpoint, **{**request.view_args, **args, "page": page}, _external=True)

    last = max(found.pages, 1)
    return {
        "items": found.items,
        "page": found.page,
        "per_page": found.per_page,
        "total": found.total,
        "pages": found.pages,
        "links": {
            "self": link(found.page),
            "first": link(1),
            "last": link(last),
            "prev": link(found.page - 1) if found.page > 1 else None,
            "next": link(found.page + 1) if found.page < found.pages else None,
        },
    }


@bp.route("/organizations")
@bp.arguments(schemas.OrganizationArgs, location="query")
@bp.response(200, schemas.OrganizationPage)
def organizations(args: dict) -> dict:
    """Verified organisations, filtered by kind and sector."""
    return page_body(catalogue.organizations(args["page"], args.get("kind"), args.get("sector")))


@bp.route("/labs")
@bp.arguments(schemas.LabArgs, location="query")
@bp.response(200, schemas.LabPage)
def labs(args: dict) -> dict:
    """Public labs: words in their name, description or equipment; kind; organisation; free on a day."""
    return page_body(catalogue.public_labs(**args))


@bp.route("/capabilities")
@bp.arguments(schemas.CapabilityArgs, location="query")
@bp.response(200, schemas.CapabilityPage)
def capabilities(args: dict) -> dict:
    """Public research capabilities (technology offers)."""
    return page_body(catalogue.capabilities(**args))


@bp.route("/challenges")
@bp.arguments(schemas.ChallengeArgs, location="query")
@bp.response(200, schemas.ChallengePage)
def challenges(args: dict) -> dict:
    """Public technology challenges (never their confidential details)."""
    return page_body(catalogue.challenges(**args))


@bp.route("/programs")
@bp.arguments(schemas.OrganizationArgs(only=("page",)), location="query")
@bp.response(200, schemas.ProgramPage)
def programs(args: dict) -> dict:
    """Incubation programs open for applications today."""
    return page_body(catalogue.open_programs(args["page"]))


@bp.route("/datasets")
@bp.response(200, schemas.DatasetList)
def datasets() -> dict:
    """The open datasets: titles, descriptions and fields in English and Vietnamese, and their addresses."""
    found = [open_data.described(dataset, dataset_links(dataset.name)) for dataset in DATASETS.values()]
    return {"items": found, "total": len(found)}


@bp.route("/datasets/<name>")
@bp.arguments(schemas.DatasetRowsArgs, location="query", unknown=INCLUDE)
@bp.response(200, schemas.DatasetRowsPage)
def dataset_rows(args: dict, name: str) -> dict:
    """An open dataset's rows, as /open-data/<name>.json types them, filtered by ?<field>=<value>.

    Any query argument but `page` names one of the dataset's fields and keeps the rows whose value equals
    it (an empty value: an empty cell). An unknown field, or a value its type cannot read, is a 422."""
    if name not in DATASETS:
        abort(404, message=f"There is no dataset named {name!r}; /api/v1/datasets lists them all.")
    page = args.pop("page")
    wanted, refused = open_data.wanted_values(DATASETS[name], args)
    if refused:
        abort(422, message="Filter on the dataset's own fields only.", messages={"query": refused})
    return page_body(paginate_list(open_data.matching_rows(name, wanted), page))


def dataset_links(name: str) -> dict[str, str]:
    """The addresses of dataset `name`: its CSV and JSON, its rows through the API, the data package."""
    return {
        "csv": url_for("open_data.dataset_csv", name=name, _external=True),
        "json": url_for("open_data.dataset_json", name=name, _external=True),
        "rows": url_for("api_catalogue.dataset_rows", name=name, _external=True),
        "datapackage": url_for("open_data.package", _external=True),
    }
