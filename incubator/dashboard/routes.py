"""The ecosystem dashboard (staff; read-only for government) and the open data under /open-data/."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, render_template, request, session

from incubator.csv_export import csv_of_dicts
from incubator.dashboard import network
from incubator.dashboard.aggregates import remembered
from incubator.dashboard.charts import CHARTS, chart_data
from incubator.dashboard.datasets import DATASETS, rows
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


@open_data.route("/<name>.json")
def dataset_json(name: str):
    dataset = DATASETS.get(name) or abort(404)
    fields = [{"name": f, "description": text} for f, text in dataset.fields]
    body = json.dumps({"dataset": dataset.name, "fields": fields, "rows": rows(name)}, ensure_ascii=False)
    return cached(Response(body, mimetype="application/json"))  # UTF-8: names keep their diacritics


@open_data.route("/<name>.csv")
def dataset_csv(name: str):
    dataset = DATASETS.get(name) or abort(404)
    body = csv_of_dicts([f for f, _ in dataset.fields], rows(name))
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f"attachment; filename={dataset.name}.csv"
    return cached(response)


def cached(response: Response) -> Response:
    """Public caching for pollers: a short max-age, an ETag of the body and 304 when it is unchanged."""
    session.modified = False  # a page's CSRF token must not set a cookie on a publicly cached answer
    response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.add_etag()
    return response.make_conditional(request)
