"""Static files carry a hash of their content in their URL and are kept by browsers for a year."""

import hashlib
import os
import re
from pathlib import Path

from flask import url_for

from incubator.static_files import YEAR, file_version

STATIC_URL = re.compile(r'(?:href|src)="(/(?:bootstrap/)?static/[^"?]+)\?v=([0-9a-f]{12})"')


def static_urls(html: str) -> list[tuple[str, str]]:
    """(path, version) of every versioned static URL in a page."""
    return STATIC_URL.findall(html)


def test_every_static_url_of_a_page_names_its_files_content(app, client, login_as):
    login_as("founder")
    html = client.get("/").get_data(as_text=True)
    urls = static_urls(html)
    paths = {path for path, _ in urls}
    assert {"/static/css/app.css", "/static/js/app.js", "/bootstrap/static/css/bootstrap.min.css"} <= paths
    assert len(urls) == html.count("static/"), "a static URL without its version"
    for path, version in urls:
        with client.get(f"{path}?v={version}") as response:
            assert response.status_code == 200
            assert version == hashlib.sha256(response.get_data()).hexdigest()[:12]


def test_a_versioned_file_is_kept_a_year_and_an_unversioned_one_is_revalidated(app, client):
    with app.test_request_context():
        versioned = url_for("static", filename="css/app.css")
    with client.get(versioned) as response:
        cache = response.cache_control
        assert cache.public and cache.max_age == YEAR and cache.immutable and not cache.no_cache
    with client.get("/static/css/app.css") as response:
        assert response.status_code == 200 and response.cache_control.no_cache
        assert not response.cache_control.max_age


def test_a_missing_file_gets_no_version_and_is_not_kept(app, client):
    with app.test_request_context():
        url = url_for("static", filename="css/no-such-file.css")
    assert url == "/static/css/no-such-file.css"
    with client.get(url + "?v=0123456789ab") as response:
        assert response.status_code == 404 and response.cache_control.max_age != YEAR


def test_a_changed_file_gets_a_new_version(tmp_path: Path):
    path = tmp_path / "app.css"
    path.write_text("body { color: #222; }")
    first = file_version(str(path))
    path.write_text("body { color: #111; }")  # same size, new content
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a coarse clock must still move
    assert first and file_version(str(path)) not in (None, first)
    assert file_version(str(tmp_path / "gone.css")) is None
