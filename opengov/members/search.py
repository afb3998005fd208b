"""Members in site-wide search (loaded by the search app; see opengov/core/searchables.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from opengov.core.searchables import Document, Searchable, Watch, register

from .models import Member


def _document(member: Member) -> Document:
    return Document(
        title=member.name,
        body=[member.ogp_code, member.iso3, member.lead_agency, member.parent.name if member.parent else ""],
        language="en",
        member=member,
        year=member.join_date.year if member.join_date else None,
    )


register(
    Searchable(
        kind="member",
        label=_("Members"),
        model=Member,
        public=lambda: Member.objects.select_related("parent"),
        document=_document,
        watch=[Watch(Member, lambda m: [m.pk, *m.locals.values_list("pk", flat=True)])],
        boost=2.0,
    )
)
