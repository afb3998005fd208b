"""Fixed query budgets: the report page and the member page cost the same for N and 3N assessments."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opengov.factories import AssessmentFactory, CommitmentFactory

N = 5


def queries_for(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def add(report, n):
    for i in range(n):
        commitment = CommitmentFactory(action_plan=report.action_plan)
        AssessmentFactory(
            report=report,
            commitment=commitment,
            specificity="high",
            relevance_access_to_information="yes",
            potential_impact="transformative",
            completion=("complete", "limited")[i % 2],
            narrative="**x**",
        )


def test_report_page_budget(client, draft):
    draft.state = "published"
    draft.save()
    add(draft, N)
    small = queries_for(client, draft.get_absolute_url())
    add(draft, 2 * N)
    assert queries_for(client, draft.get_absolute_url()) == small
    assert small <= 6


def test_member_page_budget(client, draft, albania):
    draft.state = "published"
    draft.save()
    add(draft, N)
    small = queries_for(client, albania.get_absolute_url())
    add(draft, 2 * N)
    assert queries_for(client, albania.get_absolute_url()) == small
    page = client.get(albania.get_absolute_url()).content.decode()
    assert "Starred commitments" in page and "Transformative potential impact" in page
