"""Security headers, cookies, error pages and escaping."""

import pytest

from tests.conftest import submit


def test_every_response_carries_the_security_headers(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_session_cookie_is_httponly_and_samesite(client, login_as):
    login_as("founder")
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax"


def test_pages_load_no_script_or_style_from_other_sites(client):
    html = client.get("/login").get_data(as_text=True)
    assert "cdn" not in html.lower() and "https://" not in html
    with client.get("/bootstrap/static/css/bootstrap.min.css") as css:
        assert css.status_code == 200


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "This page does not exist" in response.get_data(as_text=True)


def test_unknown_api_route_answers_json(client):
    response = client.get("/api/nothing", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["status"] == 404


def crashing(app):  # noqa: ANN001, ANN201
    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals: password=hunter2")

    return app


def test_an_unexpected_error_shows_a_500_page_without_the_stack_trace(own_app):
    app = crashing(own_app(TESTING=False))
    response = app.test_client().get("/boom", headers={"Accept-Language": "en"})
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Traceback" not in body and "hunter2" not in body and "RuntimeError" not in body
    assert "Something went wrong on our side" in body


def test_under_test_an_unexpected_error_reaches_the_test_with_its_traceback(own_app):
    app = crashing(own_app())
    with pytest.raises(RuntimeError, match="hunter2"):
        app.test_client().get("/boom")


STRONG_KEY = "k7Qz-9vR2xLp4Wm8Tn3Ys6Bd1Hf5Jc0Ga_Ue"
PRODUCTION = {"INCUBATOR_ENV": "production", "SECRET_KEY": STRONG_KEY, "SERVER_NAME": "match.example.vn"}


def test_production_redirects_plain_http_to_the_configured_host_never_the_requested_one(own_app):
    client = own_app(**PRODUCTION).test_client()
    response = client.get("/labs/?q=a%20b", headers={"Host": "evil.example"})
    assert response.status_code == 301
    assert response.headers["Location"] == "https://match.example.vn/labs/?q=a%20b"
    posted = client.post("/login", headers={"Host": "evil.example"})
    assert posted.status_code == 308 and posted.headers["Location"] == "https://match.example.vn/login"


def test_production_serves_https_requests_and_sends_hsts(own_app):
    client = own_app(**PRODUCTION).test_client()
    response = client.get("/login", base_url="https://match.example.vn")
    assert response.status_code == 200
    assert "max-age" in response.headers["Strict-Transport-Security"]


def test_pages_of_a_logged_in_user_are_not_stored(client, login_as):
    assert "no-store" not in client.get("/login").headers.get("Cache-Control", "")
    login_as("founder")
    for url in ("/", "/profile", "/labs/", "/no-such-page"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url
    with client.get("/static/css/app.css") as static:
        assert "no-store" not in static.headers.get("Cache-Control", "")


def bad_logins(client, address: str, count: int) -> list[int]:  # noqa: ANN001
    """Statuses of `count` failed logins (each for another account) claiming to come from `address`."""
    headers = {"X-Forwarded-For": address}
    return [
        submit(
            client, "/login", {"email": f"u{i}@example.test", "password": "wrong-pass"}, headers=headers
        ).status_code
        for i in range(count)
    ]


def test_behind_one_trusted_proxy_the_limit_counts_the_forwarded_client_address(own_app):
    client = own_app(TRUSTED_PROXIES=1).test_client()
    assert bad_logins(client, "203.0.113.7", 11)[-1] == 429
    assert bad_logins(client, "198.51.100.9", 1) == [200]


def test_without_trusted_proxies_a_forged_forwarded_header_does_not_escape_the_limit(client):
    statuses = [bad_logins(client, f"203.0.113.{i}", 1)[0] for i in range(11)]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
