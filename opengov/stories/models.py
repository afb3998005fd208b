"""OpenStories (DOMAIN.md 5.2): stories of progress shared by the community and curated by OGP's communications staff.

A story links the members, action plans and commitments it is about, so it shows on their pages. Its status follows
the lifecycle declared in lifecycle.py; every change is kept in the history (the story's versions). A translation is
a story of its own (same lifecycle) pointing at the original.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from opengov.members.models import Member, Region
from opengov.plans.models import ActionPlan, Commitment, PolicyArea

from .lifecycle import PUBLIC, Status

# The rows the public list reads (lifecycle.PUBLIC, as a literal list so migrations can freeze it).
PUBLIC_ORIGINAL = models.Q(status__in=["featured", "published"], translation_of__isnull=True)
MAX_SUMMARY_LENGTH = 600
MAX_BODY_LENGTH = 30_000
MAX_IMAGES = 12


class Format(models.TextChoices):
    WRITTEN = "written", _("Written story")
    VIDEO = "video", _("Video")
    PHOTO_ESSAY = "photo_essay", _("Photo essay")


class Language(models.TextChoices):
    """Languages a story may be written in (the interface itself is in English, Spanish and French)."""

    EN = "en", _("English")
    ES = "es", _("Spanish")
    FR = "fr", _("French")
    PT = "pt", _("Portuguese")
    AR = "ar", _("Arabic")
    RU = "ru", _("Russian")
    ID = "id", _("Indonesian")
    UK = "uk", _("Ukrainian")


class StoryQuerySet(models.QuerySet["Story"]):
    def public(self) -> StoryQuerySet:
        return self.filter(status__in=sorted(PUBLIC))

    def for_list(self) -> StoryQuerySet:
        return self.select_related("member").only(
            "pk",
            "title",
            "summary",
            "language",
            "country",
            "region",
            "format",
            "status",
            "published_at",
            "member__name",
            "member__slug",
        )

    def search(self, text: str) -> StoryQuerySet:
        """Stories whose title, summary or text contain every word of ``text`` (case-insensitive)."""
        qs = self
        for word in text.split()[:8]:
            qs = qs.filter(
                models.Q(title__icontains=word) | models.Q(summary__icontains=word) | models.Q(body__icontains=word)
            )
        return qs


class Story(models.Model):
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), help_text=_("Two or three sentences: what changed, for whom."))
    body = models.TextField(_("the story"), help_text=_("Markdown is allowed."))
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.EN)
    country = CountryField(_("country"), blank=True)
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("OGP member"),
        help_text=_("The national or local member the story comes from, if any."),
    )
    region = models.CharField(_("region"), max_length=30, choices=Region.choices, blank=True, editable=False)
    topics = models.ManyToManyField(PolicyArea, blank=True, related_name="stories", verbose_name=_("topics"))
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.WRITTEN)
    video_url = models.URLField(_("video link"), blank=True, max_length=500)
    commitments = models.ManyToManyField(
        Commitment, blank=True, related_name="stories", verbose_name=_("commitments it is about")
    )
    action_plans = models.ManyToManyField(
        ActionPlan, blank=True, related_name="stories", verbose_name=_("action plans it is about")
    )
    members = models.ManyToManyField(
        Member, blank=True, related_name="stories_about", verbose_name=_("members it is about")
    )
    # OGP's self-check for a good story (DOMAIN.md 5.2).
    changes_service = models.BooleanField(_("It changes how government serves citizens"), default=False)
    tangible_progress = models.BooleanField(_("It shows tangible progress"), default=False)
    scalable = models.BooleanField(_("It is scalable or adaptable elsewhere"), default=False)
    lessons = models.BooleanField(_("It holds lessons for others"), default=False)
    consent_publish = models.BooleanField(_("I agree that OGP publishes this story"), default=False)
    consent_contact = models.BooleanField(_("OGP may contact me about this story"), default=False)

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="stories", verbose_name=_("author")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    decision_reason = models.TextField(_("reason given"), blank=True)
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    featured_at = models.DateTimeField(_("featured at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        # The stories page lists public originals newest first, filtered by one column at most: partial indexes on
        # exactly those rows give it the first page without a sort whatever the number of stories.
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="story_status_submitted"),
            models.Index(fields=["-published_at", "-id"], name="story_public", condition=PUBLIC_ORIGINAL),
            *[
                models.Index(
                    fields=[column, "-published_at", "-id"], name=f"story_public_{column}", condition=PUBLIC_ORIGINAL
                )
                for column in ("region", "country", "language", "format")
            ],
            models.Index(
                fields=["-featured_at", "-id"],
                name="story_featured",
                condition=models.Q(status=Status.FEATURED, translation_of__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("stories:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC

    @property
    def original(self) -> Story:
        return self.translation_of or self


def image_path(instance: StoryImage, filename: str) -> str:
    return f"stories/images/{filename}"


class StoryImage(models.Model):
    """One picture of a photo essay; the alternative text is required (WCAG 1.1.1)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="images")
    image = models.FileField(_("image"), upload_to=image_path, max_length=300)
    content_type = models.CharField(max_length=50, editable=False)
    alt_text = models.CharField(_("alternative text"), max_length=300)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("story image")
        verbose_name_plural = _("story images")

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        return reverse("stories:image", kwargs={"pk": self.story_id, "image": self.pk})
