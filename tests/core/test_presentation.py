"""Shared presentation: translated labels for stored codes, times in Binh Duong's zone, paged lists."""

import html
import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from flask_babel import force_locale

from incubator.accounts.models import ROLES
from incubator.challenges.models import CHALLENGE_STATUSES
from incubator.labels import LABELS, label
from incubator.labs.models import LAB_KINDS
from incubator.localtime import end_of_local_day, to_local, today_local
from incubator.matching.corpus import MATCH_KINDS
from incubator.matching.models import RUN_STATUSES, SUGGESTION_STATUSES
from incubator.startups.models import STAGES
from tests.factories import (
    CapabilityFactory,
    ChallengeFactory,
    LabFactory,
    MembershipFactory,
    MentorProfileFactory,
    OrganizationFactory,
    StartupFactory,
    UserFactory,
)

CODES = {
    "role": ROLES,
    "language": ("vi", "en"),
    "stage": STAGES,
    "lab_kind": LAB_KINDS,
    "challenge_status": CHALLENGE_STATUSES,
    "run_status": RUN_STATUSES,
    "suggestion_status": SUGGESTION_STATUSES,
    "document_kind": tuple(MATCH_KINDS) + tuple({t for ts in MATCH_KINDS.values() for t in ts}),
    "match_kind": tuple(f"{s}-{t}" for s, ts in MATCH_KINDS.items() for t in ts),
}


@pytest.mark.parametrize("group", sorted(CODES))
def test_every_stored_code_has_a_label(app, group):
    assert set(CODES[group]) <= set(LABELS[group]), group


def test_labels_follow_the_readers_language(app):
    with app.test_request_context(), force_locale("vi"):
        assert label("staff", "role") == "Cán bộ Becamex"
        assert label("challenge-lab", "match_kind") == "Bài toán công nghệ → Phòng thí nghiệm"
    with app.test_request_context(), force_locale("en"):
        assert label("challenge-lab", "match_kind") == "Challenge → Lab"
        assert label(None, "role") == "—"


def test_stored_utc_moments_read_in_ho_chi_minh_time():
    assert to_local(datetime(2026, 12, 1, 21, 46)) == datetime(
        2026, 12, 2, 4, 46, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")
    )
    assert to_local(datetime(2026, 12, 1, 21, 46, tzinfo=UTC)).hour == 4


def test_a_local_deadline_ends_at_midnight_in_binh_duong():
    assert end_of_local_day(date(2026, 12, 1)) == datetime(2026, 12, 1, 16, 59, 59, 999999)


def test_today_is_the_local_date():
    assert today_local() == datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


def test_admin_users_page_shows_local_time_and_labels(client, login_as, db):
    login_as("admin")
    UserFactory(
        full_name="Trần Thị Lan",
        role="enterprise",
        language="en",
        last_login_at=datetime(2026, 12, 1, 21, 46),
    )
    page = client.get("/admin/users").get_data(as_text=True)
    row = page[page.index("Trần Thị Lan") :].split("</tr>")[0]
    assert "Enterprise representative" in row and "English" in row
    assert "4:46" in row and "21:46" not in row and ".0906" not in row


def test_a_long_list_is_paged_and_keeps_its_place(client, login_as, db):
    founder = login_as("founder")
    for n in range(25):
        StartupFactory(owner=founder, name=f"Khởi nghiệp {n:02d}")
    first = client.get("/startups/").get_data(as_text=True)
    assert first.count("Khởi nghiệp ") == 20 and 'href="/startups/?page=2"' in first
    second = client.get("/startups/?page=2").get_data(as_text=True)
    assert second.count("Khởi nghiệp ") == 5 and "Khởi nghiệp 24" in second


def mentor(name: str, expertise: str = "IoT công nghiệp") -> object:
    return MentorProfileFactory(user=UserFactory(role="mentor", full_name=name), expertise=expertise)


