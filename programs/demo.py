"""The demo program, a cohort under way, and the demo learner enrolled in it with
the demo supervisor. Never for production (see training/demo.py)."""

import datetime

from django.db import transaction
from django.utils import timezone

from training.demo import DEMO_COORDINATOR, DEMO_LEARNER, DEMO_SUPERVISOR, demo_user

from .models import Cohort, Enrollment, Program, SupervisorAssignment

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


def seed_demo(*, log=print) -> list[str]:
    program, cohort = seed_demo_program(log=log)
    return [
        f"Demo program: {program.title}; {cohort.name}; {DEMO_LEARNER} is enrolled, "
        f"supervised by {DEMO_SUPERVISOR}."
    ]


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
