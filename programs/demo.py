"""The demo program, a cohort under way, and the demo learner enrolled in it with
the demo supervisor; a learner whose record is complete (enrolled here; their
hours come from practice/demo.py, their courses and ethics from
certificates/demo.py) and someone waiting for an answer to their request to join.
Never for production (see training/demo.py)."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from training import roles
from training.demo import DEMO_COORDINATOR, DEMO_LEARNER, DEMO_PASSWORD, DEMO_SUPERVISOR, demo_user

from .models import Cohort, Enrollment, JoinRequest, Program, SupervisorAssignment

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
# In Spanish (docs/translating.md: tú, person-first). The titles name the
# mentoring rather than the mentor, so they need no gender.
DEMO_PROGRAM_TITLE_ES = "Mentoría Certificada de Recuperación entre Pares"
DEMO_CREDENTIAL_TITLE_ES = "Certificación en Mentoría de Recuperación entre Pares"
DEMO_PROGRAM_DESCRIPTION_ES = (
    "Para personas con experiencia vivida en recuperación que quieren acompañar a otras en "
    "la suya. Cuatro cursos cortos tratan cómo compartir tu historia con un propósito, las "
    "conversaciones de apoyo, cómo notar las primeras señales de alerta y la ética del rol "
    "de par. Al mismo tiempo, registras horas de práctica supervisada con una persona "
    "supervisora asignada. Cuando cumplas todos los requisitos y hayas aceptado el código "
    "de ética, una persona coordinadora revisa tu expediente y emite un certificado que "
    "cualquier empleador puede verificar en línea."
)
DEMO_SPANISH = {
    "title_es": DEMO_PROGRAM_TITLE_ES,
    "credential_title_es": DEMO_CREDENTIAL_TITLE_ES,
    "description_es": DEMO_PROGRAM_DESCRIPTION_ES,
}
# The demo cohort started three weeks before the demo was first seeded, so the
# dashboard shows a programme in progress rather than one that has not begun.
DEMO_COHORT_STARTED_DAYS_AGO = 21


# A learner who has met every requirement (the coordinators' verification
# queue), and a person who asked to join the demo program yesterday.
DEMO_READY_LEARNER = ("taylor@peerpath.test", "Taylor", "Brooks")
DEMO_READY_ENROLLED_DAYS_AGO = 200
DEMO_ASKING_PERSON = ("drew@peerpath.test", "Drew", "Park")
DEMO_JOIN_MESSAGE = (
    "I volunteer at the recovery café on Saturdays and would like to train as a peer mentor."
)


def seed_demo(*, log=print) -> list[str]:
    program, cohort = seed_demo_program(log=log)
    seed_demo_ready_enrollment(program, log=log)
    join_request = seed_demo_join_request(program, log=log)
    return [
        f"Demo program: {program.title}; {cohort.name}; {DEMO_LEARNER} is enrolled, "
        f"supervised by {DEMO_SUPERVISOR}.",
        f"Demo join request: {DEMO_ASKING_PERSON[0]} asked to join {program.title} "
        f"({join_request.get_status_display().lower()}): sign in as them to see it on their "
        f"dashboard, or as {DEMO_COORDINATOR} to decide it (Join requests); "
        "`manage.py send_join_request_digests` emails the coordinators.",
    ]


def demo_person(person: tuple[str, str, str], *, log=print):
    """A demo learner who signs in with the demo password (email verified)."""
    email, first_name, last_name = person
    user, created = get_user_model().objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "certificate_name": f"{first_name} {last_name}",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=roles.LEARNER))
        log(f"Created {email}.")
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def seed_demo_ready_enrollment(program: Program, *, log=print) -> Enrollment:
    """The ready learner's enrollment, started long enough ago for every hour
    they logged (practice/demo.py), before the demo cohort (so in none: the
    program's one open cohort stays the demo cohort). An enrollment already
    there is left alone."""
    learner = demo_person(DEMO_READY_LEARNER, log=log)
    enrollment = Enrollment.objects.filter(learner=learner, program=program).first()
    if enrollment is not None:
        return enrollment
    enrolled_at = timezone.now() - datetime.timedelta(days=DEMO_READY_ENROLLED_DAYS_AGO)
    enrollment = Enrollment(
        learner=learner,
        program=program,
        supervisor=demo_user(DEMO_SUPERVISOR),
        status=Enrollment.Status.ACTIVE,
        enrolled_at=enrolled_at,
        enrolled_by=demo_user(DEMO_COORDINATOR),
    )
    enrollment.full_clean()
    enrollment.save()
    assignment = SupervisorAssignment(
        enrollment=enrollment,
        supervisor=enrollment.supervisor,
        started_at=enrolled_at,
        assigned_by=enrollment.enrolled_by,
    )
    assignment.full_clean()
    assignment.save()
    log(f"Enrolled {learner.email} in {program.title}.")
    return enrollment


@transaction.atomic
def seed_demo_join_request(program: Program, *, log=print) -> JoinRequest:
    """Someone who asked to join the demo program yesterday. Asked once: a
    decision a coordinator took in the demo stays; a request still waiting is
    dated yesterday again, so the demo never goes stale."""
    person = demo_person(DEMO_ASKING_PERSON, log=log)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    join_request = (
        JoinRequest.objects.filter(person=person, program=program).order_by("-created_at").first()
    )
    if join_request is None:
        join_request = JoinRequest(
            person=person, program=program, message=DEMO_JOIN_MESSAGE, created_at=yesterday
        )
        join_request.full_clean()
        join_request.save()
        log(f"{person.email} asked to join {program.title}.")
    elif join_request.status == JoinRequest.Status.PENDING:
        JoinRequest.objects.filter(pk=join_request.pk).update(created_at=yesterday)
    return join_request


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
            **DEMO_SPANISH,
        )
        program.full_clean()
        program.save()
        log(f"Created the program {program.title}.")
    else:
        # A demo seeded before the Spanish: give it, keep any written since.
        blank = [name for name in DEMO_SPANISH if not getattr(program, name)]
        if blank:
            for name in blank:
                setattr(program, name, DEMO_SPANISH[name])
            program.save(update_fields=blank)
            log(f"Gave the program {program.title} its Spanish.")

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
