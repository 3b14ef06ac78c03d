"""Crawl every page a visitor reaches by links, and audit each one: axe-core, layout, and its HTML."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SIZES = {"desktop": (1200, 800), "phone": (390, 844)}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
MAX_PAGES = 40  # per visitor: dedupe by path pattern keeps far fewer
SKIPPED = re.compile(r"/logout|/static/|\.(ics|csv|json)$|/status$")

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(" ")} :: ${n.failureSummary.replace(/\\s+/g, " ")}`),
  }));
}"""
LAYOUT = """() => {
  const root = document.documentElement;
  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    // A badge sits a few pixels off the text's top: only a gap of 8px or more starts a new line.
    const tops = [...range.getClientRects()].map((r) => r.top).sort((a, b) => a - b);
    return tops.filter((top, i) => i === 0 || top - tops[i - 1] >= 8).length;
  };
  const shown = [...document.querySelectorAll(".navbar-brand, .navbar .nav-link")]
    .filter((el) => el.offsetParent);
  const wrapped = shown.filter((el) => lines(el) > 1).map((el) => el.textContent.trim());
  const mids = shown.map((el) => { const r = el.getBoundingClientRect(); return r.top + r.height / 2; });
  const toggler = document.querySelector(".navbar-toggler");
  const rows = (!toggler || !toggler.offsetParent) && mids.some((mid) => Math.abs(mid - mids[0]) > 12);
  const bar = document.querySelector(".navbar > [class^=container]");
  if (rows) wrapped.push("the expanded navbar holds more than one row");
  const overflow = bar ? bar.scrollWidth - bar.clientWidth : 0;
  if (overflow > 0) wrapped.push(`the navbar overflows by ${overflow}px`);
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wrapped};
}"""


def require_tool(path: Path, what: str) -> Path:
    """`path`, or a skip (a failure in CI) naming the set-up step that installs it."""
    if path.exists():
        return path
    message = f"{what} is missing at {path}: `make test` installs it (see .ci/run for java and npm)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class Visit:
    """One page seen by one visitor at one size, with what the audits found there."""

    visitor: str
    size: str
    path: str
    status: int
    title: str = ""
    violations: list[dict] = field(default_factory=list)
    scroll_width: int = 0
    client_width: int = 0
    wrapped_nav: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)  # e.g. what the CSP blocked, a script's error

    @property
    def where(self) -> str:
        return f"{self.visitor} {self.size} {self.path}"


def pattern(url: str) -> str:
    """The page a URL shows, ignoring which record: numbers become <n>, query values are dropped."""
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/|$)", "/<n>", parts.path)
    keys = sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair})
    return path + ("?" + "&".join(keys) if keys else "")


def followable(url: str, origin: str) -> bool:
    """Same-origin GET pages worth auditing (no log-out, static files, downloads or JSON)."""
    parts = urlsplit(url)
    return url.startswith(origin) and not SKIPPED.search(parts.path)


class Crawler:
    """Follows the links of one logged-in browser context and audits each page it opens."""

    def __init__(self, page, origin: str, visitor: str, html_dir: Path) -> None:  # noqa: ANN001
        self.page, self.origin, self.visitor, self.html_dir = page, origin, visitor, html_dir
        self.axe_source = AXE.read_text(encoding="utf-8")
        self.visits: list[Visit] = []
        self.console_errors: list[str] = []
        page.on("console", lambda message: self.record_console(message))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def record_console(self, message) -> None:  # noqa: ANN001
        """Keep the browser's console errors."""
        if message.type == "error":
            self.console_errors.append(message.text)

    def crawl(self, start: str = "/") -> list[str]:
        """Open every page reachable from `start` at desktop size; return the URLs audited."""
        self.page.set_viewport_size(dict(zip(("width", "height"), SIZES["desktop"], strict=True)))
        queue, seen, opened = [self.origin + start], {pattern(self.origin + start)}, []
        while queue and len(opened) < MAX_PAGES:
            url = queue.pop(0)
            links = self.visit(url, "desktop", keep_html=True)
            if links is None:
                continue
            opened.append(url)
            for link in links:
                link = link.split("#")[0]
                if followable(link, self.origin) and pattern(link) not in seen:
                    seen.add(pattern(link))
                    queue.append(link)
        return opened

    def revisit(self, urls: list[str], size: str) -> None:
        """Audit the pages again at another size."""
        self.page.set_viewport_size(dict(zip(("width", "height"), SIZES[size], strict=True)))
        for url in urls:
            self.visit(url, size)

    def visit(self, url: str, size: str, keep_html: bool = False) -> list[str] | None:
        """Open `url`, audit it, and return its links (None when it is not an HTML page)."""
        self.console_errors.clear()
        response = self.page.goto(url)
        path = url.removeprefix(self.origin)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            return None
        visit = Visit(self.visitor, size, path, response.status, self.page.title())
        self.visits.append(visit)
        self.open_menu()
        if keep_html:
            name = re.sub(r"[^a-zA-Z0-9]+", "_", f"{self.visitor}{path}").strip("_") or "root"
            (self.html_dir / f"{name}.html").write_text(response.text(), encoding="utf-8")
        self.page.evaluate(self.axe_source)
        visit.violations = self.page.evaluate(RUN_AXE, WCAG_TAGS)
        layout = self.page.evaluate(LAYOUT)
        visit.scroll_width, visit.client_width = layout["scrollWidth"], layout["clientWidth"]
        visit.wrapped_nav = layout["wrapped"]
        visit.console_errors = list(self.console_errors)
        # getAttribute, not .href: an SVG link's href is an object (the network picture has such links).
        resolve = "els => els.map((e) => new URL(e.getAttribute('href'), document.baseURI).href)"
        return self.page.eval_on_selector_all("a[href]", resolve)

    def open_menu(self) -> None:
        """On a narrow screen, open the collapsed navbar so its items are audited too."""
        toggler = self.page.locator(".navbar-toggler")
        if toggler.count() and toggler.is_visible():
            toggler.click()
            self.page.wait_for_selector(".navbar-collapse.show")


def blocking(visits: list[Visit]) -> list[tuple[Visit, dict]]:
    """Every serious or critical axe violation, with the visit it was found on."""
    return [(v, rule) for v in visits for rule in v.violations if rule["impact"] in BLOCKING]


def axe_summary(visits: list[Visit]) -> str:
    """Violations counted by rule and impact (page visits), then the first serious ones in full."""
    found = blocking(visits)
    every = Counter(f"{rule['id']} ({rule['impact']})" for v in visits for rule in v.violations)
    lines = [f"{rule}: on {count} of {len(visits)} page visits" for rule, count in every.most_common()]
    lines += [f"  {v.where} [{r['id']}] {r['nodes'][:2]}" for v, r in found[:15]]
    return "\n".join(lines)


def run_vnu(html_dir: Path) -> list[dict]:
    """The Nu HTML checker's errors over every saved page (one Java process for all files)."""
    java = shutil.which("java") or str(require_tool(Path("/usr/bin/java"), "java (default-jre-headless)"))
    files = sorted(str(p) for p in html_dir.glob("*.html"))
    command = [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


def vnu_summary(errors: list[dict]) -> str:
    """Nu errors counted by message, with a page where each occurs."""
    by_message = Counter(e["message"] for e in errors)
    first = {}
    for e in errors:
        first.setdefault(e["message"], Path(e.get("url", "")).name)
    return "\n".join(f"{n} × {msg}  (e.g. {first[msg]})" for msg, n in by_message.most_common())
