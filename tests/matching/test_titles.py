"""The suggestion queue names every profile in its one query, as the side-by-side page names it."""

from incubator.matching.decisions import title_of
from incubator.matching.models import Suggestion
from incubator.matching.review import queue_page
from tests.core.test_queries_per_page import queries
from tests.factories import (
    CapabilityFactory,
    ChallengeFactory,
    LabFactory,
    MentorProfileFactory,
    StartupFactory,
)


def test_the_queue_names_both_sides_of_every_kind_as_title_of(db):
    startup = StartupFactory(name="Sao Mai")
    targets = {
        "lab": LabFactory(name="FabLab TDM"),
        "challenge": ChallengeFactory(title="Giảm phế phẩm"),
        "capability": CapabilityFactory(title="Thị giác máy"),
        "mentor": MentorProfileFactory(headline="IoT"),
    }
    unnamed = MentorProfileFactory(headline="", user__full_name="Trần Thị Mai")  # falls back to the name
    gone = LabFactory(name="Closed")
    rows = [suggestion("startup", startup.id, kind, target.id) for kind, target in targets.items()]
    rows += [
        suggestion("startup", startup.id, "mentor", unnamed.id),
        suggestion("startup", startup.id, "lab", gone.id),
    ]
    rows.append(suggestion("challenge", targets["challenge"].id, "capability", targets["capability"].id))
    db.session.add_all(rows)
    db.session.delete(gone)
    db.session.commit()
    with queries(db) as statements:
        page = queue_page()
    assert len(statements) == 1 and page.total == len(rows)
    named = {(row.target_type, row.target_id): row.target_title for row in page.items}
    expected = {(kind, target.id): title_of(kind, target) for kind, target in targets.items()}
    assert named == expected | {("mentor", unnamed.id): "Trần Thị Mai", ("lab", gone.id): f"#{gone.id}"}
    assert {row.source_title for row in page.items} == {"Sao Mai", "Giảm phế phẩm"}


def suggestion(source_type: str, source_id: int, target_type: str, target_id: int) -> Suggestion:
    return Suggestion(kind=f"{source_type}-{target_type}", source_type=source_type, source_id=source_id,
                      target_type=target_type, target_id=target_id, score=0.5, terms=[])  # fmt: skip
