"""Each role's menu (the bar and the account menu) and home page lead to its profile pages."""

import pytest

LINKS = {
    "founder": {"/startups/", "/labs/"},
    "university": {"/labs/mine", "/capabilities/"},
    "enterprise": {"/challenges/", "/labs/"},
    "mentor": {"/mentors/profile"},
    "staff": {"/labs/"},
    "admin": {"/labs/"},
    "government": set(),
}
ALL_LINKS = set().union(*LINKS.values())
HOME_BUTTONS = {
    "founder": {"home-new-startup": "/startups/new"},
    "university": {"home-new-lab": "/labs/new", "home-new-capability": "/capabilities/new"},
    "enterprise": {"home-new-challenge": "/challenges/new"},
    "mentor": {"home-edit-mentor-profile": "/mentors/profile"},
}


@pytest.mark.parametrize("role", LINKS)
def test_each_role_sees_its_profile_links(client, login_as, role):
    login_as(role)
    body = client.get("/").get_data(as_text=True)
    nav = body[body.index("<nav") : body.index("</nav>")]
    for url in ALL_LINKS:
        assert (f'href="{url}"' in nav) == (url in LINKS[role]), url


@pytest.mark.parametrize("role", LINKS)
def test_each_link_in_the_menu_opens(client, login_as, role):
    login_as(role)
    for url in LINKS[role]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", HOME_BUTTONS)
def test_each_role_home_page_offers_its_profile_buttons(client, login_as, role):
    login_as(role)
    body = client.get("/").get_data(as_text=True)
    assert 'data-testid="home-title"' in body
    for testid, url in HOME_BUTTONS[role].items():
        assert f'href="{url}" data-testid="{testid}"' in body, testid
        assert client.get(url).status_code == 200, url
