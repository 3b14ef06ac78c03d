"""The staff queue: filters, search with or without diacritics, sorting, pages, and the CSV export."""

import csv
import io
import re

import pytest
from sqlalchemy import select

from incubator.extensions import db
from incubator.pagination import PER_PAGE
from incubator.review import assignments
from incubator.review.models import Application, Program
from incubator.startups.models import Startup
from tests.factories import ProgramFactory, StartupFactory, UserFactory
from tests.review.conftest import reviewed, score


def names(client, query: str = "") -> list[str]:  # noqa: ANN001
    """The startup names of the queue's rows, in order."""
    body = client.get(f"/review/applications{query}").get_data(as_text=True)
    return re.findall(r'data-testid="queue-startup">([^<]*)</a>', body)


def test_search_finds_a_startup_with_or_without_diacritics(client, login_as, submitted, db):
    submitted(startup=StartupFactory(name="Nhuộm Xanh"))
    submitted(startup=StartupFactory(name="LogiMate"))
    login_as("staff")
    assert names(client, "?q=nhuom") == ["Nhuộm Xanh"]
    assert names(client, "?q=Nhuộm") == ["Nhuộm Xanh"]
    assert names(client, "?q=NHUOM+XANH") == ["Nhuộm Xanh"]


def test_filters_by_program_status_sector_and_score_range(client, login_as, submitted, staff, db):
    program, other = ProgramFactory(), ProgramFactory()
    reviewers = staff(2)
    high = reviewed(submitted(program=program, startup=StartupFactory(name="Cao", sector="food")),
                    reviewers, [(5, 5), (5, 4)])  # fmt: skip
    reviewed(submitted(program=program, startup=StartupFactory(name="Thấp")), reviewers, [(1, 2), (2, 1)])
    submitted(program=other, startup=StartupFactory(name="Khác"))
    login_as("staff")
    assert sorted(names(client, f"?program={program.id}")) == ["Cao", "Thấp"]
    assert names(client, "?status=submitted") == ["Khác"]
    assert names(client, "?sector=food") == ["Cao"]
    assert names(client, "?min_score=4") == ["Cao"]
    assert names(client, "?max_score=2") == ["Thấp"]
    assert high.status == "under_review"


def test_sorting_by_a_column_both_ways(client, login_as, submitted, db):
    program = ProgramFactory()
    for name in ("Bình", "An", "Cường"):
        submitted(program=program, startup=StartupFactory(name=name))
    login_as("staff")
    assert names(client, "?sort=startup&direction=asc") == ["An", "Bình", "Cường"]
    assert names(client, "?sort=startup&direction=desc") == ["Cường", "Bình", "An"]


def test_the_queue_is_paginated(client, login_as, submitted, db):
    program = ProgramFactory()
    for _ in range(PER_PAGE + 3):
        submitted(program=program)
    login_as("staff")
    assert len(names(client)) == PER_PAGE
    assert len(names(client, "?page=2")) == 3
    assert 'data-testid="pagination"' in client.get("/review/applications").get_data(as_text=True)


def test_the_csv_export_keeps_vietnamese_and_every_score(client, login_as, submitted, staff, db):
    program = ProgramFactory(name="Chương trình Ươm tạo")
    application = submitted(program=program, startup=StartupFactory(name="Nhuộm Xanh", sector="dệt may"))
    reviewed(application, staff(2), [(5, 2), (3, 4)])
    login_as("staff", language="vi")
    response = client.get(f"/review/programs/{program.id}/applications.csv")
    assert response.mimetype == "text/csv"
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark, for Excel
    header, row = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert header[5:] == ["Đội ngũ", "Thị trường", "Điểm có trọng số", "Độ chênh", "Điểm chuẩn hóa"]
    record = dict(zip(header, row, strict=True))
    assert row[0] == "Nhuộm Xanh" and row[1] == "dệt may"
    assert record["Đội ngũ"] == "4.00" and record["Thị trường"] == "3.00"
    # weighted: (2·5+2)/3 = 4 and (2·3+4)/3 = 3.33…; mean 3.67, spread 0.67
    assert row[7] == "3.67" and row[8] == "0.67" and row[9] == "3.67"


