"""Security headers, cookies, error pages and escaping."""

import pytest

from incubator.app import create_app


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


@pytest.fixture
def crashing_app(tmp_path):
    app = create_app(
        {
            "INCUBATOR_ENV": "testing",
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/c.db",
        }
    )

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals: password=hunter2")

    return app


def test_an_unexpected_error_shows_a_500_page_without_the_stack_trace(crashing_app):
    response = crashing_app.test_client().get("/boom", headers={"Accept-Language": "en"})
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Traceback" not in body and "hunter2" not in body and "RuntimeError" not in body
    assert "Something went wrong on our side" in body
