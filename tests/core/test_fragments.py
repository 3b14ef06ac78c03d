"""Fragments kept per process (the lab search form) give the HTML a fresh render would give."""

import re

import pytest
from flask import url_for

from incubator.extensions import db
from incubator.fragments import FragmentCache, fragments_of
from incubator.home.navigation import NAVIGATION
from tests.factories import LabFactory, OrganizationFactory

SEARCH_FORM = re.compile(r'<form method="get".*?</form>', re.S)


def search_form(client, **params) -> str:
    """The lab list's search form as the page shows it."""
    return SEARCH_FORM.search(client.get("/labs/", query_string=params).get_data(as_text=True)).group(0)


def forget_fragments(client) -> None:
    """Empty the app's fragment cache: the next page renders everything afresh."""
    fragments_of(client.application)._kept.clear()


def fresh_search_form(client, **params) -> str:
    """The same, rendered with nothing kept."""
    forget_fragments(client)
    return search_form(client, **params)


def test_the_cache_keeps_the_latest_renders_up_to_its_size():
    cache, renders = FragmentCache(size=2), []

    def render(text: str):  # noqa: ANN202
        return lambda: renders.append(text) or f"<p>{text}</p>"

    assert cache.get_or_render("a", render("a")) == "<p>a</p>"
    assert cache.get_or_render("a", render("again")) == "<p>a</p>"  # kept: not rendered again
    cache.get_or_render("b", render("b"))
    cache.get_or_render("a", render("a2"))  # "a" is now the most recent
    cache.get_or_render("c", render("c"))  # drops "b", the least recently used
    assert len(cache) == 2
    assert cache.get_or_render("b", render("b2")) == "<p>b2</p>"
    assert renders == ["a", "b", "c", "b2"]


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "in 3D", "kind": "fablab"}, {"q": "<script>x</script>"}, {"free_on": "not-a-date"}],
)
def test_a_kept_search_form_is_the_html_of_a_fresh_render(client, login_as, params):
    OrganizationFactory(name="Thu Dau Mot University")
    LabFactory(name="EIU FabLab")
    login_as("founder")
    fresh = fresh_search_form(client, **params)
    assert search_form(client, **params) == fresh  # the second one comes from the cache
    assert "<script>x" not in fresh


def test_what_was_asked_the_language_and_the_choices_each_give_their_own_form(client, login_as):
    LabFactory(organization=OrganizationFactory(name="Eastern International University"))
    user = login_as("founder", language="en")
    english = search_form(client, q="laser")
    assert 'value="laser"' in english
    assert 'value="cutter"' in search_form(client, q="cutter")
    assert "invalid-feedback" not in english
    assert "invalid-feedback" in search_form(client, free_on="soon")
    LabFactory(organization=OrganizationFactory(name="Thu Dau Mot University"))
    assert "Thu Dau Mot University" in search_form(client, q="laser")  # a new choice: a new key
    user.language = "vi"
    db.session.commit()
    vietnamese = search_form(client, q="laser")
    assert vietnamese == fresh_search_form(client, q="laser") and vietnamese != english


ROLE_NAV = re.compile(r'<ul class="navbar-nav me-auto" data-testid="role-nav">.*?</ul>', re.S)


def role_nav(client, path: str) -> str:
    """The role's menu as `path` shows it."""
    return ROLE_NAV.search(client.get(path).get_data(as_text=True)).group(0)


@pytest.mark.parametrize(
    "role", ["founder", "university", "enterprise", "mentor", "staff", "government", "admin"]
)
def test_each_role_sees_its_own_menu_with_the_current_page_marked(app, client, login_as, role):
    login_as(role, language="en")
    items = NAVIGATION[role]
    with app.test_request_context(headers={"Accept-Language": "en"}):
        urls = [url_for(endpoint) for endpoint, _ in items]
        labels = [str(label) for _, label in items]
    for url in urls:
        kept = role_nav(client, url)
        forget_fragments(client)
        assert role_nav(client, url) == kept  # a fresh render gives the same
        assert re.findall(r'href="([^"]+)"', kept) == urls
        assert re.findall(r'">([^<]+)</a>', kept) == labels
        assert re.findall(r'aria-current="page" href="([^"]+)"', kept) == [url]
