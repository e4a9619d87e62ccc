"""Demo people with known passwords and two-step sign-in for staff. Never for production.

`manage.py seed_demo` calls `seed_demo()` of every app that has a `demo`
module, bottom layer first; each returns lines to print at the end. The
demo program is programs/demo.py, its practice hours practice/demo.py.
"""

import time
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import roles

# A fixed, public TOTP secret for the demo staff accounts so a person trying
# the demo can add it to an authenticator app (or run `manage.py demo_totp`).
DEMO_TOTP_SECRET = "PEERPATHDEMOSTAFFTOTPSECRETCODEX"
DEMO_PASSWORD = "peerpath-demo-2026"

DEMO_LEARNER = "learner@peerpath.test"
DEMO_SUPERVISOR = "supervisor@peerpath.test"
DEMO_COORDINATOR = "coordinator@peerpath.test"
DEMO_TRAINER = "trainer@peerpath.test"
DEMO_LEAD_TRAINER = "leadtrainer@peerpath.test"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    first_name: str
    last_name: str
    role: str | None
    superuser: bool = False


DEMO_PEOPLE = [
    DemoPerson("learner@peerpath.test", "Riley", "Morgan", roles.LEARNER),
    DemoPerson("trainer@peerpath.test", "Sam", "Okafor", roles.TRAINER),
    DemoPerson("leadtrainer@peerpath.test", "Jordan", "Reyes", roles.LEAD_TRAINER),
    DemoPerson("supervisor@peerpath.test", "Alex", "Nguyen", roles.SUPERVISOR),
    DemoPerson("coordinator@peerpath.test", "Casey", "Brennan", roles.COORDINATOR),
    DemoPerson("admin@peerpath.test", "Robin", "Admin", None, superuser=True),
]


def demo_user(email: str):
    return get_user_model().objects.get(email=email)


def seed_demo(*, log=print) -> list[str]:
    User = get_user_model()
    for person in DEMO_PEOPLE:
        user, created = User.objects.get_or_create(
            email=person.email,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "certificate_name": f"{person.first_name} {person.last_name}",
                "is_staff": person.superuser,
                "is_superuser": person.superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            log(f"Created {person.email}.")
        if person.role:
            user.groups.add(Group.objects.get(name=person.role))
        EmailAddress.objects.update_or_create(
            user=user, email=person.email, defaults={"verified": True, "primary": True}
        )
        if (
            person.role != roles.LEARNER
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)

    lines = [f"Demo sign-ins (password for all: {DEMO_PASSWORD})"]
    for person in DEMO_PEOPLE:
        lines.append(f"  {person.role or 'Administrator':<13} {person.email}")
    lines.append(
        "Staff accounts use two-step sign-in. Authenticator secret: "
        f"{DEMO_TOTP_SECRET} — or run `.venv/bin/python manage.py demo_totp` for the current code."
    )
    return lines


def current_demo_totp_code(at_time: float | None = None) -> str:

    counter = int(at_time if at_time is not None else time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))
