"""Open data: import jobs and what OGP's commitments database says that the platform's models do not hold.

``CommitmentRecord`` keeps, per imported commitment, everything needed to write the same row back:
the dates as given (with their precision), the null code of every modelled column that held one (``NA``,
``ND``, ``NR`` or empty stay distinct), and the cells of the columns the platform has no field for (IRM
labels, OGP's helper flags and scores; ``cells``, queryable with JSON lookups such as
``CommitmentRecord.objects.filter(cells__Compound="1")``). docs/opendata.md lists every column's home.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opengov.plans.models import Commitment

from .parsing import Precision


class CommitmentRecord(models.Model):
    """The commitment's row in OGP's commitments database, for what the platform does not model."""

    commitment = models.OneToOneField(
        Commitment, on_delete=models.CASCADE, primary_key=True, related_name="ogp_record", verbose_name=_("commitment")
    )
    start_date_given = models.CharField(_("start date as given"), max_length=100, blank=True)
    start_date_precision = models.CharField(
        _("start date precision"), max_length=10, choices=Precision.CHOICES, blank=True
    )
    end_date_given = models.CharField(_("end date as given"), max_length=100, blank=True)
    end_date_precision = models.CharField(_("end date precision"), max_length=10, choices=Precision.CHOICES, blank=True)
    null_codes = models.JSONField(
        _("null codes"), default=dict, blank=True, help_text=_("Column -> NA / ND / NR / empty, for modelled columns.")
    )
    cells = models.JSONField(
        _("other cells"), default=dict, blank=True, help_text=_("Column -> cell as given, for unmodelled columns.")
    )
    # Bookkeeping of the unchanged-row shortcut (importers/unchanged.py), not part of the record's history.
    row_hash = models.CharField(_("row hash"), max_length=64, blank=True, editable=False)
    synced_state = models.CharField(_("state after import"), max_length=40, blank=True, editable=False)
    row_warnings = models.JSONField(_("row warnings"), default=list, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["row_hash", "synced_state", "row_warnings"])

    class Meta:
        indexes = [
            # The carried-forward indicator (insights) reads the few records OGP marks "Carried Forward" = 1:
            # an index scan of those instead of reading every record's JSON (160 MB at 100,000 commitments).
            models.Index(
                fields=["commitment"],
                condition=models.Q(**{"cells__Carried Forward": "1"}),
                name="opendata_record_carried_fwd",
            )
        ]
        verbose_name = _("OGP database record")
        verbose_name_plural = _("OGP database records")

    def __str__(self) -> str:
        return str(self.commitment_id)


class ImportKind(models.TextChoices):
    OGP_CSV = "ogp_csv", _("OGP commitments database (CSV)")
    TRACKER = "tracker", _("Government progress tracker (CSV)")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """One upload and its import, run by a background task that updates progress and the report here."""

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices, default=ImportKind.OGP_CSV)
    file = models.FileField(_("file"), upload_to="opendata/imports/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=255)
    dry_run = models.BooleanField(_("dry run"), default=False)
    skip_bad_rows = models.BooleanField(_("skip bad rows"), default=False)
    # Rows changed on the platform since the file's data was last imported are held back unless the file wins,
    # for every row or for these commitment ids (importers/ogp_csv.py).
    file_wins = models.BooleanField(_("the file wins over platform edits"), default=False)
    file_wins_for = models.JSONField(_("the file wins for these commitments"), default=list, blank=True)
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("member")
    )
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    issues = models.JSONField(_("issues"), default=list, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("opendata:import-job", kwargs={"pk": self.pk})

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)
