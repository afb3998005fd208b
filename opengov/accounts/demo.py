"""Demo people: one confirmed user per role, all with the same demo password (printed by ``load_demo_data``).

The users and the roles that need no scope are seeded here; roles scoped to a member, an organisation or an action
plan are granted by the app that owns the scope (members/demo.py, plans/demo.py), reading ``DemoUser.scope``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from opengov.core.seeding import SeedLog

from .actions import grant_role
from .models import Role, RoleAssignment, User

DEMO_PASSWORD = "demo-password-2026"
DEMO_EMAIL_DOMAIN = "demo.example.org"


@dataclass(frozen=True)
class DemoUser:
    key: str
    email: str
    display_name: str
    role_label: str  # what the log-in list prints
    role: str | None = None
    scope: str = ""  # "member:AL", "plan:current:AL", "organisation:<slug>"
    is_staff: bool = False


DEMO_USERS: list[DemoUser] = [
    DemoUser("support_unit", f"support@{DEMO_EMAIL_DOMAIN}", "Amira Haddad", "Support Unit staff",
             Role.SUPPORT_UNIT, is_staff=True),
    DemoUser("irm_staff", f"irm@{DEMO_EMAIL_DOMAIN}", "Jonas Lindqvist", "IRM staff", Role.IRM_STAFF),
    DemoUser("irm_researcher", f"researcher@{DEMO_EMAIL_DOMAIN}", "Elira Hoxha",
             "IRM researcher (Albania's current plan)", Role.IRM_RESEARCHER, "plan:current:AL"),
    DemoUser("moderator", f"moderator@{DEMO_EMAIL_DOMAIN}", "Priya Raman", "Moderator", Role.MODERATOR),
    DemoUser("communications", f"communications@{DEMO_EMAIL_DOMAIN}", "Lucía Ferreira",
             "Communications editor (curates stories)", Role.COMMUNICATIONS_EDITOR),
    DemoUser("albania_poc", f"poc.albania@{DEMO_EMAIL_DOMAIN}", "Arben Krasniqi", "Point of Contact, Albania",
             Role.POINT_OF_CONTACT, "member:AL"),
    DemoUser("albania_editor", f"editor.albania@{DEMO_EMAIL_DOMAIN}", "Mira Shehu", "Government editor, Albania",
             Role.GOVERNMENT_EDITOR, "member:AL"),
    DemoUser("armenia_editor", f"editor.armenia@{DEMO_EMAIL_DOMAIN}", "Anush Petrosyan", "Government editor, Armenia",
             Role.GOVERNMENT_EDITOR, "member:AM"),
    DemoUser("cso_rep", f"cso@{DEMO_EMAIL_DOMAIN}", "Besa Dervishi",
             "Civil-society representative (Open Budget Forum Albania)", Role.CSO_REPRESENTATIVE,
             "organisation:open-budget-forum-albania"),
    DemoUser("participant", f"participant@{DEMO_EMAIL_DOMAIN}", "Daniel Okafor", "Participant (no role)"),
]  # fmt: skip


def person(local_part: str, display_name: str) -> User:
    """An extra demo person ``local_part@demo.example.org`` (created with the demo password if missing), for the
    apps whose demo needs more people than DEMO_USERS (applicants, committee members, staff)."""
    user, created = User.objects.get_or_create(
        email=f"{local_part}@{DEMO_EMAIL_DOMAIN}", defaults={"display_name": display_name}
    )
    if created:
        user.password = _password_hash()
        user.save(update_fields=["password"])
    return user


def demo_user(key: str) -> User:
    """The demo user of ``DEMO_USERS`` with this key (seeded by ``seed``)."""
    return User.objects.get(email=next(spec.email for spec in DEMO_USERS if spec.key == key))


def grant_demo_role(spec: DemoUser, scope: object, log: SeedLog) -> None:
    """Grant ``spec``'s role (idempotent: an existing grant is left alone); counted as a role grant when new."""
    assert spec.role is not None
    before = RoleAssignment.objects.count()
    grant_role(None, demo_user(spec.key), spec.role, scope)
    if RoleAssignment.objects.count() != before:
        log.created("role grants")


@functools.cache
def _password_hash() -> str:
    # One hash for every demo user: hashing is deliberately slow, and the password is the same.
    return make_password(DEMO_PASSWORD)


def ensure_user(spec: DemoUser, log: SeedLog) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(
            email=spec.email,
            password=None,
            display_name=spec.display_name,
            is_staff=spec.is_staff,
            is_active=True,
            email_confirmed_at=timezone.now(),
        )
        user.password = _password_hash()
        user.save(update_fields=["password"])
        log.created("users")
    return user


def seed(log: SeedLog) -> None:
    for spec in DEMO_USERS:
        ensure_user(spec, log)
    support_unit = demo_user("support_unit")
    if not RoleAssignment.objects.filter(user=support_unit, role=Role.SUPPORT_UNIT).exists():
        grant_role(None, support_unit, Role.SUPPORT_UNIT)
    for spec in DEMO_USERS:
        if spec.role is not None and not spec.scope:
            grant_demo_role(spec, None, log)


def reset() -> dict[str, int]:
    """Delete the demo users: those of ``seed`` and the extra demo people of other apps (``person``)."""
    demo = User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
    return {"users": demo.delete()[1].get("accounts.User", 0)}


def login_table() -> list[tuple[str, str, str]]:
    """(role, e-mail, password) for every demo user, in the order the command prints them."""
    return [(spec.role_label, spec.email, DEMO_PASSWORD) for spec in DEMO_USERS]