def hidden_setup(login_as, submitted, db):  # noqa: ANN001, ANN201
    """Staff member `me` assigned to "Chờ" (a peer's review in, not mine) in a program where others reviewed
    "Khác" (3.00) and "Ba" (1.00); "Ngoài" (3.00) is in another program."""
    program = ProgramFactory()
    me, peer, third = login_as("staff"), UserFactory(role="staff"), UserFactory(role="staff")
    mine = submitted(program=program, startup=StartupFactory(name="Chờ"))
    assignments.assign_reviewers(mine, [me, peer], peer.id)
    score(mine, peer, 5, 4)  # (2·5+4)/3 = 4.67
    reviewed(submitted(program=program, startup=StartupFactory(name="Khác")), [peer, third], [(3, 3), (3, 3)])
    reviewed(submitted(program=program, startup=StartupFactory(name="Ba")), [peer, third], [(1, 1), (1, 1)])
    reviewed(submitted(startup=StartupFactory(name="Ngoài")), [peer, third], [(3, 3), (3, 3)])
    return program, me, mine


def queue_cells(client, query: str = "") -> dict[str, str]:  # noqa: ANN001
    """Startup name → what its weighted-score cell shows ("hidden" when the scores are blanked)."""
    body = client.get(f"/review/applications{query}").get_data(as_text=True)
    rows = re.findall(r'data-testid="queue-startup">([^<]*)</a>(.*?)</tr>', body, re.S)
    cells = {}
    for name, rest in rows:
        weighted = re.search(r'data-testid="queue-weighted">([^<]*)<', rest)
        cells[name] = "hidden" if 'data-testid="queue-scores-hidden"' in rest else weighted.group(1)
    return cells


def csv_rows(client, program) -> dict[str, dict[str, str]]:  # noqa: ANN001
    """The program's CSV as startup name → column → cell."""
    raw = client.get(f"/review/programs/{program.id}/applications.csv").get_data()
    header, *rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


def page_scores(client, name: str) -> str:  # noqa: ANN001
    """The weighted score the application page of startup `name` shows ("hidden" without a scores card)."""
    application = db.session.scalar(select(Application).join(Startup).where(Startup.name == name))
    body = client.get(f"/review/applications/{application.id}").get_data(as_text=True)
    weighted = re.search(r'data-testid="weighted">([^<]*)<', body)
    return weighted.group(1) if weighted else "hidden"


def shown(client, surface: str, name: str) -> str:  # noqa: ANN001
    """What `surface` shows of startup `name`'s weighted score: the number, or "hidden"."""
    if surface == "queue":
        return queue_cells(client)[name]
    if surface == "score filter":  # a hidden score is never inside a range
        return queue_cells(client, "?min_score=0.5&max_score=5").get(name, "hidden")
    if surface == "application page":
        return page_scores(client, name)
    program = db.session.scalar(select(Program).join(Application).join(Startup).where(Startup.name == name))
    row = csv_rows(client, program)[name]
    scores = [row[c] for c in ("Team", "Market", "Weighted score", "Spread", "Normalised score")]
    return row["Weighted score"] if any(scores) else "hidden"


@pytest.mark.parametrize("surface", ["queue", "score filter", "application page", "csv"])
def test_every_score_of_a_program_is_hidden_until_the_reviewers_own_reviews_in_it_are_submitted(
    client, login_as, submitted, db, surface
):
    program, me, mine = hidden_setup(login_as, submitted, db)
    assert [shown(client, surface, name) for name in ("Chờ", "Khác", "Ba")] == ["hidden"] * 3
    assert shown(client, surface, "Ngoài") == "3.00"  # another program: nothing to hide
    score(mine, me, 1, 1)  # my own review, submitted
    assert [shown(client, surface, name) for name in ("Chờ", "Khác", "Ba")] == ["2.83", "3.00", "1.00"]


@pytest.mark.parametrize("column", ["weighted", "normalised"])
def test_sorting_by_a_hidden_score_reveals_no_order(client, login_as, submitted, db, column):
    program, me, mine = hidden_setup(login_as, submitted, db)
    query = f"?program={program.id}&sort={column}&direction="
    assert names(client, query + "asc") == ["Chờ", "Khác", "Ba"]  # by application, not by score
    assert names(client, query + "desc") == ["Ba", "Khác", "Chờ"]
    score(mine, me, 1, 1)
    assert names(client, query + "asc")[0] == "Ba"  # sorted by score again: Ba's is the lowest


def test_staff_not_assigned_see_every_score(client, login_as, submitted, db):
    program, _me, _mine = hidden_setup(login_as, submitted, db)
    client.delete_cookie("session")
    login_as("staff")
    assert queue_cells(client) == {"Chờ": "4.67", "Khác": "3.00", "Ba": "1.00", "Ngoài": "3.00"}
    assert csv_rows(client, program)["Chờ"]["Weighted score"] == "4.67"
