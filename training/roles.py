"""The roles people hold, as Django groups.

Groups are created by a data migration (training/migrations/0002_roles.py);
each later app extends their permissions in a migration of its own.
"""

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
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._peerpath_role_names = cached
    return cached


def is_staff_member(user) -> bool:
    """Works in the admin: a staff role, or an administrator."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(role_names(user) & set(STAFF_ROLES))
