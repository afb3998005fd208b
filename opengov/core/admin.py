"""What every back-office (Django admin) page shares: Support Unit access, no deletion, version checks.

Access: the admin site itself requires ``is_staff``; inside it, what a person may see and change comes from
the ``rules`` predicates (a current Support Unit role), not from Django's per-model permission tables.
"""

from __future__ import annotations

from typing import Any

import rules
from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from opengov.core.concurrency import EditConflict, lock_version

admin.site.site_title = _("OpenGov Platform · Support Unit back office")
admin.site.site_header = _("OpenGov Platform · Support Unit back office")
admin.site.index_title = _("Back office")

# Who is Support Unit staff is the accounts app's rule (accounts/rules.py); core asks for it by name.
BACK_OFFICE_PERMISSION = "accounts.use_back_office"


class BackOfficeMixin:
    """Back-office access for the Support Unit, the same rules as pages and API, and no deletion anywhere.

    Where a rule exists for the model (``<app>.view_<model>``, ``<app>.change_<model>``, e.g. irm.view_report,
    irm.change_assessment) it decides for each object, exactly as on the pages and in the API; models without
    a rule of their own (users, policy areas, status history) fall back to the Support Unit predicate. Lists
    show only what the reader may see where the model's queryset says so (``visible_to(user)``).

    Every link to another row is an autocomplete by its readable name (never a raw id), for each foreign key
    whose target has a searchable admin.
    """

    # A mixin of ModelAdmin and inline classes alike: to the checker, super() and self.model are unknown here
    # (misc, attr-defined below); they are the admin class's it is mixed into.

    def _support_unit(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff and request.user.has_perm(BACK_OFFICE_PERMISSION))

    def _object_rule(self, request: HttpRequest, verb: str, obj: Any) -> bool | None:
        """The model's own rule for ``obj`` (None when there is no object or no such rule)."""
        opts = self.model._meta  # type: ignore[attr-defined]
        name = f"{opts.app_label}.{verb}_{opts.model_name}"
        if obj is None or not rules.perm_exists(name):
            return None
        return bool(request.user.is_active and request.user.is_staff and request.user.has_perm(name, obj))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or self._support_unit(request)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        ruled = self._object_rule(request, "view", obj)
        if ruled is not None:
            return ruled or self.has_change_permission(request, obj)
        return super().has_view_permission(request, obj) or self._support_unit(request)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        ruled = self._object_rule(request, "change", obj)
        if ruled is not None:
            return ruled
        return super().has_change_permission(request, obj) or self._support_unit(request)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return super().has_add_permission(request, *args) or self._support_unit(request)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Nothing users created is deleted: withdraw, end, deactivate or hide instead (ARCHITECTURE.md).
        return False

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(request.user)
        return queryset

    def get_autocomplete_fields(self, request: HttpRequest) -> Any:
        declared = list(super().get_autocomplete_fields(request))  # type: ignore[misc]
        return declared + [name for name in searchable_relations(self.model) if name not in declared]  # type: ignore[attr-defined]

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        # History is for reading; a revert would bypass the actions' checks (phases, versions, statuses).
        return True


def searchable_relations(model: Any) -> list[str]:
    """The editable foreign keys and many-to-many fields of ``model`` whose target's admin has a search."""
    names = []
    for field in model._meta.get_fields():
        if not (field.many_to_one or field.many_to_many) or field.auto_created or not field.editable:
            continue
        target = admin.site._registry.get(field.related_model)
        if target is not None and target.search_fields:
            names.append(field.name)
    return names


class VersionedAdminMixin:
    """Two people cannot silently overwrite each other through the back office either.

    The change form carries the ``version`` it was loaded with; on save the row is locked and compared
    (the admin's change view runs in one transaction, so the lock holds until the save), and a save that
    changes something bumps the version so an editor holding an older copy is told too.
    """

    # Mixed into ModelAdmin classes: super() is theirs, unknown to the checker here (misc below). The form class
    # get_form returns is built at run time, so the subclass of it is untyped (valid-type).

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            return super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]
        # The model form is built from the model's fields: leave out the one this mixin adds.
        fields = kwargs["fields"] if "fields" in kwargs else flatten_fieldsets(self.get_fieldsets(request, obj))
        if fields is not None:
            kwargs["fields"] = [f for f in fields if f != "loaded_version"]
        form_class = super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]

        class VersionCheckedForm(form_class):  # type: ignore[misc, valid-type]
            loaded_version = forms.IntegerField(widget=forms.HiddenInput, initial=obj.version, required=False)

            def clean(self) -> dict[str, Any]:
                cleaned = super().clean()
                try:
                    lock_version(self.instance, cleaned.get("loaded_version"))
                except EditConflict as conflict:
                    raise ValidationError(
                        _("%(message)s Open the page again to see the current version.") % {"message": conflict.message}
                    ) from conflict
                return dict(cleaned)

        return VersionCheckedForm

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)  # type: ignore[misc]
        if obj is None:
            return fieldsets
        # Declared fieldsets only render the fields they name: add the hidden version to the first one.
        (name, options), *rest = fieldsets
        fields = [f for f in options.get("fields", ()) if f != "loaded_version"]
        return [(name, {**options, "fields": [*fields, "loaded_version"]}), *rest]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change and form.has_changed():
            obj.version += 1
        super().save_model(request, obj, form, change)  # type: ignore[misc]
