"""The demo program's hour rules and a few practice-hours entries in every state
for the demo learner. Never for production (see training/demo.py)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from programs.demo import DEMO_PROGRAM_SLUG, DEMO_READY_LEARNER
from programs.models import ActivityType, Domain, Enrollment, Program, ProgramDomainRequirement
from training.demo import DEMO_LEARNER, DEMO_SUPERVISOR, demo_user

from .models import HoursEntry, HoursEntryEvent


def seed_demo(*, log=print) -> list[str]:
    program = Program.objects.get(slug=DEMO_PROGRAM_SLUG)
    seed_demo_hours(program, log=log)
    seed_demo_ready_hours(program, log=log)
    return [
        f"Demo hours: {DEMO_LEARNER}'s submitted entries wait in {DEMO_SUPERVISOR}'s review "
        "queue (Hours to review); approve or return one."
    ]


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
# (English name, Spanish name, what it counts as)
DEMO_ACTIVITY_TYPES = [
    ("One-to-one peer support", "Apoyo entre pares individual", ActivityType.CountsAs.PRACTICE),
    ("Group facilitation", "Facilitación de grupos", ActivityType.CountsAs.PRACTICE),
    ("Advocacy", "Defensa de derechos", ActivityType.CountsAs.PRACTICE),
    ("Resource linkage", "Conexión con recursos", ActivityType.CountsAs.PRACTICE),
    ("Documentation", "Documentación", ActivityType.CountsAs.PRACTICE),
    (
        "Receiving supervision (individual)",
        "Supervisión recibida (individual)",
        ActivityType.CountsAs.SUPERVISION,
    ),
    (
        "Receiving supervision (group)",
        "Supervisión recibida (en grupo)",
        ActivityType.CountsAs.SUPERVISION,
    ),
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
    for order, (name, name_es, counts_as) in enumerate(DEMO_ACTIVITY_TYPES):
        if not ActivityType.objects.filter(program=program, name=name).exists():
            activity = ActivityType(
                program=program, name=name, name_es=name_es, counts_as=counts_as, sort_order=order
            )
            activity.full_clean()
            activity.save()
        else:
            # A demo seeded before the Spanish names: give them, keep any written since.
            ActivityType.objects.filter(program=program, name=name, name_es="").update(
                name_es=name_es
            )

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


# --- The ready learner: every hour approved --------------------------------------------
# Each domain's practice minimum in entries of at most 8 hours (the demo's cap),
# one entry every other day from this many days ago, and the supervision hours.
READY_FIRST_DAY_AGO = 180
READY_SUPERVISION = "Receiving supervision (individual)"
READY_PRACTICE_ACTIVITY = {
    "advocacy": "Advocacy",
    "mentoring-education": "One-to-one peer support",
    "recovery-wellness-support": "Group facilitation",
    "ethical-responsibility": "Documentation",
}


def _in_entries(total: Decimal, most: Decimal = Decimal("8")) -> list[Decimal]:
    whole, rest = divmod(total, most)
    return [most] * int(whole) + ([rest] if rest else [])


@transaction.atomic
def seed_demo_ready_hours(program: Program, *, log=print) -> None:
    """Approved hours meeting every practice and supervision minimum of the demo
    program for the ready learner (programs/demo.py). Once: a learner who has
    entries already keeps them."""
    enrollment = (
        Enrollment.objects.filter(learner__email=DEMO_READY_LEARNER[0], program=program)
        .select_related("learner", "supervisor")
        .first()
    )
    if enrollment is None or enrollment.hours_entries.exists():
        return
    supervisor = enrollment.supervisor or demo_user(DEMO_SUPERVISOR)
    activities = {a.name: a for a in ActivityType.objects.filter(program=program)}
    plan = []
    for requirement in program.domain_requirements.select_related("domain"):
        activity = activities[READY_PRACTICE_ACTIVITY.get(requirement.domain.slug, "Advocacy")]
        plan += [
            (requirement.domain, activity, h) for h in _in_entries(requirement.practice_hours_min)
        ]
    ethics = Domain.objects.get(slug="ethical-responsibility")
    plan += [
        (ethics, activities[READY_SUPERVISION], h)
        for h in _in_entries(program.supervision_hours_required)
    ]
    first_day = timezone.localdate() - datetime.timedelta(days=READY_FIRST_DAY_AGO)
    for number, (domain, activity, hours) in enumerate(plan):
        day = first_day + datetime.timedelta(days=2 * number)
        logged_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 0)))
        reviewed_at = logged_at + datetime.timedelta(days=1)
        entry = HoursEntry(
            enrollment=enrollment,
            date=day,
            hours=hours,
            domain=domain,
            activity_type=activity,
            setting="Recovery community centre",
            notes=f"{activity.name}: a regular shift at the centre.",
            status=HoursEntry.Status.APPROVED,
            submitted_at=logged_at,
            reviewed_at=reviewed_at,
            reviewed_by=supervisor,
            created_at=logged_at,
            updated_at=reviewed_at,
        )
        entry.full_clean()
        entry.save()
        _demo_event(
            entry,
            HoursEntryEvent.Action.APPROVED,
            supervisor,
            reviewed_at,
            HoursEntry.Status.SUBMITTED,
        )
    log(f"Logged {len(plan)} approved hours entries for {enrollment.learner.email}.")
