"""A minimal browser over urllib for tests against the live server: cookies, CSRF, no redirects followed."""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request

from tests.conftest import CSRF_PATTERN, TEST_PASSWORD


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report a redirect as the response itself."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Browser:
    """One visitor of `base`: own cookies, English pages."""

    def __init__(self, base: str) -> None:
        self.base = base
        jar = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(jar, NoRedirect)

    def open(self, path: str, data: dict | None = None) -> tuple[int, str]:
        """GET (or POST `data`) `path`; return the status and body."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        url = self.base + path  # always the local live server's http:// address
        request = urllib.request.Request(url, data=body, headers={"Accept-Language": "en"})  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as response:  # noqa: S310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, path: str) -> str:
        """The CSRF token of the form on `path`."""
        return CSRF_PATTERN.search(self.open(path)[1]).group(1)

    def login(self, email: str) -> None:
        status, _body = self.open(
            "/login", {"email": email, "password": TEST_PASSWORD, "csrf_token": self.token("/login")}
        )
        assert status == 302, status
