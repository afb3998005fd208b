from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.members.models import Member

from .importers.base import max_bytes
from .models import ImportKind


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file is"), choices=ImportKind.choices, initial=ImportKind.OGP_CSV)
    file = forms.FileField(label=_("CSV file (UTF-8)"))
    member = forms.ModelChoiceField(
        label=_("Member (progress trackers only)"), queryset=Member.objects.order_by("name"), required=False
    )
    dry_run = forms.BooleanField(label=_("Dry run: check and count, write nothing"), required=False)
    skip_bad_rows = forms.BooleanField(label=_("Import the good rows even if some rows are rejected"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("The file is %(size)s bytes; the limit is %(limit)s.") % {"size": upload.size, "limit": max_bytes()}
            )
        return upload

    def clean(self):
        data = super().clean()
        if data.get("kind") == ImportKind.TRACKER and not data.get("member"):
            self.add_error("member", _("Say whose progress tracker this is."))
        return data
