"""The governance bodies OGP has (DOMAIN.md 1.6): the Steering Committee (11 government + 11 civil-society seats),
its three subcommittees, the Board and the International Experts Panel. Seats can be changed in the back office."""

from django.db import migrations

# slug, name, kind, parent slug, government seats, civil-society seats, independent seats, parity, order
BODIES = [
    ("steering-committee", "Steering Committee", "steering_committee", None, 11, 11, 0, True, 1),
    ("governance-and-leadership", "Governance and Leadership Subcommittee", "subcommittee", "steering-committee", 2, 2, 0, True, 2),
    ("criteria-and-standards", "Criteria and Standards Subcommittee", "subcommittee", "steering-committee", 4, 4, 0, True, 3),
    ("thematic-leadership", "Thematic Leadership Subcommittee", "subcommittee", "steering-committee", 4, 4, 0, True, 4),
    ("board", "Board", "board", None, 0, 0, 7, False, 5),
    ("international-experts-panel", "International Experts Panel", "experts_panel", None, 0, 0, 5, False, 6),
]


def seed(apps, schema_editor):
    Body = apps.get_model("governance", "Body")
    for slug, name, kind, parent, gov, cs, ind, parity, order in BODIES:
        Body.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "parent": Body.objects.get(slug=parent) if parent else None,
                "government_seats": gov,
                "civil_society_seats": cs,
                "independent_seats": ind,
                "requires_parity": parity,
                "limits_terms": kind in ("steering_committee", "subcommittee"),
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
