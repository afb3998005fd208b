"""Governance in site-wide search: the bodies (Steering Committee, its subcommittees, the Board...) and their
meetings with the decisions and documents recorded for them, which everyone may read (governance/rules.py).
Seat holders are not indexed: who sits where depends on the day, and the body's page answers it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from opengov.core.searchables import Document, Searchable, Watch, register

from .models import Body, Decision, Meeting, MeetingDocument


def _body_document(body: Body) -> Document:
    return Document(
        title=body.name,
        body=[body.description, body.parent.name if body.parent else "", body.get_kind_display()],
        language="en",
    )


def _meeting_document(meeting: Meeting) -> Document:
    return Document(
        title=f"{meeting.body.name}: {meeting.title}",
        body=[
            meeting.summary,
            meeting.location,
            *(decision.text for decision in meeting.decisions.all()),
            *(document.title for document in meeting.documents.all()),
        ],
        language="en",
        year=meeting.held_on.year,
    )


register(
    Searchable(
        kind="govbody",
        label=_("Governance bodies"),
        model=Body,
        public=lambda: Body.objects.select_related("parent"),
        document=_body_document,
        watch=[Watch(Body, lambda body: [body.pk, *body.subbodies.values_list("pk", flat=True)])],
        boost=1.5,
    )
)
register(
    Searchable(
        kind="govmeeting",
        label=_("Governance meetings and decisions"),
        model=Meeting,
        public=lambda: Meeting.objects.select_related("body").prefetch_related("decisions", "documents"),
        document=_meeting_document,
        watch=[
            Watch(Meeting, lambda meeting: [meeting.pk]),
            Watch(Decision, lambda decision: [decision.meeting_id]),
            Watch(MeetingDocument, lambda document: [document.meeting_id]),
            Watch(Body, lambda body: list(body.meetings.values_list("pk", flat=True))),
        ],
    )
)
