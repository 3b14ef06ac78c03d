"""A challenge's page says what matching found: partners under review, waiting, or no strong match yet."""

import re

from incubator.matching.models import MatchingRun, PendingMatch, Suggestion
from tests.factories import ChallengeFactory, MembershipFactory, OrganizationFactory


def states_on_page(client) -> dict[str, str]:  # noqa: ANN001
    """Each challenge title on /challenges/ with the state its match line shows."""
    html = client.get("/challenges/").get_data(as_text=True)
    items = html.split('data-testid="challenge"')[1:]
    return {
        re.search(r"<strong>([^<]+)</strong>", item)[1]: re.search(r'data-state="(\w+)"', item)[1]
        for item in items
    }


def test_each_challenge_shows_what_matching_found_for_it(login_as, client, db):
    user = login_as("enterprise", language="en")
    organization = OrganizationFactory(kind="enterprise")
    MembershipFactory(user=user, organization=organization)
    suggested, weak, saved = (
        ChallengeFactory(organization=organization, title=t) for t in ("Dập", "Sơn", "Hàn")
    )
    assert set(states_on_page(client).values()) == {"unmatched"}  # no run has finished yet

    db.session.add(MatchingRun(status="done", params={}))
    pair = {"source_type": "challenge", "target_id": 1, "terms": ["cơ khí"]}
    db.session.add(Suggestion(kind="challenge_capability", source_id=suggested.id, target_type="capability",
                              score=0.4, **pair))  # fmt: skip
    db.session.add(Suggestion(kind="challenge_lab", source_id=weak.id, target_type="lab", score=0.2,
                              status="rejected", **pair))  # fmt: skip
    db.session.add(PendingMatch(document_id=f"challenge:{saved.id}"))
    db.session.commit()

    assert states_on_page(client) == {"Dập": "suggested", "Sơn": "none", "Hàn": "waiting"}
    html = client.get("/challenges/").get_data(as_text=True)
    assert "1 possible partner found" in html and "No strong match yet." in html
