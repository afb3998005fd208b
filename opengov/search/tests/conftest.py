"""A small corpus in three languages, indexed the way the site indexes it."""

from __future__ import annotations

import pytest

from opengov.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    ContributionFactory,
    IrmReportFactory,
    MemberFactory,
    MilestoneFactory,
    policy_area,
)
from opengov.members.models import Region
from opengov.search import indexer


@pytest.fixture
def corpus(albania, armenia):
    cote = MemberFactory(
        name="Côte d'Ivoire", slug="cote-divoire", ogp_code="CI", iso3="CIV", region=Region.AFRICA_MIDDLE_EAST
    )
    spain = MemberFactory(name="España", slug="espana", ogp_code="ES", iso3="ESP", region=Region.EUROPE)
    al_plan = ActionPlanFactory(member=albania, number=1, start_year=2020, end_year=2022)
    am_plan = ActionPlanFactory(member=armenia, number=1, start_year=2022, end_year=2024)
    ci_plan = ActionPlanFactory(member=cote, number=1, start_year=2021, end_year=2023)
    es_plan = ActionPlanFactory(member=spain, number=1, start_year=2023, end_year=2025)
    c = {}
    c["ownership"] = CommitmentFactory(
        action_plan=al_plan,
        ogp_id="AL0001",
        title="Beneficial ownership register",
        problem="Companies hide who owns them.",
        description="Publish a public register of the beneficial owners of companies.",
    )
    c["ownership"].policy_areas.add(policy_area("Beneficial Ownership"))
    c["contracting"] = CommitmentFactory(
        action_plan=am_plan,
        ogp_id="AM0001",
        title="Open contracting portal",
        problem="Procurement is opaque.",
        description="Contracts are published; later the ownership data of suppliers that are beneficial to audits.",
    )
    MilestoneFactory(
        commitment=c["contracting"], title="Train procurement officers", expected_output="Two hundred officers trained"
    )
    c["gender"] = CommitmentFactory(
        action_plan=am_plan,
        ogp_id="AM0002",
        title="Gender budgeting in municipalities",
        problem="Budgets ignore gender gaps.",
        description="Municipal budgets report spending by gender.",
    )
    c["spanish"] = CommitmentFactory(
        action_plan=es_plan,
        ogp_id="ES0001",
        title="Transparencia en las contrataciones públicas",
        problem="Los ciudadanos no conocen los contratos de la administración.",
        description="Publicar todos los contratos y las licitaciones en un portal de datos abiertos.",
        lead_institution="Ministerio de Hacienda",
    )
    c["french"] = CommitmentFactory(
        action_plan=ci_plan,
        ogp_id="CI0001",
        title="Transparence des marchés publics",
        problem="Les citoyens ne connaissent pas les marchés passés par les administrations.",
        description="Publier les marchés publics et les rapports d'exécution sur un portail ouvert.",
    )
    draft = IrmReportFactory(
        action_plan=al_plan, product="action_plan_review", state="draft", summary="Secret draft zanzibar findings"
    )
    published = IrmReportFactory(
        action_plan=am_plan,
        product="results_report",
        state="published",
        summary="Armenia delivered its procurement reforms.",
    )
    hidden = ContributionFactory(
        consultation__action_plan=es_plan, title="Hidden quokka proposal", body="Spam about quokka", visibility="hidden"
    )
    visible = ContributionFactory(
        consultation__action_plan=es_plan, title="Visible proposal on wombat registers", body="A wombat idea"
    )
    indexer.rebuild()
    return {
        "commitments": c,
        "draft": draft,
        "published": published,
        "hidden": hidden,
        "visible": visible,
        "cote": cote,
    }


# Browser tests here use the same Debian Chromium set-up as core's.
from opengov.core.tests.conftest import browser_type_launch_args  # noqa: E402, F401
