"""Open data through the API. Members, action plans, commitments, milestones, policy areas and IRM
assessments already have read endpoints (members, plans and irm apps); this app adds what only it
holds: each commitment's OGP database record (dates as given, null codes, unmodelled cells)."""

from __future__ import annotations

from rest_framework import serializers, viewsets
from rest_framework.routers import DefaultRouter

from .models import CommitmentRecord


class CommitmentRecordSerializer(serializers.ModelSerializer[CommitmentRecord]):
    commitment = serializers.CharField(source="commitment.ogp_id", read_only=True)
    # Plain strings: the two precision fields share one choice set, which would give the schema two enum names.
    start_date_precision = serializers.CharField(read_only=True)
    end_date_precision = serializers.CharField(read_only=True)

    class Meta:
        model = CommitmentRecord
        fields = [
            "commitment",
            "start_date_given",
            "start_date_precision",
            "end_date_given",
            "end_date_precision",
            "null_codes",
            "cells",
        ]


class CommitmentRecordViewSet(viewsets.ReadOnlyModelViewSet[CommitmentRecord]):
    """OGP commitments-database cells the platform's models do not hold, per commitment (public data)."""

    serializer_class = CommitmentRecordSerializer
    queryset = CommitmentRecord.objects.select_related("commitment").order_by("commitment__ogp_id")
    lookup_field = "commitment__ogp_id"
    lookup_url_kwarg = "ogp_id"


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the project's one router (opengov/api_router.py)."""
    router.register("ogp-records", CommitmentRecordViewSet, basename="ogp-record")
