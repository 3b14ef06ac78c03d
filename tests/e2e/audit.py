"""Crawl every page a visitor reaches by links, and audit each one: axe-core, layout, its HTML, and its
language (no English form message or raw code in the Vietnamese interface, no Vietnamese chrome in the
English one)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.messages.pofile import read_po
from wtforms.i18n import messages_path

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


PROBED_FORMS = """() => [...document.querySelectorAll("main form[method=post]")]
  .filter((f) => f.querySelector("input[id$=csrf_token]") && f.querySelector("[required]"))
  .slice(0, 1)
  .map((f) => ({action: f.action, fields: Object.fromEntries(
    [...f.querySelectorAll("input[type=hidden]")].map((i) => [i.name, i.value]))}))"""
CHROME = {"nav", "button", "label", "th", "legend", "title"}  # the interface's words, not user content
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CODE = re.compile(r"\b[a-z_]+\.[a-z_]+\b")


class PageText(HTMLParser):
    """A page's text nodes (no script or style), each marked whether it sits in the chrome (menus,
    buttons, labels, table heads, the title, or an element styled as a button)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []  # (tag, in the chrome)
        self.texts: list[tuple[str, bool]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in VOID:
            classes = (dict(attrs).get("class") or "").split()
            chrome = tag in CHROME or "btn" in classes or bool(self.open and self.open[-1][1])
            self.open.append((tag, chrome))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):  # close up to the matching tag (implied ends)
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not (self.open and self.open[-1][0] in ("script", "style")):
            self.texts.append((text, bool(self.open and self.open[-1][1])))


@cache
def english_form_messages() -> re.Pattern:
    """WTForms' own English messages, their placeholders as wildcards."""
    with open(f"{messages_path()}/wtforms.pot", "rb") as source:
        ids = [i for m in read_po(source) if m.id for i in (m.id if isinstance(m.id, tuple) else (m.id,))]
    shapes = [re.sub(r"%(\\\(\w+\\\))?[sd]", ".+?", re.escape(i)) for i in ids]
    return re.compile("|".join(f"(?:{shape})" for shape in shapes if len(shape) > 12))


@cache
def vietnamese_interface_texts() -> frozenset[str]:
    """Our catalogue's Vietnamese texts (without placeholders) that differ from their English source."""
    with (ROOT / "incubator/translations/vi/LC_MESSAGES/messages.po").open("rb") as source:
        catalogue = read_po(source)
    return frozenset(
        m.string for m in catalogue
        if isinstance(m.string, str) and m.string != m.id and "%" not in m.string and not m.string.isascii()
    )  # fmt: skip


def language_problems(html: str, language: str) -> list[str]:
    """What a page shows in the wrong language: in Vietnamese, WTForms' English messages and raw audit
    codes; in English, the Vietnamese text of an interface string in the chrome."""
    texts = PageText(html).texts
    if language == "en":
        vietnamese = vietnamese_interface_texts()
        return sorted({f"Vietnamese chrome: {t!r}" for t, chrome in texts if chrome and t in vietnamese})
    from incubator.audit.labels import ACTION_LABELS

    text = "\n".join(t for t, _chrome in texts)
    found = [f"English form message: {m.group(0)!r}" for m in english_form_messages().finditer(text)]
    return found + [f"raw code: {c}" for c in sorted(set(CODE.findall(text)) & set(ACTION_LABELS))]


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
    language_problems: list[str] = field(default_factory=list)  # see `language_problems`
    probed_forms: int = 0  # forms sent empty to see their refusal in the page's language

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
            # Chromium asks for /favicon.ico after showing a JSON or CSV document: let that finish
            # here, or its 404 would be logged during the next page's visit.
            self.page.wait_for_load_state("networkidle")
            return None
        visit = Visit(self.visitor, size, path, response.status, self.page.title())
        self.visits.append(visit)
        self.open_menu()
        if keep_html:
            name = re.sub(r"[^a-zA-Z0-9]+", "_", f"{self.visitor}{path}").strip("_") or "root"
            (self.html_dir / f"{name}.html").write_text(response.text(), encoding="utf-8")
            visit.language_problems = language_problems(response.text(), "vi")
            self.probe_forms(visit)
        self.page.evaluate(self.axe_source)
        visit.violations = self.page.evaluate(RUN_AXE, WCAG_TAGS)
        layout = self.page.evaluate(LAYOUT)
        visit.scroll_width, visit.client_width = layout["scrollWidth"], layout["clientWidth"]
        visit.wrapped_nav = layout["wrapped"]
        visit.console_errors = list(self.console_errors)
        # getAttribute, not .href: an SVG link's href is an object (the network picture has such links).
        resolve = "els => els.map((e) => new URL(e.getAttribute('href'), document.baseURI).href)"
        return self.page.eval_on_selector_all("a[href]", resolve)

    def probe_forms(self, visit: Visit) -> None:
        """Send the page's first WTForms form with a required field empty (only its hidden fields): the
        server refuses it and changes nothing; its messages must be in the page's language."""
        for form in self.page.evaluate(PROBED_FORMS):
            answer = self.page.request.post(form["action"], form=form["fields"], max_redirects=0)
            visit.probed_forms += 1
            if "text/html" in answer.headers.get("content-type", ""):
                visit.language_problems += [
                    f"{p} (form sent empty)" for p in language_problems(answer.text(), "vi")
                ]

    def english_pass(self, urls: list[str]) -> None:
        """Switch the visitor to English, fetch each page once more (no audit but its words), switch back."""
        self.switch_language("en")
        desktop = {v.path: v for v in self.visits if v.size == "desktop"}
        for url in urls:
            answer = self.page.request.get(url)
            if "text/html" in answer.headers.get("content-type", ""):
                found = language_problems(answer.text(), "en")
                desktop[url.removeprefix(self.origin)].language_problems += [
                    f"{p} (in English)" for p in found
                ]
        self.switch_language("vi")

    def switch_language(self, language: str) -> None:
        """Choose `language` in the navbar's switch, as a visitor does (at desktop size: menu open)."""
        self.page.set_viewport_size(dict(zip(("width", "height"), SIZES["desktop"], strict=True)))
        self.page.goto(self.origin + "/")
        with self.page.expect_navigation():
            self.page.select_option(".js-language select", language)

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
