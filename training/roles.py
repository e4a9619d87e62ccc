"""The roles people hold, as Django groups.

Groups are created by a data migration (training/migrations/0002_roles.py);
each later app extends their permissions in a migration of its own.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .sql import column, connection_for, first_column, table

LEARNER = "Learner"
TRAINER = "Trainer"
LEAD_TRAINER = "Lead trainer"
SUPERVISOR = "Supervisor"
COORDINATOR = "Coordinator"

ALL_ROLES = (LEARNER, TRAINER, LEAD_TRAINER, SUPERVISOR, COORDINATOR)
# Roles that work in the Wagtail admin: they must protect their account with TOTP.
STAFF_ROLES = (TRAINER, LEAD_TRAINER, SUPERVISOR, COORDINATOR)


def user_has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    return role in role_names(user)


def role_names(user) -> frozenset[str]:
    """The user's role names, computed once per user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_peerpath_role_names", None)
    if cached is None:
        cached = user._peerpath_role_names = _group_names(user)
    return cached


def _group_names(user) -> frozenset[str]:
    # Every page asks (the menu shows staff their links), so this is plain SQL
    # (training/sql.py).

    memberships = get_user_model().groups.through
    db = connection_for(memberships)
    query = (
        f"SELECT g.{column(db, Group, 'name')} FROM {table(db, Group)} g"
        f" JOIN {table(db, memberships)} m"
        f" ON m.{column(db, memberships, 'group')} = g.{column(db, Group, 'id')}"
        f" WHERE m.{column(db, memberships, 'user')} = %s"
    )
    return frozenset(first_column(db, query, [user.pk]))


def is_staff_member(user) -> bool:
    """Works in the admin: a staff role, or an administrator."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(role_names(user) & set(STAFF_ROLES))
