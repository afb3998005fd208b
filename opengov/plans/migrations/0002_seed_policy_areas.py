"""Seed OGP's policy-area taxonomy (plans/taxonomy.py). Idempotent: existing labels are kept."""

from django.db import migrations
from django.utils.text import slugify


def seed(apps, schema_editor):
    from opengov.plans.taxonomy import TAXONOMY

    PolicyArea = apps.get_model("plans", "PolicyArea")
    position = 0
    for parent_label, children in TAXONOMY:
        position += 1
        parent, _ = PolicyArea.objects.get_or_create(
            label=parent_label, defaults={"slug": slugify(parent_label), "position": position}
        )
        for child_label in children:
            position += 1
            PolicyArea.objects.get_or_create(
                label=child_label, defaults={"slug": slugify(child_label), "position": position, "parent": parent}
            )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
