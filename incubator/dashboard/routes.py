"""The ecosystem dashboard (staff; read-only for government) and the open data under /open-data/."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, render_template, request, session, url_for

from incubator.dashboard import contract, network
from incubator.dashboard.aggregates import remembered
from incubator.dashboard.charts import CHARTS, chart_data
from incubator.dashboard.datasets import DATASETS, rows
from incubator.errors import wants_json
from incubator.home.services import ecosystem_figures
from incubator.permissions import role_required

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")
open_data = Blueprint("open_data", __name__, url_prefix="/open-data")
CACHE_SECONDS = 300


@bp.route("/")
@role_required("government", "staff", "admin")
def index():
    tables = {chart.dataset: rows(chart.dataset) for chart in CHARTS}
    charts = {chart.dataset: chart_data(chart, tables[chart.dataset]) for chart in CHARTS}  # in the locale
    return render_template(
        "dashboard/index.html",
        **remembered("ecosystem-figures", ecosystem_figures),
        charts=CHARTS,
        tables=tables,
        chart_json=charts,
        datasets=DATASETS,
        timing=rows("partnership-timing")[0],
        network=remembered("network", network.network),
    )


@open_data.route("/")
def datasets():
    """Anyone: the datasets documented in the site's layout (a page like any other: not publicly cached,
    since its menu is the reader's)."""
    return render_template("dashboard/open_data.html", datasets=DATASETS.values(), max_age=CACHE_SECONDS)


@open_data.route("/datapackage.json")
def package():
    """Anyone: the Frictionless Data Package describing every dataset (types, keys, licence)."""
    body = contract.data_package(url_for("open_data.datasets", _external=True))
    return cached(Response(json.dumps(body, ensure_ascii=False), mimetype="application/json"))


@open_data.route("/catalog.jsonld")
def catalog():
    """Anyone: the DCAT-AP catalogue (JSON-LD) that a CKAN portal harvests."""
    urls = {
        name: {
            form: url_for(f"open_data.dataset_{form}", name=name, _external=True) for form in ("csv", "json")
        }
        for name in DATASETS
    }
    body = contract.catalog(
        url_for("home.index", _external=True),
        url_for("open_data.datasets", _external=True),
        url_for("open_data.package", _external=True),
        urls,
    )
    return cached(Response(json.dumps(body, ensure_ascii=False), mimetype="application/ld+json"))


@open_data.route("/<name>.json")
def dataset_json(name: str):
    """Anyone: the dataset as a plain table (a list of row objects), its schema in the data package."""
    if name not in DATASETS:
        return unknown_dataset(name)
    body = json.dumps(contract.table(name), ensure_ascii=False)  # UTF-8: names keep their diacritics
    response = Response(body, mimetype="application/json")
    response.headers["Link"] = f'<{url_for("open_data.package")}>; rel="describedby"; type="application/json"'
    return cached(response)


@open_data.route("/<name>.csv")
def dataset_csv(name: str):
    """Anyone: the dataset as CSV (UTF-8 with a byte order mark, a header row)."""
    if name not in DATASETS:
        return unknown_dataset(name) if wants_json() else abort(404)
    response = Response(contract.csv_bytes(name), mimetype="text/csv")
    response.headers["Content-Disposition"] = f"attachment; filename={name}.csv"
    return cached(response)


def unknown_dataset(name: str) -> Response:
    """A 404 in problem details (RFC 9457) naming where the datasets are listed."""
    body = {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": f"There is no dataset named {name!r}; the data package lists them all.",
        "instance": request.path,
        "datasets": url_for("open_data.package"),
    }
    session.modified = False
    return Response(json.dumps(body), status=404, mimetype="application/problem+json")


def cached(response: Response) -> Response:
    """Public caching for pollers: a short max-age, an ETag of the body and 304 when it is unchanged."""
    session.modified = False  # a page's CSRF token must not set a cookie on a publicly cached answer
    response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.add_etag()
    return response.make_conditional(request)
