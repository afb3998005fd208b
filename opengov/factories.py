"""Test data factories, in one place for every app's tests (and the benchmark seeders)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import factory
from django.utils import timezone
from django.utils.text import slugify

from opengov.accounts.models import User
from opengov.members.models import (
    CivilSocietyOrganisation,
    EligibilityScore,
    Member,
    MemberKind,
    Region,
    StatusChange,
)
from opengov.plans.models import ActionPlan, Commitment, EvidenceLink, Milestone, PolicyArea, ProgressUpdate
from opengov.plans.phases import Phase

if TYPE_CHECKING:  # the factories below name these models by label; the names here are for the type checker
    from opengov.cocreation.models import (  # noqa: F401
        Consultation,
        Contribution,
        Document,
        Forum,
        ForumSeat,
        Meeting,
        Response,
    )
    from opengov.irm.models import Assessment, Report  # noqa: F401


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Faker("name")
    is_active = True
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook
        if create:
            obj.save()


class MemberFactory(factory.django.DjangoModelFactory[Member]):
    class Meta:
        model = Member
        django_get_or_create = ("ogp_code",)

    name = factory.Sequence(lambda n: f"Member {n}")
    slug = factory.LazyAttribute(lambda m: slugify(m.name))
    kind = MemberKind.NATIONAL
    ogp_code = factory.Sequence(lambda n: f"Q{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    iso3 = factory.LazyAttribute(lambda m: f"{m.ogp_code[:3]:X<3}")
    region = Region.EUROPE
    join_date = datetime.date(2012, 4, 17)
    lead_agency = "Ministry of Public Administration"


class CivilSocietyOrganisationFactory(factory.django.DjangoModelFactory[CivilSocietyOrganisation]):
    class Meta:
        model = CivilSocietyOrganisation

    name = factory.Sequence(lambda n: f"Transparency Watch {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ActionPlanFactory(factory.django.DjangoModelFactory[ActionPlan]):
    class Meta:
        model = ActionPlan

    member = factory.SubFactory(MemberFactory)
    number = factory.Sequence(lambda n: n + 1)
    ogp_id = factory.LazyAttribute(lambda p: f"AP_{p.member.iso3}{p.number:02d}")
    start_year = 2022
    end_year = 2024
    duration_years = 2
    phase = Phase.IMPLEMENTATION


class CommitmentFactory(factory.django.DjangoModelFactory[Commitment]):
    class Meta:
        model = Commitment
        skip_postgeneration_save = True

    action_plan = factory.SubFactory(ActionPlanFactory)
    # Generated ids start at 5000 so they never collide with the low ids tests write out (AL0001, AL0042).
    ogp_id = factory.LazyAttributeSequence(lambda c, n: f"{c.action_plan.member.ogp_code}{5000 + n % 5000:04d}")
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Faker("sentence", nb_words=6)
    problem = factory.Faker("paragraph")
    description = factory.Faker("paragraph")
    lead_institution = "Ministry of Justice"
    access_to_information = True

    @factory.post_generation
    def policy_areas(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook
        if create and extracted:
            obj.policy_areas.set(extracted)


class MilestoneFactory(factory.django.DjangoModelFactory[Milestone]):
    class Meta:
        model = Milestone

    commitment = factory.SubFactory(CommitmentFactory)
    title = factory.Faker("sentence", nb_words=5)
    expected_output = factory.Faker("sentence")
    responsible = "Ministry of Justice"


class ProgressUpdateFactory(factory.django.DjangoModelFactory[ProgressUpdate]):
    class Meta:
        model = ProgressUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    reported_on = datetime.date(2024, 3, 1)
    completion = "limited"
    text = factory.Faker("paragraph")


class StatusChangeFactory(factory.django.DjangoModelFactory[StatusChange]):
    """A status-history row only; the member's current ``status`` is set by members.actions."""

    class Meta:
        model = StatusChange

    member = factory.SubFactory(MemberFactory)
    status = "active"
    effective_date = datetime.date(2020, 1, 1)
    reason = factory.Faker("sentence")


