"""A list's row helpers write what the template or url_for wrote: links built once, a row's badges."""

from flask import render_template_string, url_for

from incubator.templating import IdUrls

FILTERS = {
    "status": "pending",
    "kind": "",
    "sector": "a&b c/?",
    "organization": 0,
    "min_score": None,
    "page": 2,
}


def test_id_urls_are_url_for(app):
    with app.test_request_context("/"):
        compare = IdUrls("matching.suggestion", "suggestion_id")
        decide = IdUrls("matching.decide", "suggestion_id", **FILTERS)
        for object_id in (1, 42, IdUrls.PLACEHOLDER + 1):
            assert compare(object_id) == url_for("matching.suggestion", suggestion_id=object_id)
            assert decide(object_id) == url_for("matching.decide", suggestion_id=object_id, **FILTERS)
        assert decide(7).endswith("/7/decision?status=pending&kind=&sector=a%26b+c/?&organization=0&page=2")


def test_badges_are_the_template_loop_they_replace(app):
    loop = '{% for t in terms %}<span class="badge text-bg-info me-1">{{ t }}</span>{% endfor %}'
    with app.test_request_context("/"):
        for terms in ([], ["cnc"], ["a <b>", 'x"y & z', "công nghệ ↔ technology"]):
            written = render_template_string('{{ terms|badges("text-bg-info me-1") }}', terms=terms)
            assert written == render_template_string(loop, terms=terms)
