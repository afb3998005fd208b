"""Peer learning: similar commitments of other members on commitment pages; strongest results on area pages."""

from __future__ import annotations

from opengov.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, policy_area
from opengov.insights.similarity import similar_to, strongest_in_area

from .helpers import assess


def _commitments(db):
    gender, procurement = policy_area("Gender"), policy_area("Public Procurement")
    al, cl, ge = (MemberFactory(name=n) for n in ("Albania", "Chile", "Georgia"))
    mine = CommitmentFactory(
        action_plan=ActionPlanFactory(member=al),
        title="Gender budgeting in municipal budgets",
        description="Introduce gender-responsive budgeting tools for municipal budget offices.",
        policy_areas=[gender],
    )
    close = CommitmentFactory(
        action_plan=ActionPlanFactory(member=cl),
        title="Gender-responsive budgeting for municipalities",
        description="Municipal budget offices adopt gender budgeting.",
        policy_areas=[gender],
    )
    far = CommitmentFactory(
        action_plan=ActionPlanFactory(member=ge),
        title="Open contracting portal",
        description="Publish procurement contracts as open data.",
        policy_areas=[gender, procurement],
    )
    own = CommitmentFactory(
        action_plan=mine.action_plan, title="Gender budgeting in municipal budgets II", policy_areas=[gender]
    )
    return mine, close, far, own


def test_similar_commitments_are_other_members_ranked_by_text(db):
    mine, close, far, own = _commitments(db)
    matches = similar_to(mine)
    assert matches[0].commitment == close
    assert own not in [m.commitment for m in matches]  # the member's own commitments are not "peers"
    assert all(m.commitment.action_plan.member_id != mine.action_plan.member_id for m in matches)


def test_commitment_page_shows_similar_commitments(client, db):
    mine, close, *_ = _commitments(db)
    html = client.get(mine.get_absolute_url()).content.decode()
    assert "Similar commitments of other members" in html and close.ogp_id in html


def test_policy_area_page_shows_strongest_results(client, db):
    mine, close, far, _own = _commitments(db)
    assess(close, product="end_of_term_report", diog_overall="outstanding")
    assess(far, product="end_of_term_report", diog_overall="major")
    assess(mine, product="end_of_term_report", diog_overall="marginal")
    group = policy_area("Gender").parent
    examples = strongest_in_area(group)
    assert [e.commitment for e in examples] == [close, far]
    html = client.get(group.get_absolute_url()).content.decode()
    assert "the strongest results in this area" in html and close.ogp_id in html