class EligibilityScoreFactory(factory.django.DjangoModelFactory[EligibilityScore]):
    class Meta:
        model = EligibilityScore

    member = factory.SubFactory(MemberFactory)
    year = factory.Sequence(lambda n: 2012 + n % 80)
    fiscal_transparency = 4
    access_to_information = 4
    asset_disclosure = 2
    citizen_engagement = 3


class EvidenceLinkFactory(factory.django.DjangoModelFactory[EvidenceLink]):
    class Meta:
        model = EvidenceLink

    progress_update = factory.SubFactory(ProgressUpdateFactory)
    url = factory.Sequence(lambda n: f"https://example.org/evidence/{n}")
    title = factory.Faker("sentence", nb_words=4)


def policy_area(label: str) -> PolicyArea:
    """The seeded taxonomy is in the database from migration plans.0002."""
    return PolicyArea.objects.get(label=label)


def plan_with_commitment(member: Member, phase: str = Phase.CO_CREATION, milestones: int = 1) -> Commitment:
    """A commitment of a fresh action plan of ``member`` in ``phase``, with milestones (editing-page tests)."""
    plan = ActionPlanFactory(member=member, phase=phase)
    commitment: Commitment = CommitmentFactory(action_plan=plan)  # type: ignore[assignment]  # factory_boy is untyped
    MilestoneFactory.create_batch(milestones, commitment=commitment)
    return commitment


# --- Co-creation (opengov.cocreation) -------------------------------------------------------------------------------


class ForumFactory(factory.django.DjangoModelFactory["Forum"]):
    class Meta:
        model = "cocreation.Forum"
        django_get_or_create = ("member",)

    member = factory.SubFactory(MemberFactory)
    name = factory.LazyAttribute(lambda f: f"{f.member.name} multi-stakeholder forum")
    rules_of_participation = "Seats are shared equally between government and civil society."


class ForumSeatFactory(factory.django.DjangoModelFactory["ForumSeat"]):
    class Meta:
        model = "cocreation.ForumSeat"

    forum = factory.SubFactory(ForumFactory)
    name = factory.Faker("name")
    affiliation = "Ministry of Justice"
    sector = "government"


class MeetingFactory(factory.django.DjangoModelFactory["Meeting"]):
    class Meta:
        model = "cocreation.Meeting"

    forum = factory.SubFactory(ForumFactory)
    held_on = datetime.date(2022, 3, 1)
    title = factory.Faker("sentence", nb_words=4)
    agenda = "1. Draft commitments\n2. Timeline"
    attendees_government = 4
    attendees_civil_society = 5


class DocumentFactory(factory.django.DjangoModelFactory["Document"]):
    class Meta:
        model = "cocreation.Document"

    member = factory.SubFactory(MemberFactory)
    kind = "minutes"
    title = factory.Faker("sentence", nb_words=4)
    published_on = datetime.date(2022, 3, 1)
    url = factory.Sequence(lambda n: f"https://example.org/documents/{n}.pdf")


class ConsultationFactory(factory.django.DjangoModelFactory["Consultation"]):
    class Meta:
        model = "cocreation.Consultation"

    action_plan = factory.SubFactory(ActionPlanFactory, phase=Phase.CO_CREATION)
    title = factory.Faker("sentence", nb_words=5)
    description = "Tell us what the next action plan should do."
    timeline_published_on = datetime.date(2022, 1, 1)
    opens_on = datetime.date(2022, 1, 15)
    closes_on = datetime.date(2099, 12, 31)


class ContributionFactory(factory.django.DjangoModelFactory["Contribution"]):
    class Meta:
        model = "cocreation.Contribution"

    consultation = factory.SubFactory(ConsultationFactory)
    kind = "proposal"
    author = factory.SubFactory(UserFactory)
    title = factory.Faker("sentence", nb_words=5)
    body = factory.Faker("paragraph")


