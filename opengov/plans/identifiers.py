"""Who may set the OGP identifiers of plans and commitments, and what they must look like.

Identifiers are assigned by the platform (``AP_`` + ISO3 + number for plans, the member's code + four digits for
commitments). Only Support Unit staff may set one by hand (imports of OGP's data, corrections), and even then it
must belong to the plan's member: its code, its ISO3 code, or a prefix the member's commitments already use (OGP
writes the United Kingdom's commitments UK0051 although its code is GB). Otherwise one member's editor could take
another member's next identifier (AP_ALB09, AL0110) and block that member's editors, whose forms have no id field.
A commitment may continue (``carried_forward_from``) only a commitment of the same member, unless Support Unit
staff link it. Called by plans/actions.py, so pages, the API and the admin all follow it.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from opengov.accounts.predicates import is_support_unit
from opengov.members.models import Member

from .models import Commitment

_COMMITMENT_ID = re.compile(r"([A-Z]+(?:-[A-Z]+)?)(\d+)")


def commitment_prefixes(member: Member) -> set[str]:
    """The prefixes of this member's commitment ids: its OGP code and those its commitments already use."""
    prefixes = {member.ogp_code.upper()} if member.ogp_code else set()
    for ogp_id in Commitment.objects.filter(action_plan__member=member).values_list("ogp_id", flat=True)[:1000]:
        match = _COMMITMENT_ID.fullmatch(ogp_id)
        if match:
            prefixes.add(match.group(1))
    return prefixes


def _commitment_id_belongs(member: Member, ogp_id: str) -> bool:
    match = _COMMITMENT_ID.fullmatch(ogp_id)
    return match is not None and match.group(1) in commitment_prefixes(member)


def check_set_id(user: Any, member: Member, ogp_id: str | None, kind: str) -> None:
    """Refuse an identifier given by someone other than Support Unit staff, or one of another member.
    ``kind`` is "plan" or "commitment"; an empty ``ogp_id`` means "assign one"."""
    if not ogp_id:
        return
    if not is_support_unit(user):
        raise ValidationError(
            {"ogp_id": _("Identifiers are assigned by the platform; only Support Unit staff may set one.")}
        )
    # Support Unit staff load OGP's own identifiers, which do not always follow a code (AP_ARBA03 for Buenos Aires):
    # a plan id needs only its AP_ prefix; a commitment id must still use one of the member's prefixes.
    if kind == "plan" and not ogp_id.startswith("AP_"):
        raise ValidationError({"ogp_id": _("A plan identifier starts with AP_.")})
    if kind == "commitment" and not _commitment_id_belongs(member, ogp_id):
        raise ValidationError(
            {"ogp_id": _("%(id)s is not an identifier of %(member)s.") % {"id": ogp_id, "member": member.name}}
        )


def check_carried_forward(user: Any, member: Member, previous: Commitment | None) -> None:
    """A commitment continues one of its own member's, unless Support Unit staff link it."""
    if previous is None or is_support_unit(user):
        return
    if previous.action_plan.member_id != member.pk:
        raise ValidationError(
            {"carried_forward_from": _("A commitment can only continue a commitment of the same member.")}
        )
