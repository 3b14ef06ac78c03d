"""The problem details' `title` and `detail` in the reader's language (Vietnamese by default, English for
`en`): the status phrases, our texts for Werkzeug's default descriptions, and the API's own messages."""

from __future__ import annotations

from http import HTTPStatus

from werkzeug.exceptions import default_exceptions

from incubator.i18n import catalog_gettext
from incubator.i18n import lazy_gettext as _l

# The English msgids are the HTTP status phrases themselves: an English answer is unchanged.
TITLES = {
    400: _l("Bad Request"),
    401: _l("Unauthorized"),
    403: _l("Forbidden"),
    404: _l("Not Found"),
    405: _l("Method Not Allowed"),
    406: _l("Not Acceptable"),
    409: _l("Conflict"),
    410: _l("Gone"),
    412: _l("Precondition Failed"),
    413: _l("Request Entity Too Large"),
    415: _l("Unsupported Media Type"),
    422: _l("Unprocessable Entity"),
    428: _l("Precondition Required"),
    429: _l("Too Many Requests"),
    500: _l("Internal Server Error"),
    502: _l("Bad Gateway"),
    503: _l("Service Unavailable"),
}

# Said instead of Werkzeug's default description of the status (English only, and written for pages).
DETAILS = {
    400: _l("The request could not be understood."),
    401: _l("A valid API token is required (Authorization: Bearer …)."),
    403: _l("You may not do this."),
    404: _l("Nothing is at this address: check the path and the record's id."),
    405: _l("This method is not allowed at this address: see the Allow header."),
    406: _l("The answer cannot be given in a format the request accepts."),
    409: _l("The request conflicts with the record's current state."),
    412: _l("The record changed since it was read."),
    413: _l("The upload is too large."),
    415: _l("This content type is not accepted: send JSON."),
    422: _l("The input was refused: see errors for each field."),
    500: _l("Something went wrong on our side. Your saved data is safe; please try again."),
    503: _l("The service is busy or under maintenance: please retry shortly."),
}


def title(status: int) -> str:
    """The status phrase in the reader's language (English when no translation is kept)."""
    found = TITLES.get(status)
    return str(found) if found is not None else HTTPStatus(status).phrase


def detail(status: int, text: str) -> str:
    """`text` in the reader's language: ours for Werkzeug's default description, else its translation
    from the catalogue (an API message such as "No such record of this organisation."), else as it is."""
    werkzeug_error = default_exceptions.get(status)
    if werkzeug_error is not None and text == werkzeug_error.description and status in DETAILS:
        return str(DETAILS[status])
    return catalog_gettext(text)
