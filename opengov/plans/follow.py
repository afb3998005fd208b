"""Action plans, commitments and policy areas can be followed; new plans, phase changes and progress updates
are news."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from opengov.core.followables import ChangeKind, Trigger, followable, kind, trigger

from .models import ActionPlan, Commitment, PolicyArea, ProgressUpdate

followable(ActionPlan, public=lambda: ActionPlan.objects.select_related("member"))
followable(Commitment, public=lambda: Commitment.objects.all())
followable(PolicyArea, public=lambda: PolicyArea.objects.all())

kind(ChangeKind("new_plan", _("A member starts a new action plan"), "immediate"))
kind(ChangeKind("phase_change", _("An action plan changes phase")))
kind(ChangeKind("progress_update", _("Progress is reported on a commitment")))

trigger(
    Trigger(
        ActionPlan,
        "new_plan",
        when=lambda plan, created, old: created,
        targets=lambda plan: [plan.member],
        summary=lambda plan: str(_("New action plan: %(plan)s") % {"plan": plan.name}),
    )
)
trigger(
    Trigger(
        ActionPlan,
        "phase_change",
        fields=("phase",),
        when=lambda plan, created, old: not created and bool(old) and old.get("phase") != plan.phase,
        targets=lambda plan: [plan, plan.member],
        summary=lambda plan: str(
            _("%(plan)s is now in phase: %(phase)s") % {"plan": plan.name, "phase": plan.get_phase_display()}
        ),
    )
)
trigger(
    Trigger(
        ProgressUpdate,
        "progress_update",
        when=lambda update, created, old: created,
        targets=lambda update: [
            update.commitment,
            update.commitment.action_plan,
            *update.commitment.policy_areas.all(),
        ],
        summary=lambda update: str(
            _("Progress reported on %(commitment)s: %(completion)s")
            % {"commitment": update.commitment, "completion": update.get_completion_display()}
        ),
        url=lambda update: update.commitment.get_absolute_url(),
    )
)
