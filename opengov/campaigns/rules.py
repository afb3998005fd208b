"""Who may run campaigns, send examples and Challenge submissions, and review them.

Support Unit staff run campaigns (targets, documents, themes, pledges and their follow-up), review crowdsourced
examples and Challenge submissions and assign the Challenge area. Anyone signed in may send an example to a
campaign that collects them. A Challenge submission for an OGP member comes from its government (Point of Contact
or government editor); a public institution of a country that is not a member may submit too (the Support Unit
checks it before accepting). The same names serve pages, the API and the admin.
"""

from __future__ import annotations

from typing import Any

import rules

from opengov.accounts.predicates import is_support_unit, roles_of


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def collects_examples(user: Any, campaign: Any) -> bool:
    return campaign is not None and campaign.collects_examples


@rules.predicate
def takes_submissions(user: Any, campaign: Any) -> bool:
    return campaign is not None and campaign.takes_challenge_submissions


@rules.predicate
def edits_for_the_member(user: Any, member: Any) -> bool:
    """No member (a non-member institution) or a member the user edits for."""
    return member is None or member.pk in roles_of(user).government_members


rules.add_perm("campaigns.manage_campaign", is_support_unit)
rules.add_perm("campaigns.add_example", is_signed_in & collects_examples)  # obj: the campaign
rules.add_perm("campaigns.review_example", is_support_unit)
rules.add_perm("campaigns.add_submission", is_signed_in & takes_submissions)  # obj: the campaign
rules.add_perm("campaigns.submit_for_member", is_support_unit | (is_signed_in & edits_for_the_member))  # obj: member
rules.add_perm("campaigns.review_submission", is_support_unit)
