"""Every campaign target against counts made by hand: Open Response on the committed sample (the CSV read with the
csv module), the Challenge target and the denominator rules on small hand-built data; the monthly trend; the cache
and its refresh when the data under a number changes."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest

from opengov.campaigns import actions, progress, targets
from opengov.campaigns.models import SubmissionKind, SubmissionStatus
from opengov.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MemberFactory,
    StatusChangeFactory,
    policy_area,
)
from opengov.members.models import MemberStatus
from opengov.opendata.importers.ogp_csv import SYSTEM, import_ogp_csv
from opengov.plans.phases import Phase
from opengov.plans.taxonomy import TAXONOMY

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[2] / "opendata" / "data" / "ogp-commitments-sample.csv"
D = datetime.date


def expand(labels: tuple[str, ...]) -> set[str]:
    """The labels with every area under a named group, read from the taxonomy (the CSV's own column names)."""
    out = set(labels)
    for group, areas in TAXONOMY:
        if group in labels:
            out.update(areas)
    return out


def test_open_response_matches_the_hand_count_on_the_sample(response_campaign):
    import_ogp_csv(SYSTEM, SAMPLE.read_bytes(), filename="sample.csv")
    columns = expand(targets.OPEN_RESPONSE_AREAS)
    rows = list(csv.DictReader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))))
    first_year: dict[str, int] = {}
    qualifying = set()
    for row in rows:
        member, first, last = row["Country/Locality"], int(row["Year Of Submission"]), int(row["Action Plan End Year"])
        first_year[member] = min(first, first_year.get(member, 9999))
        if first <= 2021 and last >= 2020 and any(row.get(c, "").strip() == "1" for c in columns):
            qualifying.add(member)
    denominator = {m for m, y in first_year.items() if y <= 2021}
    target = response_campaign.targets.get()
    measured = progress.measure(target, today=D(2026, 1, 1))
    assert (measured.numerator, measured.denominator) == (len(qualifying & denominator), len(denominator))
    # The importer names locals without their country ("Jalisco, Mexico" is the member Jalisco).
    assert {line.name for line in measured.counted} == {n.split(",")[0] for n in qualifying & denominator}
    assert len(measured.trend) == 21  # April 2020 to December 2021


@pytest.fixture
def three_members():
    """Hand-built: A qualifies from March 2023, B is suspended in June 2023, C joins in 2024 and qualifies then."""
    a = MemberFactory(name="Aland", join_date=D(2012, 1, 1))
    b = MemberFactory(name="Borduria", join_date=D(2012, 1, 1))
    c = MemberFactory(name="Carpania", join_date=D(2024, 2, 1))
    StatusChangeFactory(member=b, status=MemberStatus.SUSPENDED, effective_date=D(2023, 6, 1))
    return a, b, c


def _accept(challenge, user, su, member, day):
    s = actions.submit_challenge(
        user,
        challenge,
        {
            "member": member,
            "institution": "Ministry",
            "country": "AL",
            "title": "Reform",
            "description": "x",
            "kind": SubmissionKind.STANDALONE,
        },
    )
    type(s).objects.filter(pk=s.pk).update(
        created_at=datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
    )
    actions.review_submission(su, s, challenge.themes.first(), SubmissionStatus.ACCEPTED)


def test_the_challenge_target_by_hand(challenge, three_members, support_unit):
    a, b, c = three_members
    _accept(challenge, support_unit, support_unit, a, D(2023, 3, 10))
    _accept(challenge, support_unit, support_unit, b, D(2023, 2, 1))
    _accept(challenge, support_unit, support_unit, c, D(2024, 3, 5))
    target = challenge.targets.get()
    tally = targets.compute(targets.get(target.indicator), progress.window_of(target))
    # End of February 2023: B qualifies, A not yet; C has not joined. 1 of 2.
    assert tally.at(D(2023, 2, 28)) == (50.0, 1, 2)
    # End of March 2023: A and B. 2 of 2.
    assert tally.at(D(2023, 3, 31)) == (100.0, 2, 2)
    # B suspended from June 2023: A of A. 1 of 1.
    assert tally.at(D(2023, 6, 30)) == (100.0, 1, 1)
    # C joined in February 2024 and qualifies in March: end of February 1 of 2, end of March 2 of 2.
    assert tally.at(D(2024, 2, 29)) == (50.0, 1, 2)
    assert tally.at(D(2024, 3, 31)) == (100.0, 2, 2)
    assert [line.name for line in tally.counted(D(2024, 3, 31))] == ["Aland", "Carpania"]


