from opengov.plans.models import PolicyArea
from opengov.plans.taxonomy import TAXONOMY, all_labels


def test_the_seeded_taxonomy_has_every_column_label_of_ogps_database(db):
    assert set(PolicyArea.objects.values_list("label", flat=True)) == set(all_labels())


def test_it_has_two_levels(db):
    assert not PolicyArea.objects.filter(parent__parent__isnull=False).exists()
    justice = PolicyArea.objects.get(label="Justice")
    assert set(justice.children.values_list("label", flat=True)) == {
        "Access to Justice",
        "Open Justice",
        "Policing & Corrections",
        "Judiciary",
    }


def test_labels_and_slugs_are_unique(db):
    labels = all_labels()
    assert len(labels) == len(set(labels)) == 86
    assert PolicyArea.objects.values("slug").distinct().count() == len(labels)


def test_groups_keep_the_database_column_order(db):
    assert [label for label, _ in TAXONOMY][:3] == [
        "Anti-Corruption and Integrity",
        "Civic Space and Enabling Environment",
        "Democratizing Decision-Making",
    ]


def test_pages_show_policy_areas_in_the_readers_language(client, db):
    area = PolicyArea.objects.get(label="Water & Sanitation")
    assert "Agua y saneamiento" in client.get(area.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Eau et assainissement" in client.get(area.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert area.label == "Water & Sanitation"  # the stored label stays OGP's column name
