from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import field_of
from opengov.members.models import Member

from .importers.base import max_bytes
from .models import ImportKind


def ids_from(text: str) -> list[str]:
    return sorted({part for part in re.split(r"[\s,;]+", text.strip().upper()) if part})


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file is"), choices=ImportKind.choices, initial=ImportKind.OGP_CSV)
    file = forms.FileField(label=_("CSV file (UTF-8)"))
    member = forms.ModelChoiceField(
        label=_("Member (progress trackers only)"), queryset=Member.objects.order_by("name"), required=False
    )
    dry_run = forms.BooleanField(label=_("Dry run: check and count, write nothing"), required=False)
    skip_bad_rows = forms.BooleanField(label=_("Import the good rows even if some rows are rejected"), required=False)
    file_wins = forms.BooleanField(
        label=_("The file wins: apply it even to commitments changed on the platform since their last import"),
        help_text=_("Without this, such rows are held back and listed, and you choose row by row."),
        required=False,
    )
    file_wins_for = forms.CharField(
        label=_("The file wins for these commitments only"),
        help_text=_("Commitment ids separated by spaces or commas, e.g. AL0002 AL0003."),
        required=False,
        max_length=100_000,
    )

    def clean_file_wins_for(self) -> list[str]:
        return ids_from(self.cleaned_data["file_wins_for"])

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        assert upload.size is not None  # a file field's upload knows its size
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("The file is %(size)s bytes; the limit is %(limit)s.") % {"size": upload.size, "limit": max_bytes()}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Django's clean() returns cleaned_data (typed optional for overrides)
        if data.get("kind") == ImportKind.TRACKER and not data.get("member"):
            self.add_error("member", _("Say whose progress tracker this is."))
        return data


class FileWinsForm(forms.Form):
    """The job page's choice per held-back row: import the same file again, the file winning for these."""

    file_wins_for = forms.MultipleChoiceField(
        label=_("Apply the file's values to these commitments"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, held: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = field_of(self, "file_wins_for", forms.MultipleChoiceField)
        field.choices = [(key, key) for key in held]
        field.initial = held