def test_a_declined_or_unreviewed_submission_does_not_count(challenge, three_members, support_unit):
    a, _, _ = three_members
    actions.submit_challenge(
        support_unit,
        challenge,
        {"member": a, "institution": "M", "country": "AL", "title": "T", "description": "x", "kind": "standalone"},
    )
    target = challenge.targets.get()
    assert progress.measure(target, today=D(2025, 1, 1)).numerator == 0


def test_gender_target_by_hand_with_plan_dates(break_the_roles):
    gender = policy_area("Gender")
    youth = policy_area("Youth")
    other = policy_area("Open Contracting")
    a, b, c, d = (MemberFactory(name=n, join_date=D(2012, 1, 1)) for n in ("Aa", "Bb", "Cc", "Dd"))
    # A: plan submitted on 2019-05-20 (in co-creation phase before: submitted counts).
    plan = ActionPlanFactory(
        member=a,
        start_year=2019,
        end_year=2021,
        submitted_on=D(2019, 5, 20),
        start_date=D(2019, 9, 1),
        phase=Phase.SUBMITTED,
    )
    CommitmentFactory(action_plan=plan, policy_areas=[gender])
    # B: plan implemented 2018-2020 with a Youth commitment: counts from the window's start.
    CommitmentFactory(action_plan=ActionPlanFactory(member=b, start_year=2018, end_year=2020), policy_areas=[youth])
    # C: still in co-creation: does not count.
    CommitmentFactory(
        action_plan=ActionPlanFactory(member=c, start_year=2019, end_year=2021, phase=Phase.CO_CREATION),
        policy_areas=[gender],
    )
    # D: another area only.
    CommitmentFactory(action_plan=ActionPlanFactory(member=d, start_year=2019, end_year=2021), policy_areas=[other])
    target = break_the_roles.targets.get()
    measured = progress.measure(target, today=D(2020, 6, 1))
    assert (measured.numerator, measured.denominator, measured.value) == (2, 4, 50.0)
    assert measured.met is True and measured.due
    by_month = {row.key: (row.numerator, row.denominator) for row in measured.trend}
    assert by_month["2019-04"] == (1, 4)  # B only
    assert by_month["2019-05"] == (2, 4)  # A from its submission on 20 May
    assert [line.name for line in measured.counted] == ["Aa", "Bb"]


def test_the_cache_serves_the_second_read_and_refreshes_when_the_data_changes(
    break_the_roles, django_assert_max_num_queries
):
    gender = policy_area("Gender")
    a, b = MemberFactory(join_date=D(2012, 1, 1)), MemberFactory(join_date=D(2012, 1, 1))
    CommitmentFactory(action_plan=ActionPlanFactory(member=a, start_year=2019, end_year=2020), policy_areas=[gender])
    target = break_the_roles.targets.get()
    assert progress.measure(target, with_members=False).numerator == 1
    with django_assert_max_num_queries(4):  # the fingerprint only
        assert progress.measure(target, with_members=False).numerator == 1
    CommitmentFactory(action_plan=ActionPlanFactory(member=b, start_year=2019, end_year=2020), policy_areas=[gender])
    assert progress.measure(target, with_members=False).numerator == 2


def test_month_ends():
    assert targets.month_ends(D(2019, 11, 15), D(2020, 2, 10)) == [
        D(2019, 11, 30),
        D(2019, 12, 31),
        D(2020, 1, 31),
        D(2020, 2, 10),
    ]
    assert targets.month_ends(D(2019, 1, 1), D(2019, 1, 31)) == [D(2019, 1, 31)]
