"""Consultations and visible contributions (with the government's response) in site-wide search.

Hidden contributions are never indexed; hiding one removes it from results at once."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from opengov.core.searchables import Document, Searchable, Watch, register

from .models import Consultation, Contribution, Response, Visibility


def _consultation_document(consultation: Consultation) -> Document:
    return Document(
        title=consultation.title,
        body=[consultation.description, str(consultation.action_plan.name)],
        member=consultation.action_plan.member,
        year=consultation.opens_on.year,
    )


def _contribution_document(contribution: Contribution) -> Document:
    response = getattr(contribution, "response", None)
    return Document(
        title=contribution.title or str(contribution),
        body=[contribution.body, response.justification if response else "", contribution.consultation.title],
        member=contribution.consultation.action_plan.member,
        year=contribution.created_at.year,
    )


register(
    Searchable(
        kind="consultation",
        label=_("Consultations"),
        model=Consultation,
        public=lambda: Consultation.objects.select_related("action_plan__member"),
        document=_consultation_document,
        watch=[Watch(Consultation, lambda c: [c.pk])],
    )
)
register(
    Searchable(
        kind="contribution",
        label=_("Contributions"),
        model=Contribution,
        public=lambda: Contribution.objects.filter(visibility=Visibility.VISIBLE).select_related(
            "consultation__action_plan__member", "response"
        ),
        document=_contribution_document,
        watch=[Watch(Contribution, lambda c: [c.pk]), Watch(Response, lambda r: [r.contribution_id])],
        boost=0.8,
    )
)
