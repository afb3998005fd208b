"""Forms of the story pages. They parse and check input; stories/actions.py authorises, validates again and writes.

Commitments and action plans are named by their OGP ids (there are too many for a list); members and topics are
chosen from lists. A photo essay takes up to PHOTO_SLOTS photos per submission, each with its alternative text.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import VersionedForm, field_of
from opengov.members.models import Member
from opengov.plans.forms import formfield
from opengov.plans.models import ActionPlan, Commitment, PolicyArea

from .actions import STORY_FIELDS, NewImage
from .lifecycle import DECISIONS
from .models import Story

PHOTO_SLOTS = 3
_ID_SPLIT = re.compile(r"[\s,;]+")


def parse_ids(text: str, model: type[Commitment] | type[ActionPlan], what: str) -> list[Any]:
    ids = [i for i in _ID_SPLIT.split(text.strip()) if i]
    if len(ids) > 50:
        raise forms.ValidationError(_("At most 50 links, please."))
    found = {obj.ogp_id.upper(): obj for obj in model.objects.filter(ogp_id__in=[i.upper() for i in ids] + ids)}
    unknown = [i for i in ids if i.upper() not in found]
    if unknown:
        raise forms.ValidationError(_("No %(what)s has the id %(ids)s.") % {"what": what, "ids": ", ".join(unknown)})
    return [found[i.upper()] for i in dict.fromkeys(ids)]


class StoryForm(VersionedForm, forms.ModelForm[Story]):
    commitment_ids = forms.CharField(
        label=_("Commitments it is about"),
        required=False,
        help_text=_("Their OGP ids, separated by commas (e.g. AL0002, AM0010). The story shows on their pages."),
    )
    action_plan_ids = forms.CharField(
        label=_("Action plans it is about"),
        required=False,
        help_text=_("Their OGP ids, separated by commas (e.g. AP_ALB01)."),
    )

    class Meta:
        model = Story
        formfield_callback = formfield
        fields = [*STORY_FIELDS, "topics", "members"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "topics": forms.CheckboxSelectMultiple,
            "members": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {"members": _("Other OGP members the story is about (hold Ctrl or Cmd to choose several).")}
        error_messages = {
            "title": {"required": _("Give the story a title.")},
            "summary": {"required": _("Sum the story up in two or three sentences.")},
            "body": {"required": _("Tell the story.")},
            "video_url": {"invalid": _("Enter a full web address, starting with https://.")},
        }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        groups = PolicyArea.objects.filter(parent__isnull=True).order_by("position")
        field_of(self, "topics", forms.ModelChoiceField).queryset = groups
        field_of(self, "member", forms.ModelChoiceField).queryset = Member.objects.order_by("name")
        field_of(self, "members", forms.ModelChoiceField).queryset = Member.objects.order_by("name")
        self.fields["members"].required = False
        self.fields["topics"].required = False
        for n in range(1, PHOTO_SLOTS + 1):
            self.fields[f"photo_{n}"] = forms.FileField(
                label=_("Photo %(n)s") % {"n": n},
                required=False,
                help_text=_("PNG or JPEG.") if n == 1 else "",
            )
            self.fields[f"alt_{n}"] = forms.CharField(
                label=_("Photo %(n)s: what it shows (alternative text)") % {"n": n},
                required=False,
                max_length=300,
                help_text=_("Read aloud to people who cannot see the photo.") if n == 1 else "",
            )
            self.fields[f"caption_{n}"] = forms.CharField(
                label=_("Photo %(n)s: caption") % {"n": n}, required=False, max_length=500
            )

    def clean_commitment_ids(self) -> list[Commitment]:
        return parse_ids(self.cleaned_data["commitment_ids"], Commitment, str(_("commitment")))

    def clean_action_plan_ids(self) -> list[ActionPlan]:
        return parse_ids(self.cleaned_data["action_plan_ids"], ActionPlan, str(_("action plan")))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Django's clean() returns cleaned_data (typed optional for overrides)
        for n in range(1, PHOTO_SLOTS + 1):
            if data.get(f"photo_{n}") and not (data.get(f"alt_{n}") or "").strip():
                self.add_error(f"alt_{n}", _("Describe the photo: what does it show?"))
        return data

    def story_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in STORY_FIELDS}

    def links(self) -> dict[str, Any]:
        return {
            "topics": self.cleaned_data.get("topics") or [],
            "members": self.cleaned_data.get("members") or [],
            "commitments": self.cleaned_data.get("commitment_ids") or [],
            "action_plans": self.cleaned_data.get("action_plan_ids") or [],
        }

    def images(self) -> list[NewImage]:
        return [
            NewImage(self.cleaned_data[f"photo_{n}"], self.cleaned_data[f"alt_{n}"], self.cleaned_data[f"caption_{n}"])
            for n in range(1, PHOTO_SLOTS + 1)
            if self.cleaned_data.get(f"photo_{n}")
        ]


def initial_for_story(story: Story) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(story, name) for name in STORY_FIELDS}
    initial["member"] = story.member_id
    initial["topics"] = [t.pk for t in story.topics.all()]
    initial["members"] = [m.pk for m in story.members.all()]
    initial["commitment_ids"] = ", ".join(c.ogp_id for c in story.commitments.all())
    initial["action_plan_ids"] = ", ".join(p.ogp_id for p in story.action_plans.all())
    initial["version"] = story.version
    return initial


class DecisionForm(VersionedForm):
    decision = forms.ChoiceField(choices=[(key, d.label) for key, d in DECISIONS.items()])
    reason = forms.CharField(
        label=_("Reason (sent to the author)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you ask for changes or decline."),
    )
