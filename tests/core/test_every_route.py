"""Every route, for every role, with hostile input (huge ids, NUL bytes, CRLF, inf/nan): never a 500,
and nothing stored with a NUL."""

from __future__ import annotations

import math
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from flask import Flask
from sqlalchemy import func, select

from incubator.accounts.models import ROLES
from tests.conftest import TEST_PASSWORD, submit

HUGE_IDS = ("2147483648", "99999999999999999999999")
NUMBERS = ("inf", "-inf", "nan", "1e309", "99999999999999999999")
CRLF = "/\r\nX-Injected: 1"
TEXT_TYPES = {"text", "email", "search", "password", "url", "number", "textarea", "tel", "date", "time"}
NUL_TEXT = "Bình\x00Dương"


class Forms(HTMLParser):
    """The forms of a page: method, action and fields (name, type, value, first option)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.select: dict | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"method": (a.get("method") or "get").lower(), "action": a.get("action"), "fields": []}
            )
        elif self.forms and tag in ("input", "textarea", "select") and a.get("name"):
            kind = "textarea" if tag == "textarea" else tag if tag == "select" else (a.get("type") or "text")
            field = {"name": a["name"], "type": kind, "value": a.get("value") or ""}
            self.forms[-1]["fields"].append(field)
            self.select = field if tag == "select" else None
        elif tag == "option" and self.select is not None and "option" not in self.select:
            self.select["option"] = a.get("value") or ""


def page_forms(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


def fill(form: dict, text: str) -> dict:
    """Form data with `text` in every field a person types into; the rest as the page offers it."""
    data: dict[str, list[str]] = {}
    for field in form["fields"]:
        if field["type"] in TEXT_TYPES:
            value = text
        elif field["type"] == "select":
            value = field.get("option", "")
        elif field["type"] == "submit":
            continue
        else:
            value = field["value"]
        data.setdefault(field["name"], []).append(value)
    return data


def routes(app: Flask) -> list:
    """Every rule except static files, logout last (it ends the session the walk uses)."""
    rules = [r for r in app.url_map.iter_rules() if not r.endpoint.endswith("static")]
    return sorted(rules, key=lambda r: (r.endpoint == "accounts.logout", r.rule))


class Walk:
    """Requests made for one role, and every answer that was a 500 or an exception."""

    def __init__(self, client) -> None:  # noqa: ANN001
        self.client, self.failures = client, []

    def send(self, method: str, url: str, data: dict | None = None, expect: int | None = None):  # noqa: ANN201
        try:
            response = self.client.open(url, method=method, data=data)
        except Exception as error:  # noqa: BLE001 (collected: the test lists every crash at once)
            self.failures.append((method, url, repr(error)[:300]))
            return None
        if response.status_code >= 500 or (expect and response.status_code != expect):
            self.failures.append((method, url, response.status_code))
        return response

    def forms(self, url: str) -> None:
        """GET `url`; submit each of its forms with NUL text, then with each impossible number."""
        page = self.send("GET", url)
        if page is None or page.status_code != 200 or page.mimetype != "text/html":
            return
        for form in page_forms(page.get_data(as_text=True)):
            action = form["action"] or url
            if action.startswith("/logout"):
                continue  # walked last, as its own route
            nul = fill(form, NUL_TEXT) | {"note": NUL_TEXT}  # a NUL even in a form with nothing to type
            if form["method"] == "get":
                self.send("GET", f"{action}?{urlencode(nul, doseq=True)}", expect=400)
                for number in NUMBERS:
                    self.send("GET", f"{action}?{urlencode(fill(form, number), doseq=True)}")
                continue
            self.send("POST", action, nul)  # refused as a field error, or 400: never stored (checked after)
            for number in NUMBERS:
                self.send("POST", action, fill(form, number))


def build_url(rule: str, values: dict) -> str:
    """The URL of `rule` with each `<int:name>` replaced by `values[name]`."""
    for name, value in values.items():
        rule = rule.replace(f"<int:{name}>", str(value))
    return rule


@pytest.mark.parametrize("role", [None, *ROLES])
def test_no_route_gives_a_500_to_any_role_for_hostile_input(app, client, world, role):
    if role:
        user = world["users"][role]
        assert submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    walk = Walk(client)
    hostile_query = urlencode({"next": CRLF, "page": HUGE_IDS[1], "kind": "zzz", "organization": HUGE_IDS[0]})
    for rule in routes(app):
        names = list(rule.arguments)
        for huge in HUGE_IDS:
            url = build_url(rule.rule, dict.fromkeys(names, huge))
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                walk.send(method, url, expect=404 if names else None)
        url = build_url(rule.rule, {name: known_id(app, world, name) for name in names})
        if "GET" in rule.methods:
            walk.send("GET", f"{url}?{hostile_query}")
            walk.send("GET", f"{url}?q=a%00b", expect=400)
            walk.forms(url)
    assert walk.failures == []
    assert stored_hostile_values(app) == []


def known_id(app: Flask, world: dict, name: str) -> int:
    """The world's record for `name` ("lab_id"), else the first row of its table ("labs"), else 1."""
    if name in world["ids"]:
        return world["ids"][name]
    tables = app.extensions["sqlalchemy"].metadata.tables
    stem = name.removesuffix("_id")
    table = tables.get(f"{stem}s", tables.get(f"{stem}es"))
    if table is None:
        return 1
    first = app.extensions["sqlalchemy"].session.scalar(select(func.min(table.c.id)))
    return first or 1


def stored_hostile_values(app: Flask) -> list:
    """Text holding a NUL (or what was typed around one), or numbers that are not finite, anywhere in the
    database."""
    found = []
    session = app.extensions["sqlalchemy"].session
    for table in app.extensions["sqlalchemy"].metadata.sorted_tables:
        for row in session.execute(select(table)).mappings():
            for column, value in row.items():
                typed = NUL_TEXT.replace("\x00", "")
                bad_text = isinstance(value, str) and ("\x00" in value or typed in value)
                bad_number = isinstance(value, float) and not math.isfinite(value)
                if bad_text or bad_number:
                    found.append((table.name, column, value))
    return found
