"""The right words: plurals through ngettext, dates through one format with no doubled full stop, no reversed
ranges, one label per meaning, and a favicon."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.utils import translation

from opengov.cocreation.standards import _regularity_evidence
from opengov.core.dates import day, moment
from opengov.irm.models import Assessment
from opengov.irm.scales import INDICATOR_SCALES

AT_3_08 = datetime.datetime(2026, 12, 2, 3, 8, tzinfo=datetime.UTC)


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_a_moment_never_ends_in_a_full_stop(language):
    with translation.override(language):
        rendered = Template('{% load i18n %}Generated on {{ when|date:"DATETIME_FORMAT" }}.').render(
            Context({"when": AT_3_08})
        )
        assert not rendered.endswith("..") and "a.m." not in rendered
        assert not moment(AT_3_08).endswith(".")
        assert "2026" in day(AT_3_08.date())


def test_english_dates():
    with translation.override("en"):
        assert day(datetime.date(2026, 7, 2)) == "July 2, 2026"
        assert moment(AT_3_08) == "Dec. 2, 2026, 03:08"


def test_no_reversed_range_before_the_window_opens():
    start, end = datetime.date(2027, 3, 2), datetime.date(2026, 12, 2)
    with translation.override("en"):
        text = _regularity_evidence("meetings", 0, start, end, 0)
    assert "from March 2, 2027 to" not in text and "starts on March 2, 2027" in text


@pytest.mark.parametrize("what", ["meetings", "documents"])
def test_one_is_singular(what):
    with translation.override("en"):
        text = _regularity_evidence(what, 1, datetime.date(2026, 1, 1), datetime.date(2026, 6, 1), 20)
    assert text.startswith(f"1 {what[:-1]} from")


@pytest.mark.django_db
def test_one_unanswered_contribution_is_singular(albania):
    from opengov.cocreation.actions import submission_blockers
    from opengov.factories import ActionPlanFactory, ConsultationFactory, ContributionFactory

    plan = ActionPlanFactory(member=albania)
    ContributionFactory(consultation=ConsultationFactory(action_plan=plan))
    with translation.override("en"):
        (message,) = submission_blockers(plan, "submitted")
    assert message.startswith("1 contribution to this plan's consultations has no reasoned response")


@pytest.mark.parametrize("name", list(INDICATOR_SCALES))
def test_each_meaning_has_one_label(name):
    labels = [str(label).casefold() for _, label in Assessment._meta.get_field(name).flatchoices]
    assert len(labels) == len(set(labels)), labels


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.svg")
    path = finders.find("core/favicon.svg")
    assert path and Path(path).read_text().startswith("<svg")


@pytest.mark.django_db
def test_a_ready_edition_does_not_say_ready_twice(client, support_unit):
    from opengov.insights.models import Edition, EditionState

    edition = Edition.objects.create(title="2026", year=2026, state=EditionState.READY, progress_message="Ready")
    client.force_login(support_unit)
    assert "Ready: Ready" not in client.get(f"/insights/global-report/{edition.pk}/").content.decode()
