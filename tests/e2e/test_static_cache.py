"""A real browser keeps the stylesheets and scripts: the next page asks the server for none of them."""

import pytest

RESOURCES = """() => performance.getEntriesByType('resource')
    .filter((entry) => entry.name.includes('/static/'))
    .map((entry) => ({name: entry.name, bytes: entry.transferSize}))"""


@pytest.mark.e2e
def test_the_next_page_loads_its_static_files_from_the_browser_cache(page):
    page.goto("/login")
    first = page.evaluate(RESOURCES)
    assert first and all(resource["bytes"] > 0 for resource in first), first  # fetched the first time
    page.goto("/register")
    second = page.evaluate(RESOURCES)
    assert {r["name"] for r in second} >= {r["name"] for r in first if "favicon" not in r["name"]}
    # a revalidation costs bytes too; Chromium fetches the icon through its own favicon cache
    fetched = [r for r in second if r["bytes"] > 0 and "favicon" not in r["name"]]
    assert not fetched, fetched
