from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_POST_LENGTH


class JoinForm(forms.Form):
    how = forms.ChoiceField(label=_("Join as"), choices=())


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_POST_LENGTH,
        help_text=_("Markdown: **bold**, *italic*, [links](https://...), lists."),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_POST_LENGTH,
        help_text=_("Markdown."),
    )


class FlagForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong with this message?"), max_length=300)


class ModerateForm(forms.Form):
    visibility = forms.ChoiceField(label=_("Visibility"), choices=(("visible", _("Visible")), ("hidden", _("Hidden"))))
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
