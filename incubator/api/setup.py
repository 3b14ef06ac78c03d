"""The API mounted on the app: flask-smorest's OpenAPI document, problem details, ETags, per-token limits
(refused tokens: a bucket of their own per address), no CSRF (a bearer token is no ambient credential: the
API never reads the session) and the reference page."""

from __future__ import annotations

import http

from flask import Flask, Response, current_app, request
from flask_smorest import Api
from flask_smorest.utils import prepare_response

from incubator.api import exchange, own, public, reference, token_routes
from incubator.api.auth import rate_limit_key, refused_token_key, sends_refused_token
from incubator.api.schemas import ProblemSchema
from incubator.extensions import csrf, limiter

PROBLEM_TYPE = "application/problem+json"
SETTINGS = {
    "API_TITLE": "Binh Duong Innovation API",
    "API_VERSION": "1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
        "info": {"description": "Public catalogues (anonymous) and an organisation's own records (token)."},
    },
}


class ProblemApi(Api):
    """flask-smorest whose errors are documented as problem details and answered by `incubator.errors`."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self) -> None:
        """None: the app's own handlers answer every /api/ path with problem details."""

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Problem details", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_TYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


def with_etag(response: Response) -> Response:
    """A successful read carries an ETag; a client sending it back in If-None-Match gets 304."""
    if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.direct_passthrough:
        response.add_etag()
        return response.make_conditional(request)
    return response


BLUEPRINTS = (public.bp, own.bp, exchange.bp)
for _blueprint in BLUEPRINTS:  # once per process: a blueprint is set up before any app registers it
    limiter.limit(
        lambda: current_app.config["API_RATE_LIMIT"], key_func=rate_limit_key, exempt_when=sends_refused_token
    )(_blueprint)
    limiter.shared_limit(  # one bucket per address across the whole API, for refused tokens only
        lambda: current_app.config["API_REFUSED_TOKEN_RATE_LIMIT"],
        scope="api-refused-token",
        key_func=refused_token_key,
        exempt_when=lambda: not sends_refused_token(),
    )(_blueprint)
    _blueprint.after_request(with_etag)


def init_app(app: Flask) -> Api:
    """Mount the API's blueprints, its document at /api/v1/openapi.json and its page at /api/v1/docs."""
    for key, value in SETTINGS.items():
        app.config.setdefault(key, value)
    api = ProblemApi(app)
    for blueprint in BLUEPRINTS:
        csrf.exempt(blueprint)
        api.register_blueprint(blueprint)
    app.add_url_rule("/api/v1/docs", "api_reference", reference.reference)
    exchange.init_app(app)  # the technology offers' JSON Schema
    app.register_blueprint(token_routes.bp)  # the site's page where an organisation's admins manage tokens
    app.extensions["incubator-api"] = api
    return api
