"""The API's reference page at /api/v1/docs: the OpenAPI document rendered on the server (no script,
CSP-safe) with its headings, explanations and operation summaries in the reader's language."""

from __future__ import annotations

from flask import Response, current_app, make_response, render_template

from incubator.api.exchange import SCHEMA_URL
from incubator.i18n import catalog_gettext

METHODS = ("get", "post", "patch", "put", "delete")


def operations(spec: dict) -> list[dict]:
    """Every operation of the document, as the page lists it (summary translated when the catalogue can)."""
    found = []
    for path, items in spec["paths"].items():
        for method, operation in items.items():
            if method not in METHODS:
                continue
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "tag": (operation.get("tags") or [""])[0],
                    "token": bool(operation.get("security")),
                    "summary": catalog_gettext(operation.get("summary", ""))
                    if operation.get("summary")
                    else "",
                    "parameters": operation.get("parameters", []),
                    "responses": list(operation["responses"]),
                }
            )
    return found


def sections(spec: dict) -> list[dict]:
    """The operations grouped by blueprint, each group headed by its description in the reader's language."""
    listed = operations(spec)
    groups = []
    for tag in spec.get("tags", []):
        members = [operation for operation in listed if operation["tag"] == tag["name"]]
        if members:
            heading = catalog_gettext(tag["description"]) if tag.get("description") else tag["name"]
            groups.append({"id": tag["name"], "heading": heading, "operations": members})
    known = {tag["name"] for tag in spec.get("tags", [])}
    untagged = [operation for operation in listed if operation["tag"] not in known]
    if untagged:
        groups.append({"id": "other", "heading": catalog_gettext("Other operations"), "operations": untagged})
    return groups


def reference() -> Response:
    """The browsable reference (anyone): Vietnamese by default, English for `en`, as the whole site."""
    spec = current_app.extensions["incubator-api"].spec.to_dict()
    page = render_template("api/reference.html", spec=spec, sections=sections(spec), schema_url=SCHEMA_URL)
    response = make_response(page)
    response.vary.add("Accept-Language")
    return response
