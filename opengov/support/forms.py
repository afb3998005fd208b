"""Forms of the support pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from opengov.accounts.models import User
from opengov.core.forms import VersionedForm, field_of
from opengov.members.models import Member

from .models import Status, SupportRequest


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class AskForm(forms.ModelForm[SupportRequest]):
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to five files: PDF, DOCX, XLSX, ODT, PNG, JPEG, CSV or text."),
    )

    class Meta:
        model = SupportRequest
        fields = ["member", "topic", "subject", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, members: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "member", forms.ModelChoiceField).queryset = members
        self.fields["member"].help_text = _("The member government your question is about.")


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}), help_text=_("Markdown."))


class UpdateForm(VersionedForm):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    # The staff who may be assigned are given per form (__init__); Django takes None until then.
    assigned_to: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Assigned to"), queryset=None, required=False
    )

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "assigned_to", forms.ModelChoiceField).queryset = staff
