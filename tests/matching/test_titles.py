"""The suggestion list names every profile in one query, as the side-by-side page names it."""

from incubator.matching.decisions import profile_titles, title_of
from incubator.matching.models import Suggestion
from tests.factories import (
    CapabilityFactory,
    ChallengeFactory,
    LabFactory,
    MentorProfileFactory,
    StartupFactory,
)


def test_titles_of_every_kind_come_in_one_query_and_match_title_of(db):
    startup = StartupFactory(name="Sao Mai")
    targets = {
        "lab": LabFactory(name="FabLab TDM"),
        "challenge": ChallengeFactory(title="Giảm phế phẩm"),
        "capability": CapabilityFactory(title="Thị giác máy"),
        "mentor": MentorProfileFactory(headline="IoT"),
    }
    unnamed = MentorProfileFactory(headline="", user__full_name="Trần Thị Mai")  # falls back to the name
    rows = [suggestion(startup.id, kind, target.id) for kind, target in targets.items()]
    rows.append(suggestion(startup.id, "mentor", unnamed.id))
    statements = []
    titles = _counting(db, statements, lambda: profile_titles(db.session, rows))
    assert len(statements) == 1
    expected = {("startup", startup.id): "Sao Mai", ("mentor", unnamed.id): "Trần Thị Mai"}
    expected |= {(kind, target.id): title_of(kind, target) for kind, target in targets.items()}
    assert titles == expected
    assert titles[("lab", targets["lab"].id)] == "FabLab TDM" and profile_titles(db.session, []) == {}
    assert titles[("lab", 10**6)] == "#1000000"  # a profile gone since: its id


def suggestion(startup_id: int, kind: str, target_id: int) -> Suggestion:
    return Suggestion(kind=f"startup-{kind}", source_type="startup", source_id=startup_id,
                      target_type=kind, target_id=target_id, score=0.5, terms=[])  # fmt: skip


def _counting(db, statements: list, call):  # noqa: ANN001, ANN202
    from sqlalchemy import event

    def collect(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", collect)
    try:
        return call()
    finally:
        event.remove(db.engine, "before_cursor_execute", collect)
