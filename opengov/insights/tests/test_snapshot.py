"""Member snapshots: the design-or-implementation rule, and snapshots for many members in fixed queries."""

from __future__ import annotations

import pytest

from opengov.insights import indicators
from opengov.insights.indicators import Row
from opengov.insights.snapshot import Comparison, focus_of, snapshot_for, snapshots_for
from opengov.members.models import Member

from .test_indicators import world  # noqa: F401 - fixture


def comparison(key, member, world_value):
    num, den = member if member else (0, 0)
    value = round(100 * num / den, 1) if den else None
    return Comparison(indicators.get(key), Row("", "", value, num, den), None, Row("", "", world_value, 1, 1))


@pytest.mark.parametrize(
    ("ambitious", "completion", "has_plans", "expected"),
    [
        ((2, 10), (8, 10), True, "design"),  # 20 % vs 50 % ambition, 80 % vs 50 % completion
        ((8, 10), (2, 10), True, "implementation"),
        ((5, 10), None, True, "pending"),  # designed, implementation not reviewed yet
        (None, None, True, "pending"),
        (None, None, False, "no-data"),
        (None, (2, 10), True, "implementation"),  # old data without design verdicts
    ],
)
def test_focus_rule(ambitious, completion, has_plans, expected):
    result = focus_of(
        comparison("ambitious", ambitious, 50.0), comparison("high-completion", completion, 50.0), has_plans
    )
    assert result == expected


def test_snapshot_for_one_member_agrees_with_the_report_snapshots(world):  # noqa: F811
    albania = Member.objects.get(slug="albania")
    one = snapshot_for(albania)
    [many] = [s for s in snapshots_for(Member.objects.all()) if s.member == albania]
    assert one.commitments == many.commitments == 3
    for a, b in zip(one.comparisons, many.comparisons, strict=True):
        assert (a.member.value, a.region.value, a.world.value) == (b.member.value, b.region.value, b.world.value)
    assert one.focus == many.focus


def test_snapshots_for_many_members_use_fixed_queries(world):  # noqa: F811
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from opengov.factories import ActionPlanFactory, MemberFactory
    from opengov.plans.phases import Phase

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            snapshots = snapshots_for(Member.objects.all())
        assert all(s.checklist for s in snapshots if s.action_plans)  # the co-creation checklists included
        return len(ctx)

    few = queries()
    for member in MemberFactory.create_batch(5):
        ActionPlanFactory(member=member, number=1, phase=Phase.IMPLEMENTATION)
    assert queries() == few <= 45
