"""Every state-changing form of the site, sent ten times at once with one key, acts once.

Each case (tests/idempotency/form_cases.py) renders its form once as its proper user, then posts the
same data (CSRF token and idempotency key included) from ten threads sharing the session cookie, as a
tenfold click would. Exactly one request acts: one key kept, every table grows by what one sending adds
(audit, notification and outbox rows included), and every answer is the first result or its replay,
never a 500. Then "back and submit again": the same data sent later gets the first result, adds nothing.
The cases share one world (emptying the tables per case costs seconds on PostgreSQL).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from flask import Flask
from sqlalchemy import func, select

from incubator.extensions import db, limiter
from incubator.idempotency.models import IdempotencyKey
from tests.accounts.test_sessions import forge_session
from tests.conftest import IsolatedClient, empty_tables, make_world
from tests.idempotency.form_cases import CASES, EFFECTS, EXCLUDED
from tests.idempotency.test_idempotency import at_once


class FormFields(HTMLParser):
    """The POST forms of a page as a browser would send them: action and field values."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.open: tuple[dict, str] | None = None  # a select or textarea being read

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (a.get("method") or "get").lower(), "action": a.get("action"),
                               "data": {}})  # fmt: skip
        elif not self.forms:
            return
        data = self.forms[-1]["data"]
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a or (a.get("type") == "radio" and name not in data):
                    if a.get("type") == "radio" and "checked" in a:
                        data.pop(name, None)
                    data.setdefault(name, []).append(a.get("value") or "y")
            else:
                data.setdefault(name, []).append(a.get("value") or "")
        elif tag in ("select", "textarea") and name:
            self.open = ({"tag": tag, "name": name, "value": None, "text": "", "multiple": "multiple" in a,
                          "selected": []}, name)  # fmt: skip
        elif tag == "option" and self.open:
            entry = self.open[0]
            if entry["value"] is None or "selected" in a:
                entry["value"] = a.get("value") or ""
            if "selected" in a:
                entry["selected"].append(a.get("value") or "")

    def handle_data(self, text: str) -> None:
        if self.open and self.open[0]["tag"] == "textarea":
            self.open[0]["text"] += text

    def handle_endtag(self, tag: str) -> None:
        if self.open and tag == self.open[0]["tag"]:
            entry = self.open[0]
            if entry["multiple"]:  # a browser sends only the options selected
                values = entry["selected"]
            else:
                values = [entry["text"].removeprefix("\n") if tag == "textarea" else entry["value"] or ""]
            if values:
                self.forms[-1]["data"].setdefault(entry["name"], []).extend(values)
            self.open = None


def form_data(html: str, page: str, action: str) -> dict:
    """The data of the POST form on `html` that posts to `action`, as rendered."""
    parser = FormFields()
    parser.feed(html)
    found = [
        f for f in parser.forms if f["method"] == "post" and (f["action"] or page).split("?")[0] == action
    ]
    assert found, f"no form posting to {action} on {page}"
    return {name: values for name, values in found[0]["data"].items()}


def table_counts(app: Flask) -> dict[str, int]:
    """Rows in every table (the keys' own table left out), read in one query."""
    sa = app.extensions["sqlalchemy"]
    tables = [t for t in sa.metadata.sorted_tables if t.name != IdempotencyKey.__tablename__]
    query = select(*(select(func.count()).select_from(t).scalar_subquery().label(t.name) for t in tables))
    sa.session.rollback()  # a fresh look at what the requests committed
    counts = dict(sa.session.execute(query).one()._mapping)
    sa.session.rollback()
    return counts


def grown(before: dict, after: dict) -> dict:
    return {name: after[name] - before[name] for name in after if after[name] != before[name]}


def why(answers: list) -> list[str]:
    """The errors and messages the first answer showed (for a failing case's message)."""
    first = next((a for a in answers if hasattr(a, "get_data")), None)
    text = first.get_data(as_text=True) if first is not None else ""
    return re.findall(r"(?:invalid-feedback|alert)[^>]*>([^<]{1,200})", text)[:5]


def url_of(template: str, ids: dict) -> str:
    return template.format(**ids)


def keys_kept() -> int:
    return db.session.scalar(select(func.count()).select_from(IdempotencyKey))


@pytest.fixture(scope="module")
def world(app: Flask) -> dict:
    """One world for every case (each case's setup makes the records it changes), emptied after."""
    with app.app_context():
        yield make_world(db)
        db.session.remove()
        empty_tables()


@pytest.fixture
def client(app: Flask, world: dict) -> IsolatedClient:
    """A browser-like client preferring English, under fresh rate limits."""
    limiter.reset()
    app.test_client_class = IsolatedClient
    browser = app.test_client()
    browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return browser


@pytest.mark.parametrize("case", CASES, ids=[c.endpoint for c in CASES])
def test_a_form_sent_ten_times_at_once_acts_once(app, client, world, case):
    ids = {**world["ids"], "user": world["users"][case.role], **(case.setup(world) if case.setup else {})}
    user = ids.pop("user")
    if user is not None:
        forge_session(client, user.session_token)  # logged in, as the login form leaves it (tested there)
    ids = {
        "email": world["users"][case.role].email,
        **{f"{r}_id": u.id for r, u in world["users"].items()},
        **ids,
    }
    page, action = url_of(case.page, ids), url_of(case.action or case.page, ids)
    html = client.get(page).get_data(as_text=True)
    data = form_data(html, page, action)
    for name, value in case.data.items():  # a prefixed form's field is `prefix-name`
        data[next((n for n in data if n.endswith(f"-{name}")), name)] = value.format(**ids)
    headers = {"Referer": f"http://localhost{page}"}
    before, keys_before = table_counts(app), keys_kept()
    answers = at_once(app, client, lambda copy: copy.post(action, data=data, headers=headers))
    codes = [getattr(a, "status_code", a) for a in answers]
    assert all(code in (200, 302, 303) for code in codes), codes
    assert keys_kept() - keys_before == 1, (codes, why(answers))
    after = table_counts(app)
    assert grown(before, after) == EFFECTS[case.endpoint], (codes, why([client.get(answers[0].location)]))
    limiter.reset()  # the copies count towards the limits of the sensitive forms: a later try is allowed
    again = client.post(action, data=data, headers=headers)  # back, and submit again
    firsts = {a.location for a in answers if a.status_code in (302, 303)}
    assert again.status_code == 302 and again.location in firsts | {page}, (again.location, firsts)
    assert table_counts(app) == after


def test_every_post_route_is_covered_or_excluded_with_a_reason(app):
    posted = {r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods}
    assert posted - EXCLUDED.keys() == {c.endpoint for c in CASES}
