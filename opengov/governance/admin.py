"""Governance in the back office. Mandates added or changed here go through the same checks as the screen:
a change that would break parity or the term limit is refused with the warnings (use the screen to confirm)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from opengov.core.admin import BackOfficeMixin, VersionedAdminMixin

from . import checks
from .models import Body, Decision, Mandate, Meeting, MeetingDocument


@admin.register(Body)
class BodyAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "government_seats", "civil_society_seats", "requires_parity"]
    list_filter = ["kind", "parent", "requires_parity", "limits_terms"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Mandate)
class MandateAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["holder", "body", "sector", "position", "starts_on", "ends_on", "left_on"]
    list_filter = ["body", "sector", "position"]
    search_fields = ["holder", "organisation"]
    list_select_related = ["body"]
    autocomplete_fields = ["member"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)

        # form_class is built by the untyped admin base at run time, so its subclass is untyped (misc, valid-type).
        class CheckedForm(form_class):  # type: ignore[misc, valid-type]
            def clean(self) -> dict[str, Any]:
                cleaned: dict[str, Any] = super().clean()  # the form class comes from the untyped admin base
                body = cleaned.get("body")
                if body is not None and not self.errors:
                    before = list(Mandate.objects.filter(body=body))
                    values = {k: v for k, v in cleaned.items() if k in {f.name for f in Mandate._meta.fields}}
                    proposed = Mandate(pk=self.instance.pk, **values)
                    after = [*(m for m in before if m.pk != proposed.pk), proposed]
                    found = checks.warnings_for_change(body, before, after, proposed, timezone.localdate())
                    if found:
                        raise ValidationError([w.message for w in found])
                return cleaned

        return CheckedForm


class DocumentInline(admin.TabularInline[MeetingDocument, Meeting]):
    model = MeetingDocument
    extra = 0


class DecisionInline(admin.StackedInline[Decision, Meeting]):
    model = Decision
    extra = 0
    exclude = ["recorded_by"]


@admin.register(Meeting)
class MeetingAdmin(BackOfficeMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "body", "held_on", "level"]
    list_filter = ["body", "level", "held_on"]
    search_fields = ["title", "body__name", "location"]
    list_select_related = ["body"]
    inlines = [DocumentInline, DecisionInline]
