"""Screenshots of issue 27's pages on a running demo site, for before/after comparisons.

    python docs/screenshots/shoot.py http://127.0.0.1:5077 docs/screenshots/issue27 after

Logs in as the demo accounts (password `demo-password`), finds each page from its list page and
saves `<tag>-<name>-<width>.jpg` (full page, JPEG) in the output folder."""

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PASSWORD = "demo-password"  # noqa: S105 (the documented demo password)
# (name, account or None, locale, list page, link pattern to follow or None, widths)
PAGES = [
    (
        "review-application",
        "staff@demo.test",
        "vi",
        "/review/applications",
        r"/review/applications/\d+$",
        (1280,),
    ),
    (
        "review-scoring",
        "staff@demo.test",
        "vi",
        "/review/assignments",
        r"/review/applications/\d+",
        (1280, 390),
    ),
    ("program-apply", "founder@demo.test", "vi", "/programs/", r"/programs/\d+$", (1280, 390)),
    ("programs-manage", "staff@demo.test", "vi", "/programs/manage", r"/programs/\d+/edit$", (1280,)),
    ("mentor-directory", "founder@demo.test", "vi", "/mentors/", None, (1280, 390)),
    (
        "mentorship",
        "founder@demo.test",
        "vi",
        "/mentors/mentorships",
        r"/mentors/mentorships/\d+$",
        (1280, 390),
    ),
    ("mentor-home", "mentor@demo.test", "vi", "/", None, (1280,)),
    ("notifications", "founder@demo.test", "vi", "/notifications/", None, (1280, 390)),
    ("lab-en", "founder@demo.test", "en", "/labs/", r"/labs/\d+$", (1280, 390)),
    ("lab-vi", "founder@demo.test", "vi", "/labs/", r"/labs/\d+$", (1280,)),
    ("partnerships", "enterprise@demo.test", "vi", "/partnerships/", None, (1280,)),
    ("suggestions", "staff@demo.test", "vi", "/matching/suggestions", None, (1280,)),
    ("dashboard", "government@demo.test", "vi", "/dashboard/", None, (1280, 390)),
    ("open-data", None, "vi", "/open-data/", None, (1280, 390)),
]


def log_in(page, base: str, email: str) -> None:  # noqa: ANN001
    """Log in through the form, whatever the interface language."""
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state("networkidle")


def use_language(page, base: str, locale: str) -> None:  # noqa: ANN001
    """Choose the interface language with the navigation bar's switch (stored for a logged-in user)."""
    page.goto(f"{base}/")
    page.evaluate(
        """(locale) => { const form = document.querySelector('form.js-language');
        form.querySelector('select').value = locale; form.submit(); }""",
        locale,
    )
    page.wait_for_load_state("networkidle")


def main(base: str, out: Path, tag: str) -> None:
    """Shoot every page of PAGES at each of its widths, logging in once per account."""
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        pages = {}
        for name, account, locale, path, pattern, widths in PAGES:
            if account not in pages:
                pages[account] = browser.new_context(extra_http_headers={"Accept-Language": "vi"}).new_page()
                if account:
                    log_in(pages[account], base, account)
            page = pages[account]
            use_language(page, base, locale)
            page.goto(base + path)
            if pattern:
                hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
                found = [h for h in hrefs if re.search(pattern, h.split("?")[0])]
                if not found:
                    print(f"{name}: no link like {pattern} on {path}")
                    continue
                page.goto(base + found[0] if found[0].startswith("/") else found[0])
            for width in widths:
                page.set_viewport_size({"width": width, "height": 900})
                page.wait_for_timeout(300)
                file = out / f"{tag}-{name}-{width}.jpg"
                page.screenshot(path=str(file), full_page=True, type="jpeg", quality=55)
                print(file, page.url)
        for page in pages.values():
            use_language(page, base, "vi")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), Path(sys.argv[2]), sys.argv[3])
