"""Seed OGP's policy-area taxonomy (plans/taxonomy.py). Idempotent: existing labels are kept."""

from django.db import migrations


def seed(apps, schema_editor):
    from opengov.plans.taxonomy import seed as seed_taxonomy

    seed_taxonomy(apps.get_model("plans", "PolicyArea"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
