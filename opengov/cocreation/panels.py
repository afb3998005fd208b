"""What co-creation shows on pages of apps below it (core.panels): a plan's consultations and its checklist."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from opengov.core import panels

from .models import Consultation


@panels.register("plans.ActionPlan", order=20)
def plan_cocreation(request: HttpRequest, plan: Any) -> str:
    """The plan's consultations (one query) and its co-creation standards checklist."""
    today = timezone.localdate()
    consultations = [(c, c.timing(today)) for c in Consultation.objects.for_list().filter(action_plan=plan)]
    context = {
        "plan": plan,
        "consultations": consultations,
        "may_open": request.user.has_perm("cocreation.add_consultation", plan),
    }
    return render_to_string("cocreation/includes/plan_cocreation.html", context, request=request)
