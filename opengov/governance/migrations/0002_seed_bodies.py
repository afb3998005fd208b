"""Seed the governance bodies (governance/bodies.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from opengov.governance.bodies import seed as seed_bodies

    seed_bodies(apps.get_model("governance", "Body"))


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
