"""Every page reachable by links, as every demo role and anonymously, at desktop and phone size:
axe-core finds no serious WCAG 2.1 A/AA violation, every page has a title of its own, nothing
scrolls sideways, the navbar never wraps, the browser logs no error (nothing the CSP blocks), the
Nu HTML checker finds no error, and each language is spoken throughout (no English form message or
raw audit code in Vietnamese, also on forms sent empty; no Vietnamese chrome in English)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import update

from incubator.accounts.models import ROLES, User
from incubator.demo.seed import seed_demo, seed_demo_run
from incubator.extensions import db, limiter
from tests.e2e.audit import (
    AXE,
    VNU,
    Crawler,
    Visit,
    axe_summary,
    blocking,
    require_tool,
    run_vnu,
    vnu_summary,
)

VISITORS = ("anonymous", *ROLES)


@pytest.fixture(scope="module")
def audit(app: Flask, live_server: str, browser, tmp_path_factory) -> Iterator[tuple[list[Visit], Path]]:  # noqa: ANN001
    """The demo data crawled once by every visitor; the visits and the folder of their pages' HTML."""
    require_tool(AXE, "axe-core")
    html_dir = tmp_path_factory.mktemp("pages")
    with app.app_context():
        seed_demo()
        seed_demo_run()  # what `flask seed-demo` leaves: a finished run, its suggestions, a few decided
        db.session.execute(update(User).values(language="vi"))  # the longer language, and the default
        db.session.commit()
        visits = [
            visit for visitor in VISITORS for visit in crawl_as(browser, live_server, visitor, html_dir)
        ]
        if os.environ.get("AUDIT_REPORT"):  # every visit as JSON, for before/after figures
            Path(os.environ["AUDIT_REPORT"]).write_text(json.dumps([asdict(v) for v in visits], indent=1))
        yield visits, html_dir
        from tests.conftest import empty_tables

        db.session.remove()
        empty_tables()


def crawl_as(browser, origin: str, visitor: str, html_dir: Path) -> list[Visit]:  # noqa: ANN001
    """Log in as the demo `visitor` (unless anonymous), crawl at desktop size, then again on a phone."""
    context = browser.new_context(
        base_url=origin, locale="vi-VN", reduced_motion="reduce"
    )  # no collapse animation
    page = context.new_page()
    if visitor != "anonymous":
        limiter.reset()
        page.goto("/login")
        page.locator("main form input[type=email]").fill(f"{visitor}@demo.test")
        page.locator("main form input[type=password]").fill("demo-password")
        page.locator("main form [type=submit]").click()
        page.wait_for_selector(f"body[data-role={visitor}]")
    crawler = Crawler(page, origin, visitor, html_dir)
    urls = crawler.crawl()
    crawler.revisit(urls, "phone")
    crawler.english_pass(urls)
    context.close()
    return crawler.visits


@pytest.mark.e2e
def test_every_role_reaches_several_pages_and_every_link_opens(audit):
    visits, _ = audit
    for visitor in VISITORS:
        assert len({v.path for v in visits if v.visitor == visitor}) >= 3, visitor
    broken = [f"{v.where} → {v.status}" for v in visits if v.status >= 400]
    assert not broken, "\n".join(broken)


@pytest.mark.e2e
def test_no_page_has_a_serious_wcag_violation(audit):
    visits, _ = audit
    assert not blocking(visits), "\n" + axe_summary(visits)


@pytest.mark.e2e
def test_no_page_scrolls_sideways_and_the_navbar_never_wraps(audit):
    visits, _ = audit
    wide = [
        f"{v.where}: {v.scroll_width} > {v.client_width}" for v in visits if v.scroll_width > v.client_width
    ]
    wrapped = [f"{v.where}: {v.wrapped_nav}" for v in visits if v.wrapped_nav]
    assert not wide and not wrapped, "\n".join(wide + wrapped)


@pytest.mark.e2e
def test_every_page_has_a_title_of_its_own(audit):
    """WCAG 2.4.2: a tab, a bookmark and a screen reader name the page ("Users · site"), not the site
    alone; only the public landing page is the site itself."""
    visits, _ = audit
    untitled = [
        f"{v.where}: {v.title!r}"
        for v in visits
        if " · " not in v.title and not (v.visitor == "anonymous" and v.path == "/")
    ]
    assert not untitled, "\n".join(sorted(set(untitled)))


@pytest.mark.e2e
def test_no_page_logs_a_browser_error(audit):
    """Nothing the Content-Security-Policy blocks (an inline style or script) and no script error."""
    visits, _ = audit
    errors = [f"{v.where}: {error[:160]}" for v in visits for error in v.console_errors]
    assert not errors, "\n".join(errors[:20])


@pytest.mark.e2e
def test_every_page_is_valid_html(audit):
    require_tool(VNU, "vnu-jar")
    _, html_dir = audit
    errors = run_vnu(html_dir)
    assert not errors, (
        f"{len(errors)} Nu errors on {len(list(html_dir.glob('*.html')))} pages:\n" + vnu_summary(errors)
    )


@pytest.mark.e2e
def test_each_interface_speaks_its_own_language(audit):
    visits, _ = audit
    assert sum(v.probed_forms for v in visits) >= 3  # forms were refused, so their messages were seen
    found = [f"{v.where}: {problem}" for v in visits for problem in v.language_problems]
    assert not found, "\n".join(found[:30])
