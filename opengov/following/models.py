"""Who follows what, what changed, how often each person wants to hear, and what was already sent.

``Change`` rows are written when something a follower cares about happens (core/followables.py says which
writes count). ``Delivery`` records that a change went to a person, by immediate e-mail or in a digest; its
uniqueness is what makes sending idempotent: nothing is ever sent twice.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("At once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Never")


class Follow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.BigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_id"], name="follow_once_per_user")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="follow_target")]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.content_type_id}:{self.object_id}"


class Change(models.Model):
    """Something that happened to one followed item. ``key`` makes emitting twice harmless."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.BigIntegerField()
    target_title = models.CharField(max_length=300)
    target_url = models.CharField(max_length=500)
    kind = models.CharField(_("kind"), max_length=40)
    default_frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    summary = models.CharField(_("what happened"), max_length=500)
    url = models.CharField(_("link"), max_length=500)
    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"], name="change_target")]

    def __str__(self) -> str:
        return self.summary


class Preference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_preferences")
    kind = models.CharField(max_length=40)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.frequency}"


class Delivery(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="deliveries")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "change"], name="delivery_once")]

    def __str__(self) -> str:
        return f"{self.change_id} -> {self.user_id}"
