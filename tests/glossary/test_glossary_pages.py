"""The staff glossary page: add and delete pairs, refuse bad input, and the next run uses the pairs."""

import unicodedata

from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.glossary import services
from incubator.glossary.models import GlossaryTerm
from incubator.matching import fitted
from incubator.matching import services as matching
from incubator.matching.highlight import highlight
from incubator.matching.models import Suggestion
from tests.factories import ChallengeFactory, LabFactory


def pairs(db) -> list[tuple[str, str]]:  # noqa: ANN001
    return [tuple(row) for row in db.session.execute(select(GlossaryTerm.english, GlossaryTerm.vietnamese))]


def test_staff_add_a_pair_and_see_it_listed(client, login_as, post_form, db):
    login_as("staff")
    data = {
        "english": "  Capacitive  Deionization ",
        "vietnamese": "Khử ion điện dung",
        "domain": "environment",
    }
    assert post_form("/admin/glossary/", data).status_code == 302
    assert pairs(db) == [("capacitive deionization", "khử ion điện dung")]
    body = client.get("/admin/glossary/").get_data(as_text=True)
    assert 'data-testid="glossary-term"' in body and "khử ion điện dung" in body
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "glossary.term_added"))


def test_vietnamese_typed_decomposed_is_stored_composed(login_as, post_form, db):
    login_as("admin")
    decomposed = unicodedata.normalize("NFD", "khử ion điện dung")
    response = post_form("/admin/glossary/", {"english": "cdi", "vietnamese": decomposed, "domain": "other"})
    assert response.status_code == 302
    stored = db.session.scalar(select(GlossaryTerm.vietnamese))
    assert stored == "khử ion điện dung" == unicodedata.normalize("NFC", stored) != decomposed


def test_an_empty_or_punctuation_only_term_is_refused(login_as, post_form, db):
    login_as("staff")
    for english, vietnamese in (("", "khử ion"), ("cdi", "   "), ("--", "khử ion")):
        response = post_form(
            "/admin/glossary/", {"english": english, "vietnamese": vietnamese, "domain": "other"}
        )
        assert response.status_code == 200
    assert pairs(db) == []


def test_a_nul_is_refused_and_a_tab_or_line_break_becomes_a_space(login_as, post_form, db):
    login_as("staff")
    nul = {"english": "c\x00di", "vietnamese": "khử ion", "domain": "other"}
    refused = post_form("/admin/glossary/", nul)
    assert "(NUL)" in refused.get_data(as_text=True)
    assert pairs(db) == []
    assert (
        post_form(
            "/admin/glossary/", {"english": "cdi\tx", "vietnamese": "khử\r\nion", "domain": "other"}
        ).status_code
        == 302
    )
    assert pairs(db) == [("cdi x", "khử ion")]


def test_the_service_refuses_control_characters_and_duplicates(db):
    services.add_term("CDI", "Khử ion", "other", None)
    for english, vietnamese in (("cdi", "khử  ion"), ("c\x00di", "khử ion"), ("?", "khử ion")):
        try:
            services.add_term(english, vietnamese, "other", None)
        except services.TermRefused:
            continue
        raise AssertionError((english, vietnamese))
    assert pairs(db) == [("cdi", "khử ion")]


def test_staff_delete_a_pair(client, login_as, post_form, db):
    term = services.add_term("cdi", "khử ion", "other", None)
    login_as("staff")
    assert post_form(f"/admin/glossary/{term.id}/delete", {}, form_url="/admin/glossary/").status_code == 302
    assert pairs(db) == []


def deionization_pair(db):  # noqa: ANN001, ANN201
    """An English challenge and a Vietnamese-only lab that share no word (and a food lab beside them).

    Returns a function that runs matching and gives the challenge's suggestions of that lab.
    """
    challenge = ChallengeFactory(
        title="Capacitive deionization pilot",
        description="We need capacitive deionization to desalinate brackish process water.",
        sector="",
    )
    lab = LabFactory(
        name="Phòng thí nghiệm khử ion điện dung",
        description="Nghiên cứu khử ion điện dung: điện cực than hoạt tính, mô-đun thí điểm.",
        equipment="",
    )
    LabFactory(name="Phòng thí nghiệm thực phẩm", description="Kiểm nghiệm vi sinh thực phẩm.", equipment="")

    def suggested() -> list[Suggestion]:
        matching.run_in_process(None)
        query = select(Suggestion).filter_by(
            source_type="challenge", source_id=challenge.id, target_id=lab.id
        )
        return list(db.session.scalars(query.where(Suggestion.target_type == "lab")))

    return suggested


def test_a_glossary_edit_takes_effect_at_the_next_run(db):
    fitted.forget()
    suggested = deionization_pair(db)
    assert suggested() == []
    services.add_term("capacitive deionization", "khử ion điện dung", "environment", None)
    found = suggested()
    assert len(found) == 1
    assert "capacitive deionization ↔ khử ion điện dung" in [t.casefold() for t in found[0].terms]
    fitted.forget()


def test_a_bridge_reason_highlights_its_own_side_in_each_text():
    reason = "predictive maintenance ↔ bảo trì dự đoán"
    assert str(highlight("Xưởng: bao tri du doan", [reason])) == "Xưởng: <mark>bao tri du doan</mark>"
    assert "<mark>Predictive maintenance</mark>" in str(highlight("Predictive maintenance needed", [reason]))
