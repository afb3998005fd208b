"""The search index: one row per public object of every registered kind, plus the words seen (for spelling).

PostgreSQL adds a stored, generated ``vector`` column (tsvector of the title, weight A, and body, weight B,
stemmed in the row's language over ``unaccent``) with a GIN index, and a trigram index on the words; SQLite
adds an FTS5 table ``search_fts`` holding the stemmed text (migration 0002). Neither is a model field, so the
model stays the same on both databases.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    kind = models.CharField(_("type"), max_length=40)
    object_id = models.BigIntegerField()
    title = models.CharField(_("title"), max_length=600)
    body = models.TextField(_("text"), blank=True)
    language = models.CharField(_("language"), max_length=2, default="en")
    url = models.CharField(_("link"), max_length=500)
    member_id = models.BigIntegerField(null=True, blank=True)
    member_name = models.CharField(_("member"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    boost = models.FloatField(default=1.0)
    updated_at = models.DateTimeField(_("indexed at"), db_index=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique_object")]
        indexes = [
            models.Index(fields=["member_id"], name="search_doc_member"),
            models.Index(fields=["region"], name="search_doc_region"),
            models.Index(fields=["year"], name="search_doc_year"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class DocumentArea(models.Model):
    """A document's policy area (facet); ``area_id`` is a plans.PolicyArea id, kept loose (no foreign key) so the
    index can be rebuilt and written without locking the taxonomy."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="areas")
    area_id = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "area_id"], name="search_area_unique")]
        indexes = [models.Index(fields=["area_id", "document"], name="search_area_lookup")]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.area_id}"


class Term(models.Model):
    """A folded word seen in some document: the vocabulary misspelt query words are corrected against."""

    word = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.word
