"""The staff queue: filters, search with or without diacritics, sorting, pages, and the CSV export."""

import csv
import io
import re

from incubator.pagination import PER_PAGE
from tests.factories import ProgramFactory, StartupFactory
from tests.review.conftest import reviewed


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
    assert header[5:] == ["Team", "Market", "Điểm có trọng số", "Độ chênh", "Điểm chuẩn hóa"]
    record = dict(zip(header, row, strict=True))
    assert row[0] == "Nhuộm Xanh" and row[1] == "dệt may"
    assert record["Team"] == "4.00" and record["Market"] == "3.00"
    # weighted: (2·5+2)/3 = 4 and (2·3+4)/3 = 3.33…; mean 3.67, spread 0.67
    assert row[7] == "3.67" and row[8] == "0.67" and row[9] == "3.67"
