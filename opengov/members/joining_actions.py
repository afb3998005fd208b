"""Every write of joining OGP: letters of intent and their review; OGP Local calls, expressions of interest,
letters of support, committee scores and decisions. Each checks its rule, validates, writes, records history
and tells the people concerned.

Accepting a national application creates the member, records its Active status as a dated entry, gives the Point
of Contact the role and sets the first action plan's deadline. Accepting an OGP Local finalist creates the local
member under its country the same way.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from opengov.accounts.models import Role
from opengov.core.concurrency import apply_changes, lock_version
from opengov.core.months import add_months, months_between
from opengov.core.permissions import attribute_to, require

from . import actions as member_actions
from .joining_models import (
    MIN_MONTHS_LEFT_IN_TERM,
    ApplicationStatus,
    CandidateEligibility,
    EoiStatus,
    ExpressionOfInterest,
    JoiningApplication,
    LetterKind,
    LetterOfSupport,
    LocalCall,
    Score,
)
from .models import Member, MemberKind, MemberStatus

FIRST_PLAN_MONTHS = 12  # a new member's first action plan is due a year after joining unless staff set otherwise


def _notify(recipients: list[Any], subject: str, body: str, url: str) -> None:
    from opengov.notifications.actions import notify

    notify(recipients, subject=subject, body=body, url=url)


def _staff() -> list[Any]:
    """Support Unit staff, who review letters of intent and expressions of interest."""
    from opengov.accounts.models import RoleAssignment

    ids = RoleAssignment.objects.current().filter(role=Role.SUPPORT_UNIT).values("user_id")
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True))


def _checked_upload(upload: UploadedFile[bytes] | None, field: str) -> str:
    from opengov.core import uploads

    if upload is None:
        raise ValidationError({field: _("Attach the letter.")})
    try:
        content_type = uploads.check_upload(upload)
    except ValidationError as error:
        raise ValidationError({field: error.message_dict.get("file", error.messages)}) from error
    upload.name = uploads.storage_name(upload.name or "letter")
    return content_type


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "member"
    slug, n = base, 2
    while Member.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _unique_code(stem: str) -> str:
    stem = "".join(ch for ch in stem.upper() if ch.isalnum())[:6] or "LOC"
    code, n = stem, 2
    while Member.objects.filter(ogp_code=code).exists():
        code, n = f"{stem[:6]}{n}", n + 1
    return code


def _create_member(user: Any, fields: dict[str, Any], poc: Any, joined: datetime.date) -> Member:
    from opengov.accounts.actions import grant_role

    member = Member(join_date=joined, slug=_unique_slug(fields["name"]), **fields)
    member.full_clean()
    attribute_to(member, user, reason=_("Joined OGP"))
    member.save()
    member_actions.change_status(user, member, MemberStatus.ACTIVE, joined, _("Joined OGP."))
    grant_role(user, poc, Role.POINT_OF_CONTACT, member)
    return member


# ------------------------------------------------------------------------------------------------------- national


def eligibility_of(country: str) -> CandidateEligibility | None:
    return CandidateEligibility.objects.filter(country=country).order_by("-year").first()


@transaction.atomic
def submit_application(user: Any, fields: dict[str, Any], letter: UploadedFile[bytes] | None) -> JoiningApplication:
    require(user, "members.add_joiningapplication")
    if Member.objects.national().filter(country=fields.get("country")).exists():
        raise ValidationError({"country": _("This country is already an OGP member.")})
    content_type = _checked_upload(letter, "letter_of_intent")
    application = JoiningApplication(
        submitted_by=user, letter_of_intent=letter, letter_content_type=content_type, **fields
    )
    application.full_clean()
    attribute_to(application, user)
    application.save()
    _notify(
        _staff(),
        _("Letter of intent from %(name)s") % {"name": application.government_name},
        "",
        application.get_absolute_url(),
    )
    return application


@transaction.atomic
def request_information(user: Any, application: JoiningApplication, text: str, expected_version: int | None) -> None:
    require(user, "members.review_joiningapplication", application)
    if not text.strip():
        raise ValidationError({"information_requested": _("Say what is missing.")})
    application = lock_version(application, expected_version)
    attribute_to(application, user, reason=_("More information requested"))
    apply_changes(application, {"status": ApplicationStatus.MORE_INFORMATION, "information_requested": text})
    _notify(
        [application.submitted_by],
        _("OGP asks for more information about your letter of intent"),
        text,
        application.get_absolute_url(),
    )


@transaction.atomic
def add_information(
    user: Any, application: JoiningApplication, letter: UploadedFile[bytes] | None, expected_version: int | None
) -> None:
    """The applicant answers a request for information with a new letter; the review starts again."""
    require(user, "members.view_joiningapplication", application)
    if application.status != ApplicationStatus.MORE_INFORMATION or user.pk != application.submitted_by_id:
        raise ValidationError(_("The Support Unit has not asked for more information."))
    content_type = _checked_upload(letter, "letter_of_intent")
    application = lock_version(application, expected_version)
    attribute_to(application, user, reason=_("New letter sent"))
    apply_changes(
        application,
        {"letter_of_intent": letter, "letter_content_type": content_type, "status": ApplicationStatus.SUBMITTED},
    )
    _notify(
        _staff(),
        _("New letter of intent from %(name)s") % {"name": application.government_name},
        "",
        application.get_absolute_url(),
    )


@transaction.atomic
def decline_application(user: Any, application: JoiningApplication, reason: str, expected_version: int | None) -> None:
    require(user, "members.review_joiningapplication", application)
    application = lock_version(application, expected_version)
    attribute_to(application, user, reason=reason)
    apply_changes(application, {"status": ApplicationStatus.DECLINED, "decided_at": timezone.now()})
    _notify(
        [application.submitted_by], _("Your letter of intent was not accepted"), reason, application.get_absolute_url()
    )


@transaction.atomic
def accept_application(
    user: Any,
    application: JoiningApplication,
    region: str,
    ogp_code: str,
    first_plan_due: datetime.date | None,
    expected_version: int | None,
) -> Member:
    """Eligible and Values Check passed: the government becomes an Active member today."""
    require(user, "members.review_joiningapplication", application)
    application = lock_version(application, expected_version)
    if application.status in (ApplicationStatus.ACCEPTED, ApplicationStatus.DECLINED):
        raise ValidationError(_("This application was already decided."))
    score = eligibility_of(application.country.code)
    if score is None or score.result.outcome != "eligible" or score.values_check_passed is not True:
        raise ValidationError(
            _("The country must be eligible and pass the Values Check in the latest score sheet before it joins.")
        )
    today = timezone.localdate()
    try:
        with transaction.atomic():
            member = _create_member(
                user,
                {
                    "name": application.government_name,
                    "kind": MemberKind.NATIONAL,
                    "country": application.country,
                    "ogp_code": _unique_code(ogp_code or application.country.code),
                    "region": region,
                    "lead_agency": application.lead_agency,
                },
                application.submitted_by,
                today,
            )
    except IntegrityError as error:
        raise ValidationError(_("A member with this name already exists.")) from error
    attribute_to(application, user, reason=_("Accepted"))
    apply_changes(
        application,
        {
            "status": ApplicationStatus.ACCEPTED,
            "decided_at": timezone.now(),
            "member": member,
            "first_plan_due": first_plan_due or add_months(today, FIRST_PLAN_MONTHS),
        },
    )
    _notify(
        [application.submitted_by],
        _("Welcome to OGP: %(name)s is a member") % {"name": member.name},
        _("You are the Point of Contact. The first action plan is due on %(day)s.")
        % {"day": application.first_plan_due},
        member.get_absolute_url(),
    )
    return member


# ------------------------------------------------------------------------------------------------------ OGP Local


@transaction.atomic
def save_call(
    user: Any, call: LocalCall | None, fields: dict[str, Any], expected_version: int | None = None
) -> LocalCall:
    if call is None:
        require(user, "members.add_localcall")
        call = LocalCall(**fields)
        call.full_clean()
        attribute_to(call, user)
        call.save()
        return call
    require(user, "members.change_localcall", call)
    call = lock_version(call, expected_version)
    attribute_to(call, user)
    apply_changes(call, fields)
    return call


@transaction.atomic
def submit_expression(user: Any, call: LocalCall, fields: dict[str, Any]) -> ExpressionOfInterest:
    require(user, "members.add_expressionofinterest", call)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    country = fields.get("country_member")
    if country is not None and (country.kind != MemberKind.NATIONAL or country.status != MemberStatus.ACTIVE):
        errors["country_member"] = _("Only jurisdictions of an OGP member country in good standing (Active) may apply.")
    term_ends = fields.get("term_ends_on")
    if term_ends and months_between(today, term_ends) < MIN_MONTHS_LEFT_IN_TERM:
        errors["term_ends_on"] = _(
            "At least %(n)s months must be left in the current administration's term (it ends on %(day)s)."
        ) % {"n": MIN_MONTHS_LEFT_IN_TERM, "day": term_ends.isoformat()}
    if not [line for line in fields.get("supporting_organisations", "").splitlines() if line.strip()]:
        errors["supporting_organisations"] = _("Name at least one supporting non-governmental organisation.")
    if errors:
        raise ValidationError(errors)
    key = " ".join(fields["jurisdiction"].split()).casefold()
    if ExpressionOfInterest.objects.filter(call=call, country_member=country, jurisdiction_key=key).exists():
        raise ValidationError({"jurisdiction": _("This jurisdiction already expressed interest in this call.")})
    expression = ExpressionOfInterest(call=call, submitted_by=user, jurisdiction_key=key, **fields)
    expression.full_clean()
    attribute_to(expression, user)
    expression.save()
    _notify(
        _staff(),
        _("Expression of interest: %(name)s") % {"name": expression.jurisdiction},
        "",
        expression.get_absolute_url(),
    )
    return expression


@transaction.atomic
def add_letter(
    user: Any, expression: ExpressionOfInterest, kind: str, signatory: str, upload: UploadedFile[bytes] | None
) -> LetterOfSupport:
    require(user, "members.add_letterofsupport", expression)
    content_type = _checked_upload(upload, "file")
    letter = LetterOfSupport(
        expression=expression, kind=kind, signatory=signatory, file=upload, content_type=content_type
    )
    letter.full_clean()
    letter.save()
    return letter


def missing_letters(expression: ExpressionOfInterest) -> list[str]:
    kinds = {letter.kind for letter in expression.letters.all()}
    return [str(label) for value, label in LetterKind.choices if value not in kinds]


# Which statuses the Support Unit may move an expression to, from where.
TRANSITIONS: dict[str, set[str]] = {
    EoiStatus.SUBMITTED: {EoiStatus.SHORTLISTED, EoiStatus.NOT_SELECTED},
    EoiStatus.SHORTLISTED: {EoiStatus.FINALIST, EoiStatus.NOT_SELECTED},
    EoiStatus.FINALIST: {EoiStatus.NOT_SELECTED},
    EoiStatus.NOT_SELECTED: set(),
    EoiStatus.WITHDRAWN: set(),
}


@transaction.atomic
def set_status(user: Any, expression: ExpressionOfInterest, status: str, expected_version: int | None) -> None:
    """Move an expression along the call's lifecycle (the Support Unit, with the committee's scores in view)."""
    expression = lock_version(expression, expected_version)
    if status == EoiStatus.WITHDRAWN:
        require(user, "members.withdraw_expressionofinterest", expression)
    else:
        require(user, "members.decide_expressionofinterest", expression)
        if status not in TRANSITIONS[expression.status] or expression.member_id:
            raise ValidationError(
                {
                    "status": _("An expression that is %(now)s cannot become %(next)s.")
                    % {"now": expression.get_status_display(), "next": EoiStatus(status).label}
                }
            )
        if status == EoiStatus.FINALIST and (missing := missing_letters(expression)):
            raise ValidationError(
                {"status": _("Letters of support missing: %(kinds)s.") % {"kinds": ", ".join(missing)}}
            )
    attribute_to(expression, user)
    apply_changes(expression, {"status": status})
    messages: dict[str, str] = {
        EoiStatus.SHORTLISTED: _("Your expression of interest was shortlisted: upload your letters of support."),
        EoiStatus.FINALIST: _("Your jurisdiction is a finalist."),
        EoiStatus.NOT_SELECTED: _(
            "Your jurisdiction was not selected this time; you are welcome in the OGP Local community of practice."
        ),
    }
    if status in messages:
        _notify([expression.submitted_by], messages[status], "", expression.get_absolute_url())


@transaction.atomic
def score(user: Any, expression: ExpressionOfInterest, fields: dict[str, Any]) -> Score:
    require(user, "members.score_expressionofinterest", expression)
    row, _created = Score.objects.select_for_update().get_or_create(expression=expression, scorer=user, defaults=fields)
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean()
    attribute_to(row, user)
    row.save()
    return row


@transaction.atomic
def accept_finalist(user: Any, expression: ExpressionOfInterest, expected_version: int | None) -> Member:
    """A finalist becomes an OGP Local member under its country; the submitting official becomes its PoC."""
    require(user, "members.decide_expressionofinterest", expression)
    expression = lock_version(expression, expected_version)
    if expression.status != EoiStatus.FINALIST or expression.member_id:
        raise ValidationError(_("Only a finalist not yet accepted can join."))
    country = expression.country_member
    try:
        with transaction.atomic():
            member = _create_member(
                user,
                {
                    "name": expression.jurisdiction,
                    "kind": MemberKind.LOCAL,
                    "parent": country,
                    "country": country.country,
                    "ogp_code": _unique_code(f"{country.ogp_code}{expression.jurisdiction[:3]}"),
                    "region": country.region,
                },
                expression.submitted_by,
                timezone.localdate(),
            )
    except IntegrityError as error:
        raise ValidationError(_("A member with this name already exists.")) from error
    attribute_to(expression, user, reason=_("Accepted as an OGP Local member"))
    apply_changes(expression, {"member": member})
    _notify(
        [expression.submitted_by],
        _("Welcome to OGP Local: %(name)s is a member") % {"name": member.name},
        _("You are the Point of Contact."),
        member.get_absolute_url(),
    )
    return member