class ResponseFactory(factory.django.DjangoModelFactory["Response"]):
    class Meta:
        model = "cocreation.Response"

    contribution = factory.SubFactory(ContributionFactory)
    outcome = "not_adopted"
    justification = "Outside the scope of this plan; passed to the ministry concerned."
    responded_at = factory.LazyFunction(lambda: datetime.datetime(2022, 3, 1, tzinfo=datetime.UTC))


# --- IRM (opengov.irm) ----------------------------------------------------------------------------------------------


class IrmReportFactory(factory.django.DjangoModelFactory["Report"]):
    """A report row as the importer would write it (state set directly; pages and APIs go through irm.actions)."""

    class Meta:
        model = "irm.Report"

    action_plan = factory.SubFactory(ActionPlanFactory)
    product = "action_plan_review"
    state = "draft"


ReportFactory = IrmReportFactory


class AssessmentFactory(factory.django.DjangoModelFactory["Assessment"]):
    class Meta:
        model = "irm.Assessment"

    report = factory.SubFactory(IrmReportFactory)
    commitment = factory.SubFactory(CommitmentFactory, action_plan=factory.SelfAttribute("..report.action_plan"))
    verifiable = "yes"
    relevant = "yes"
    potential_for_results = "modest"


def assign_researcher_to(plan: ActionPlan, user: User | None = None) -> User:
    """A researcher who declared no conflict and was assigned to ``plan`` (by irm.actions, as IRM staff would)."""
    from opengov.irm.actions import declare_interests

    user = user or UserFactory()  # type: ignore[assignment]  # factory_boy is untyped
    assignment = declare_interests(user, plan, "", no_conflict=True)
    assign_researcher_as_system(assignment)
    assert user is not None
    return user


def assign_researcher_as_system(assignment):
    """Assign without an IRM staff persona (test set-up): the same action, its permission check satisfied."""
    from opengov.accounts.actions import grant_role
    from opengov.accounts.models import Role
    from opengov.irm.actions import assign_researcher

    staff = UserFactory()
    grant_role(None, staff, Role.IRM_STAFF)
    return assign_researcher(staff, assignment)


# ---------------------------------------------------------------------------------------------------- Open Gov Week


class EditionFactory(factory.django.DjangoModelFactory):
    """An edition taking submissions today (the official week a month ahead)."""

    class Meta:
        model = "events.Edition"
        django_get_or_create = ("year",)

    year = factory.Sequence(lambda n: 2030 + n)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda e: e.starts_on + datetime.timedelta(days=4))
    theme_en = "Open government for everyone"
    theme_es = "Gobierno abierto para todos"
    theme_fr = "Un gouvernement ouvert pour tous"
    call_en = "Hold an event during **Open Gov Week**."
    submissions_open_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    submissions_close_on = factory.LazyAttribute(lambda e: e.ends_on)


class EventFactory(factory.django.DjangoModelFactory):
    """An approved in-person event in Italy (override ``state`` for the moderation states)."""

    class Meta:
        model = "events.Event"

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Open budget forum {n}")
    slug = factory.LazyAttribute(lambda e: slugify(e.title))
    description = "A public debate on the budget."
    organiser_name = "Open Data Italia"
    organiser_type = "civil_society"
    country = "IT"
    city = "Rome"
    latitude = 41.9
    longitude = 12.5
    format = "in_person"
    starts_at = factory.LazyFunction(
        lambda: datetime.datetime.now(datetime.UTC).replace(second=0, microsecond=0) + datetime.timedelta(days=30)
    )
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + datetime.timedelta(hours=2))
    timezone = "Europe/Rome"
    languages = "|en|it|"
    topics = "|civic_space|"
    event_type = "debate"
    contact_email = "organiser@example.org"
    submitted_by = factory.SubFactory(UserFactory)
    state = "approved"
    approved_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
