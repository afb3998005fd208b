"""Commitments imported before their dates kept a precision get it from their OGP record ("July 2014")."""

from django.db import migrations

PERIODS = ("month", "quarter", "season", "year")


def copy_precision(apps, schema_editor):
    Commitment = apps.get_model("plans", "Commitment")
    CommitmentRecord = apps.get_model("opendata", "CommitmentRecord")
    for end in ("start", "end"):
        field = f"{end}_date_precision"
        for precision in PERIODS:
            ids = CommitmentRecord.objects.filter(**{field: precision}).values("commitment_id")
            Commitment.objects.filter(pk__in=ids, **{f"{end}_date__isnull": False}).update(**{field: precision})


class Migration(migrations.Migration):
    dependencies = [
        ("opendata", "0002_unchanged_row_shortcut"),
        ("plans", "0005_commitment_date_precision"),
    ]

    operations = [migrations.RunPython(copy_precision, migrations.RunPython.noop)]
