"""Demo people, program, cohort and enrollment, with known passwords. Never for production.

`manage.py seed_demo` calls `seed_demo()` of every app that has a `demo`
module, bottom layer first; each returns lines to print at the end.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from . import roles
from .models import (
    ActivityType,
    Cohort,
    Domain,
    Enrollment,
    HoursEntry,
    HoursEntryEvent,
    Program,
    ProgramDomainRequirement,
    SupervisorAssignment,
)

# A fixed, public TOTP secret for the demo staff accounts so a person trying
# the demo can add it to an authenticator app (or run `manage.py demo_totp`).
DEMO_TOTP_SECRET = "PEERPATHDEMOSTAFFTOTPSECRETCODEX"
DEMO_PASSWORD = "peerpath-demo-2026"

DEMO_LEARNER = "learner@peerpath.test"
DEMO_SUPERVISOR = "supervisor@peerpath.test"
DEMO_COORDINATOR = "coordinator@peerpath.test"
DEMO_TRAINER = "trainer@peerpath.test"
DEMO_LEAD_TRAINER = "leadtrainer@peerpath.test"

# The courses layer links its demo courses to this program by slug.
DEMO_PROGRAM_SLUG = "certified-peer-recovery-mentor"
DEMO_PROGRAM_TITLE = "Certified Peer Recovery Mentor"
DEMO_PROGRAM_DESCRIPTION = (
    "For people with lived experience of recovery who want to walk alongside others in "
    "theirs. Four short courses cover sharing your story with purpose, supportive "
    "conversations, noticing early warning signs, and the ethics of the peer role. Alongside "
    "them you log supervised practice hours with a designated supervisor. When every "
    "requirement is met and you have agreed to the code of ethics, a coordinator reviews "
    "your record and issues a certificate that employers can verify online."
)
# The demo cohort started three weeks before the demo was first seeded, so the
# dashboard shows a programme in progress rather than one that has not begun.
DEMO_COHORT_STARTED_DAYS_AGO = 21


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

    program, cohort = seed_demo_program(log=log)
    seed_demo_hours(program, log=log)

    lines = [f"Demo sign-ins (password for all: {DEMO_PASSWORD})"]
    for person in DEMO_PEOPLE:
        lines.append(f"  {person.role or 'Administrator':<13} {person.email}")
    lines.append(
        "Staff accounts use two-step sign-in. Authenticator secret: "
        f"{DEMO_TOTP_SECRET} — or run `.venv/bin/python manage.py demo_totp` for the current code."
    )
    lines.append(
        f"Demo program: {program.title}; {cohort.name}; {DEMO_LEARNER} is enrolled, "
        f"supervised by {DEMO_SUPERVISOR}."
    )
    return lines


@transaction.atomic
def seed_demo_program(*, log=print) -> tuple[Program, Cohort]:
    """The demo program, a cohort under way, and the demo learner enrolled in it
    with the demo supervisor. Uses the models directly: this is demo data, and
    each row is checked with full_clean() before it is saved."""
    coordinator = demo_user(DEMO_COORDINATOR)
    learner = demo_user(DEMO_LEARNER)
    supervisor = demo_user(DEMO_SUPERVISOR)

    program = Program.objects.filter(slug=DEMO_PROGRAM_SLUG).first()
    if program is None:
        program = Program(
            title=DEMO_PROGRAM_TITLE,
            slug=DEMO_PROGRAM_SLUG,
            credential_title=DEMO_PROGRAM_TITLE,
            description=DEMO_PROGRAM_DESCRIPTION,
            accepts_join_requests=True,
        )
        program.full_clean()
        program.save()
        log(f"Created the program {program.title}.")

    cohort = demo_cohort(program, coordinator, log=log)
    cohort.coordinators.add(coordinator)

    enrollment = Enrollment.objects.filter(learner=learner, program=program).first()
    if enrollment is None:
        enrollment = Enrollment(
            learner=learner,
            program=program,
            cohort=cohort,
            supervisor=supervisor,
            status=Enrollment.Status.ACTIVE,
            enrolled_at=timezone.make_aware(
                datetime.datetime.combine(cohort.start_date, datetime.time(10, 0))
            ),
            enrolled_by=coordinator,
        )
        enrollment.full_clean()
        enrollment.save()
        log(f"Enrolled {learner.email} in {program.title}.")

    if (
        enrollment.supervisor_id
        and not enrollment.supervisor_assignments.filter(ended_at__isnull=True).exists()
    ):
        assignment = SupervisorAssignment(
            enrollment=enrollment,
            supervisor=enrollment.supervisor,
            started_at=enrollment.enrolled_at,
            assigned_by=coordinator,
        )
        assignment.full_clean()
        assignment.save()
        log(f"Assigned {enrollment.supervisor.email} as supervisor.")
    return program, cohort


def demo_cohort(program: Program, coordinator, *, log=print) -> Cohort:
    """The demo coordinator's first cohort in the program, or a new one named for the
    month it starts in. Found by coordinator rather than by name so that seeding again
    in a later month reuses it instead of adding a second cohort."""
    existing = (
        Cohort.objects.filter(program=program, coordinators=coordinator).order_by("pk").first()
    )
    if existing:
        return existing
    start = timezone.localdate() - datetime.timedelta(days=DEMO_COHORT_STARTED_DAYS_AGO)
    same_name = Cohort.objects.filter(program=program, name=cohort_name(start)).first()
    if same_name:
        return same_name
    cohort = Cohort(program=program, name=cohort_name(start), start_date=start)
    cohort.full_clean()
    cohort.save()
    log(f"Created the cohort {cohort.name}.")
    return cohort


def cohort_name(start: datetime.date) -> str:
    return f"{start:%B %Y} cohort"


def current_demo_totp_code(at_time: float | None = None) -> str:
    import time

    from allauth.mfa import app_settings

    counter = int(at_time if at_time is not None else time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


# --- Supervised practice hours -----------------------------------------------------------
# The IC&RC Peer Recovery numbers (shared/domain.md): 500 practice hours, 125 in
# each domain, 25 hours of supervision, 46 training hours by domain.

DEMO_DOMAIN_HOURS = {
    # domain slug: (training hours, practice hours)
    "advocacy": ("10", "125"),
    "mentoring-education": ("10", "125"),
    "recovery-wellness-support": ("10", "125"),
    "ethical-responsibility": ("16", "125"),
}
DEMO_ACTIVITY_TYPES = [
    ("One-to-one peer support", ActivityType.CountsAs.PRACTICE),
    ("Group facilitation", ActivityType.CountsAs.PRACTICE),
    ("Advocacy", ActivityType.CountsAs.PRACTICE),
    ("Resource linkage", ActivityType.CountsAs.PRACTICE),
    ("Documentation", ActivityType.CountsAs.PRACTICE),
    ("Receiving supervision (individual)", ActivityType.CountsAs.SUPERVISION),
    ("Receiving supervision (group)", ActivityType.CountsAs.SUPERVISION),
]


@dataclass(frozen=True)
class DemoEntry:
    days_ago: int
    hours: str
    domain: str
    activity: str
    setting: str
    notes: str
    status: str
    comment: str = ""


# Notes hold no client details: they describe the work, not the people.
DEMO_ENTRIES = [
    DemoEntry(
        18,
        "3",
        "mentoring-education",
        "One-to-one peer support",
        "Recovery community centre",
        "Two drop-in conversations. Practised open questions and reflective listening, and "
        "helped a peer sketch the first steps of a recovery plan.",
        HoursEntry.Status.APPROVED,
    ),
    DemoEntry(
        15,
        "2",
        "recovery-wellness-support",
        "Group facilitation",
        "Online group",
        "Co-facilitated the evening wellness group. Led the check-in round and kept time.",
        HoursEntry.Status.APPROVED,
    ),
    DemoEntry(
        12,
        "1",
        "ethical-responsibility",
        "Receiving supervision (individual)",
        "Supervisor's office",
        "Talked through a boundaries question from the week and how to follow up kindly.",
        HoursEntry.Status.APPROVED,
    ),
    DemoEntry(
        10,
        "2.5",
        "advocacy",
        "Advocacy",
        "County housing office",
        "Went with a peer to a housing appointment and helped them ask their own questions.",
        HoursEntry.Status.APPROVED,
    ),
    DemoEntry(
        8,
        "4",
        "mentoring-education",
        "One-to-one peer support",
        "Recovery community centre",
        "Afternoon shift.",
        HoursEntry.Status.RETURNED,
        comment="Thank you! Could you add a sentence on what you practised (for example "
        "which listening skills you used)? Then submit it again.",
    ),
    DemoEntry(
        6,
        "2",
        "recovery-wellness-support",
        "Resource linkage",
        "Phone",
        "Researched mutual-aid meetings and food support nearby and shared the list with a "
        "peer who asked for options.",
        HoursEntry.Status.SUBMITTED,
    ),
    DemoEntry(
        4,
        "1.5",
        "ethical-responsibility",
        "Documentation",
        "Recovery community centre",
        "Wrote up session notes in the centre's system without personal details, as the "
        "confidentiality policy asks.",
        HoursEntry.Status.SUBMITTED,
    ),
    DemoEntry(
        1,
        "1.5",
        "recovery-wellness-support",
        "Group facilitation",
        "Library meeting room",
        "Helped set up the Tuesday peer support circle and welcomed newcomers.",
        HoursEntry.Status.DRAFT,
    ),
]


@transaction.atomic
def seed_demo_hours(program: Program, *, log=print) -> None:
    """The demo program's hour requirements and activity types, and a few entries
    in every state for the demo learner. Leaves anything already there alone."""
    if not program.domain_requirements.exists():
        program.practice_hours_required = Decimal("500")
        program.supervision_hours_required = Decimal("25")
        program.max_hours_per_entry = Decimal("8")
        program.max_hours_per_day = Decimal("12")
        program.full_clean()
        program.save()
        for order, (slug, (training, practice)) in enumerate(DEMO_DOMAIN_HOURS.items()):
            requirement = ProgramDomainRequirement(
                program=program,
                domain=Domain.objects.get(slug=slug),
                training_hours_min=Decimal(training),
                practice_hours_min=Decimal(practice),
                sort_order=order,
            )
            requirement.full_clean()
            requirement.save()
        log("Set the demo program's hour requirements.")
    for order, (name, counts_as) in enumerate(DEMO_ACTIVITY_TYPES):
        if not ActivityType.objects.filter(program=program, name=name).exists():
            activity = ActivityType(
                program=program, name=name, counts_as=counts_as, sort_order=order
            )
            activity.full_clean()
            activity.save()

    enrollment = (
        Enrollment.objects.filter(learner__email=DEMO_LEARNER, program=program)
        .select_related("learner", "supervisor")
        .first()
    )
    if enrollment is None or enrollment.hours_entries.exists():
        return
    learner, supervisor = enrollment.learner, enrollment.supervisor or demo_user(DEMO_SUPERVISOR)
    today = timezone.localdate()
    enrolled_on = timezone.localdate(enrollment.enrolled_at)
    activities = {a.name: a for a in ActivityType.objects.filter(program=program)}
    domains = {d.slug: d for d in Domain.objects.all()}
    for spec in DEMO_ENTRIES:
        day = max(today - datetime.timedelta(days=spec.days_ago), enrolled_on)
        logged_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 0)))
        entry = HoursEntry(
            enrollment=enrollment,
            date=day,
            hours=Decimal(spec.hours),
            domain=domains[spec.domain],
            activity_type=activities[spec.activity],
            setting=spec.setting,
            notes=spec.notes,
            created_at=logged_at,
            updated_at=logged_at,
        )
        entry.full_clean()
        entry.save()
        _demo_event(entry, HoursEntryEvent.Action.CREATED, learner, logged_at, "")
        if spec.status == HoursEntry.Status.DRAFT:
            continue
        submitted_at = logged_at + datetime.timedelta(hours=1)
        entry.status, entry.submitted_at = HoursEntry.Status.SUBMITTED, submitted_at
        entry.save()
        _demo_event(
            entry, HoursEntryEvent.Action.SUBMITTED, learner, submitted_at, HoursEntry.Status.DRAFT
        )
        if spec.status == HoursEntry.Status.SUBMITTED:
            continue
        reviewed_at = submitted_at + datetime.timedelta(days=1)
        entry.status = spec.status
        entry.reviewed_at, entry.reviewed_by, entry.review_comment = (
            reviewed_at,
            supervisor,
            spec.comment,
        )
        entry.save()
        action = (
            HoursEntryEvent.Action.APPROVED
            if spec.status == HoursEntry.Status.APPROVED
            else HoursEntryEvent.Action.RETURNED
        )
        _demo_event(
            entry, action, supervisor, reviewed_at, HoursEntry.Status.SUBMITTED, spec.comment
        )
    log(f"Logged {len(DEMO_ENTRIES)} demo practice hours entries for {learner.email}.")


def _demo_event(entry, action, actor, at, from_status, comment=""):
    event = HoursEntryEvent(
        entry=entry,
        action=action,
        actor=actor,
        at=at,
        from_status=from_status,
        to_status=entry.status,
        comment=comment,
        snapshot=entry.snapshot(),
    )
    event.full_clean()
    event.save()
