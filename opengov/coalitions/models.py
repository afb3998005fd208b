"""Coalitions OGP convenes around policy areas (gender and inclusion, beneficial ownership, water...): who takes
part (member governments, organisations, individuals), their resources and events, and a moderated discussion.

The commitments a coalition page shows are never stored here: they are computed from the government members'
action plans tagged with the coalition's policy areas (see queries.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

MAX_POST_LENGTH = 10_000


class Coalition(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), help_text=_("Markdown."))
    policy_areas = models.ManyToManyField("plans.PolicyArea", verbose_name=_("policy areas"), related_name="coalitions")
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coalitions:detail", kwargs={"slug": self.slug})


class ParticipantKind(models.TextChoices):
    GOVERNMENT = "government", _("Member government")
    ORGANISATION = "organisation", _("Organisation")
    INDIVIDUAL = "individual", _("Individual")


_SCOPE = {
    ParticipantKind.GOVERNMENT: "member",
    ParticipantKind.ORGANISATION: "organisation",
    ParticipantKind.INDIVIDUAL: "user",
}


def _scope_condition(kind: str, field: str) -> models.Q:
    q = models.Q(kind=kind)
    for name in _SCOPE.values():
        q &= models.Q(**{f"{name}__isnull": name != field})
    return q


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def current(self) -> ParticipantQuerySet:
        return self.filter(left_on__isnull=True)


class Participant(models.Model):
    """A government, organisation or individual taking part in a coalition. Leaving sets ``left_on``."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("kind"), max_length=20, choices=ParticipantKind.choices)
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, null=True, blank=True, related_name="coalition_participations"
    )
    organisation = models.ForeignKey(
        "members.CivilSocietyOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coalition_participations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coalition_participations",
    )
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "joined_on"]
        verbose_name = _("coalition participant")
        verbose_name_plural = _("coalition participants")
        indexes = [models.Index(fields=["coalition", "kind", "left_on"])]
        constraints = [
            models.CheckConstraint(
                name="participant_scope_matches_kind",
                condition=models.Q(*[_scope_condition(k, f) for k, f in _SCOPE.items()], _connector=models.Q.OR),
            )
        ]

    def __str__(self) -> str:
        return str(self.member or self.organisation or self.user)

    @property
    def public_name(self) -> str:
        if self.user_id and self.user is not None:  # not None: it has an id
            return str(self.user.public_name)
        return str(self.member or self.organisation)


class Resource(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"))
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title


class Event(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"))
    location = models.CharField(_("location"), max_length=200, blank=True, help_text=_("Or 'Online'."))
    url = models.URLField(_("link"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("coalition event")
        verbose_name_plural = _("coalition events")

    def __str__(self) -> str:
        return self.title


class Visibility(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden by a moderator")


class Thread(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_post_at"]
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")
        indexes = [models.Index(fields=["coalition", "-last_post_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coalitions:thread", kwargs={"slug": self.coalition.slug, "pk": self.pk})


class Post(models.Model):
    """The opening message of a thread or a reply. Moderators hide and restore; nothing is deleted."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"), help_text=_("Markdown."))
    created_at = models.DateTimeField(default=timezone.now)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE)
    moderation_reason = models.CharField(_("reason"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return self.body[:60]


class Flag(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [models.UniqueConstraint(fields=["post", "flagged_by"], name="coalition_flag_once")]

    def __str__(self) -> str:
        return self.reason