# list: (who reads it, its URL with the filter its page links must keep, make an item of the reader's,
#        make an item the list leaves out: another's, or one the filter excludes)
LONG_LISTS = {
    "labs": (
        "founder",
        "/labs/?kind=fablab",
        lambda name, _: LabFactory(name=name),
        lambda name: LabFactory(name=name, kind="testing"),
    ),
    "mentors": (
        "founder",
        "/mentors/?expertise=iot",
        lambda name, _: mentor(name),
        lambda name: mentor(name, "Gọi vốn"),
    ),
    "users": ("admin", "/admin/users", lambda name, _: UserFactory(full_name=name), None),
    "challenges": (
        "enterprise",
        "/challenges/",
        lambda name, owner: ChallengeFactory(author=owner, title=name),
        lambda name: ChallengeFactory(title=name),
    ),
    "capabilities": (
        "university",
        "/capabilities/",
        lambda name, owner: CapabilityFactory(owner=owner, title=name),
        lambda name: CapabilityFactory(title=name),
    ),
}


def listed(page: str) -> set[str]:
    return set(re.findall(r"Mục \d\d", page))


@pytest.mark.parametrize("name", sorted(LONG_LISTS))
def test_every_long_list_is_paged_by_the_shared_bar_and_keeps_its_filters(client, login_as, db, name):
    role, url, make, left_out = LONG_LISTS[name]
    owner = login_as(role)
    for n in range(25):
        make(f"Mục {n:02d}", owner)
    if left_out:
        left_out("Mục 99")  # must appear on neither page
    first = client.get(url).get_data(as_text=True)
    bar = first.split('data-testid="pagination"')[1].split("</nav>")[0]
    following = html.unescape(re.search(r'href="([^"]+)" rel="next"', bar).group(1))
    assert "page=2" in following and url.partition("?")[2] in following  # the filter is kept
    second = client.get(following).get_data(as_text=True)
    assert 'aria-current="page"><span class="page-link">2<' in second
    assert len(listed(first)) == 20 and len(listed(second)) == 5
    assert listed(first) | listed(second) == {f"Mục {n:02d}" for n in range(25)}


@pytest.mark.parametrize("page", ["0", "-3", "abc", "99999999999999999999999"])
def test_a_bad_page_number_reads_as_the_first_page(client, login_as, db, page):
    founder = login_as("founder")
    StartupFactory(owner=founder, name="Cảm biến")
    response = client.get(f"/startups/?page={page}")
    assert response.status_code == 200 and "Cảm biến" in response.get_data(as_text=True)


def test_the_university_home_lists_the_same_labs_as_my_labs(client, login_as, db):
    manager = login_as("university")
    own = OrganizationFactory(kind="university", name="Đại học Thủ Dầu Một")
    MembershipFactory(user=manager, organization=own)
    LabFactory(organization=own, name="FabLab TDMU")
    LabFactory(manager=manager, name="Lab 4.0 EIU")
    home = client.get("/").get_data(as_text=True)
    mine = client.get("/labs/mine").get_data(as_text=True)
    for name in ("FabLab TDMU", "Lab 4.0 EIU"):
        assert name in home and name in mine


def test_the_enterprise_home_lists_the_same_challenges_as_the_challenges_list(client, login_as, db):
    author = login_as("enterprise")
    own = OrganizationFactory(kind="enterprise", name="Công ty Điện tử Bình Dương")
    MembershipFactory(user=author, organization=own)
    ChallengeFactory(organization=own, title="Dự báo hỏng máy dập")  # a colleague's, of the user's company
    ChallengeFactory(author=author, title="Truy xuất nguồn gốc trái cây")  # written by the user elsewhere
    ChallengeFactory(title="Bài toán của công ty khác")
    home = client.get("/").get_data(as_text=True)
    mine = client.get("/challenges/").get_data(as_text=True)
    for title in ("Dự báo hỏng máy dập", "Truy xuất nguồn gốc trái cây"):
        assert title in home and title in mine
    assert "Bài toán của công ty khác" not in home and "Bài toán của công ty khác" not in mine
