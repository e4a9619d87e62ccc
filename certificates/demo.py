"""Demo certification rules for the demo program: issuer, validity and a code of
ethics written for this project, and demo holders whose certificates show the
lifecycle on /verify/: one suspended, one expiring within 30 days (whose
holder asked for a name change, for the coordinators' Name changes). Dates are
relative to the day `seed_demo` runs, so the demo never goes stale. Never for
production."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from assessments.models import Attempt, QuizPage
from assessments.services import attempt_start, attempt_submit
from courses.models import ProgramCourse
from courses.services import lesson_complete
from programs.demo import DEMO_READY_LEARNER
from programs.models import Cohort, Enrollment, Program
from training import roles
from training.demo import DEMO_COORDINATOR, DEMO_PASSWORD, demo_user

from . import eligibility
from .codes import new_code
from .demo_images import demo_logo, demo_seal, demo_signature
from .models import (
    Certificate,
    CertificateSuspension,
    CoordinatorSignature,
    NameChangeRequest,
    ProgramCertification,
)
from .services import (
    SIGNER_ROLE,
    add_months,
    attestation_record,
    certificate_images,
    coordinator_signature_set,
)

DEMO_PROGRAM = "Certified Peer Recovery Mentor"

CODE_OF_ETHICS = "\n".join(
    [
        "As a peer recovery mentor I will:",
        "",
        ("1. Treat every person with dignity and respect, whatever their path, pace or choices."),
        ("2. Use person-first, non-judgmental language, and speak about recovery with hope."),
        (
            "3. Share my own experience only when it serves the person I support, briefly and "
            "without graphic detail."
        ),
        (
            "4. Keep what people tell me confidential, and explain the limits of "
            "confidentiality before they matter: a risk of serious harm to themselves or "
            "others, and reporting duties such as suspected harm to a child."
        ),
        (
            "5. Stay within the peer role: I offer support, connection and lived experience, "
            "not diagnosis, treatment or legal advice, and I connect people to professionals "
            "when they need more."
        ),
        (
            "6. Avoid dual relationships that could harm the person or the trust between us: "
            "no romantic or sexual relationships, no business dealings, no borrowing or "
            "lending money, and no gifts that create an obligation."
        ),
        (
            "7. Respect each person's right to lead their own recovery plan, including "
            "choices I would not make."
        ),
        (
            "8. Respond to a crisis by making sure the person is safe and connecting them "
            "with crisis services without delay."
        ),
        (
            "9. Use supervision honestly: bring my questions, mistakes and worries to my "
            "supervisor, and log my practice hours truthfully."
        ),
        (
            "10. Look after my own wellbeing and recovery, and step back and ask for help "
            "when I am not well enough to support others."
        ),
        (
            "11. Practise with cultural humility, and work to make my support welcoming to "
            "people of every background."
        ),
        (
            "12. Report unethical or unsafe practice I see, through the channels my "
            "organisation provides."
        ),
        "",
    ]
)


# The same code in Spanish (ProgramCertification.code_of_ethics_es), for
# learners who use Peerpath in Spanish: tú, person-first (docs/translating.md).
# The English stays the version learners sign.
CODE_OF_ETHICS_ES = "\n".join(
    [
        "Como mentor o mentora de recuperación entre pares, me comprometo a:",
        "",
        (
            "1. Tratar a cada persona con dignidad y respeto, sea cual sea su camino, su ritmo "
            "o sus decisiones."
        ),
        (
            "2. Usar un lenguaje que ponga a la persona primero y no juzgue, y hablar de la "
            "recuperación con esperanza."
        ),
        (
            "3. Compartir mi propia experiencia solo cuando le sirva a la persona que "
            "acompaño, con brevedad y sin detalles crudos."
        ),
        (
            "4. Guardar la confidencialidad de lo que las personas me cuentan, y explicar sus "
            "límites antes de que importen: un riesgo de daño grave para sí mismas o para "
            "otras personas, y deberes de aviso como la sospecha de daño a un niño o una niña."
        ),
        (
            "5. Mantenerme dentro del papel de par: ofrezco apoyo, conexión y experiencia "
            "vivida, no diagnósticos, tratamientos ni asesoría legal, y conecto a las "
            "personas con profesionales cuando necesitan más."
        ),
        (
            "6. Evitar relaciones dobles que puedan dañar a la persona o la confianza entre "
            "nosotros: nada de relaciones románticas o sexuales, ni negocios, ni pedir o "
            "prestar dinero, ni regalos que creen una obligación."
        ),
        (
            "7. Respetar el derecho de cada persona a dirigir su propio plan de recuperación, "
            "incluidas las decisiones que yo no tomaría."
        ),
        (
            "8. Responder a una crisis asegurándome de que la persona esté a salvo y "
            "conectándola sin demora con servicios de crisis."
        ),
        (
            "9. Aprovechar la supervisión con honestidad: llevar mis preguntas, errores y "
            "preocupaciones a quien me supervisa, y registrar mis horas de práctica con "
            "veracidad."
        ),
        (
            "10. Cuidar mi propio bienestar y mi recuperación, y dar un paso atrás y pedir "
            "ayuda cuando no esté bien para apoyar a otras personas."
        ),
        (
            "11. Practicar con humildad cultural, y trabajar para que mi apoyo sea acogedor "
            "para personas de todos los orígenes."
        ),
        (
            "12. Informar de las prácticas poco éticas o inseguras que vea, por los canales "
            "que ofrece mi organización."
        ),
        "",
    ]
)


def seed_demo(*, log=print) -> list[str]:
    program = Program.objects.filter(title=DEMO_PROGRAM).first()
    if program is None:
        log("No demo program; skipping certification rules.")
        return []
    _, created = ProgramCertification.objects.get_or_create(
        program=program,
        defaults={
            "issuer_name": "Peerpath Training Collective",
            "validity_months": 24,
            "code_of_ethics": CODE_OF_ETHICS,
        },
    )
    if created:
        log("Added the demo program's certification rules and code of ethics.")
    certification = program.certification
    if not certification.code_of_ethics_es:
        # Also for a demo seeded before the code had its Spanish. Its version
        # (the English's) is unchanged, so nobody's signature is lost.
        # (seed_demo_images saves it.)
        certification.code_of_ethics_es = CODE_OF_ETHICS_ES
        log("Added the Spanish code of ethics.")
    seed_demo_images(certification)
    return (
        seed_demo_holders(program, log=log)
        + seed_demo_name_change(program, log=log)
        + seed_demo_ready_learner(program, log=log)
    )


def seed_demo_images(certification: ProgramCertification) -> None:
    """The made-up logo, seal and coordinator's signature (demo_images), once."""
    if not certification.logo:
        certification.logo = demo_logo()
    if not certification.seal:
        certification.seal = demo_seal()
    certification.full_clean()
    certification.save()
    coordinator = demo_user(DEMO_COORDINATOR)
    if not CoordinatorSignature.objects.filter(user=coordinator).exists():
        coordinator_signature_set(user=coordinator, image=demo_signature())


# Demo holders: (email, first name, last name). Their certificates are made
# directly (they have no training record to check); the PDFs are rendered by the
# worker on the first download, or by the daily render_pending_certificates.
DEMO_SUSPENDED_HOLDER = ("jamie@peerpath.test", "Jamie", "Lee")
DEMO_EXPIRING_HOLDER = ("morgan@peerpath.test", "Morgan", "Ellis")
DEMO_SUSPENDED_DAYS_AGO = 9
DEMO_EXPIRES_IN_DAYS = 20
# Demo holders enrolled this long before their first certificate, as a real
# holder would have (the coordinator's cockpit shows the median time).
DEMO_DAYS_TO_CERTIFICATE = 160


@transaction.atomic
def seed_demo_holders(program: Program, *, log=print) -> list[str]:
    today = timezone.localdate()
    coordinator = demo_user(DEMO_COORDINATOR)
    validity = program.certification.validity_months

    suspended = demo_certificate(
        program, DEMO_SUSPENDED_HOLDER, issued_on=add_months(today, -8), log=log
    )
    if not suspended.suspensions.exists():
        CertificateSuspension.objects.create(
            certificate=suspended,
            started_at=timezone.now() - datetime.timedelta(days=DEMO_SUSPENDED_DAYS_AGO),
            reason="Demo: a concern raised by a partner organisation is being reviewed.",
            suspended_by=coordinator,
        )
    expiring = demo_certificate(
        program,
        DEMO_EXPIRING_HOLDER,
        issued_on=add_months(today + datetime.timedelta(days=DEMO_EXPIRES_IN_DAYS), -validity),
        log=log,
    )
    return [
        f"Demo certificates: {suspended.code} (suspended, {DEMO_SUSPENDED_HOLDER[0]}), "
        f"{expiring.code} (expires on {expiring.expires_on:%-d %B %Y}, "
        f"{DEMO_EXPIRING_HOLDER[0]}); both sign in with the demo password."
    ]


def demo_certificate(program: Program, person, *, issued_on, log=print) -> Certificate:
    """The demo holder's certificate, its dates set again from `issued_on`
    every run (a re-seeded demo stays current)."""
    email, first_name, last_name = person
    User = get_user_model()
    holder, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "certificate_name": f"{first_name} {last_name}",
        },
    )
    if created:
        holder.set_password(DEMO_PASSWORD)
        holder.save(update_fields=["password"])
        holder.groups.add(Group.objects.get(name=roles.LEARNER))
        log(f"Created {email}.")
    coordinator = demo_user(DEMO_COORDINATOR)
    enrollment, _ = Enrollment.objects.get_or_create(
        learner=holder,
        program=program,
        defaults={
            "cohort": Cohort.objects.filter(program=program).order_by("pk").first(),
            "status": Enrollment.Status.ACTIVE,
            "enrolled_by": coordinator,
        },
    )
    enrolled_on = issued_on - datetime.timedelta(days=DEMO_DAYS_TO_CERTIFICATE)
    Enrollment.objects.filter(pk=enrollment.pk).update(
        enrolled_at=timezone.make_aware(datetime.datetime.combine(enrolled_on, datetime.time(10)))
    )
    expires_on = add_months(issued_on, program.certification.validity_months)
    certificate = Certificate.objects.filter(enrollment=enrollment).first()
    if certificate is None:
        certificate = Certificate.objects.create(
            enrollment=enrollment,
            code=new_code(),
            snapshot=demo_snapshot(program, f"{first_name} {last_name}", coordinator),
            issued_at=timezone.make_aware(datetime.datetime.combine(issued_on, datetime.time(10))),
            issued_on=issued_on,
            expires_on=expires_on,
            issued_by=coordinator,
        )
        log(f"Issued the demo certificate {certificate.code} to {email}.")
    elif certificate.issued_on != issued_on:
        # Only the dates move; the evidence PDF, if made, keeps its own.
        Certificate.objects.filter(pk=certificate.pk).update(
            issued_on=issued_on, expires_on=expires_on
        )
        certificate.refresh_from_db()
    return certificate


def demo_snapshot(program: Program, name: str, coordinator) -> dict:
    return {
        "name": name,
        "credential": program.credential_title,
        "program": program.title,
        "issuer": program.certification.issuer_name,
        "coordinator": coordinator.get_full_name() or coordinator.email,
        "coordinator_role": SIGNER_ROLE,
        "domains": [
            {"domain": "Advocacy", "training_hours": "10", "practice_hours": "125"},
            {"domain": "Ethical Responsibility", "training_hours": "16", "practice_hours": "125"},
        ],
        "training_hours_total": "26",
        "practice_hours_total": "250",
        "supervision_hours": "25",
        "supervisors": [],
        "courses": [{"title": "Ethics and Boundaries for Peer Mentors", "best_score": "90"}],
        "ethics_version": program.certification.ethics_version,
        "images": certificate_images(program.certification, coordinator),
    }


DEMO_NEW_NAME = "Morgan Ellis-Adeyemi"


def seed_demo_name_change(program: Program, *, log=print) -> list[str]:
    """The expiring holder has asked for their certificate in a new name: the
    request waits in the coordinators' Name changes. Asked once: a re-seed
    leaves it, or its decision, as it is."""
    email = DEMO_EXPIRING_HOLDER[0]
    certificate = Certificate.objects.filter(enrollment__learner__email=email).first()
    if certificate is None:
        return []
    asked = NameChangeRequest.objects.filter(certificate__enrollment=certificate.enrollment)
    if not asked.exists():
        NameChangeRequest.objects.create(
            certificate=certificate,
            new_name=DEMO_NEW_NAME,
            reason="Demo: my surname has changed.",
            requested_at=timezone.now() - datetime.timedelta(days=2),
        )
        log(f"{email} asked for {certificate.code} in a new name.")
    return [f"Demo name change: {email} asked for the name {DEMO_NEW_NAME} (Name changes)."]


@transaction.atomic
def seed_demo_ready_learner(program: Program, *, log=print) -> list[str]:
    """The ready learner (programs/demo.py, hours from practice/demo.py) finishes
    every lesson, passes every quiz and signs the code of ethics, through the
    real services, so they wait in the coordinators' verification queue. Each
    step is skipped when done already; once a coordinator has issued their
    certificate in the demo, it stays issued."""
    email = DEMO_READY_LEARNER[0]
    enrollment = (
        Enrollment.objects.filter(learner__email=email, program=program)
        .select_related("learner")
        .first()
    )
    if enrollment is None:
        return []
    learner = enrollment.learner
    courses = [
        link.course
        for link in ProgramCourse.objects.filter(program=program)
        .select_related("course")
        .order_by("sort_order", "pk")
    ]
    for course in courses:
        for lesson in course.lessons():
            lesson_complete(learner=learner, lesson=lesson)
        for quiz in QuizPage.objects.live().child_of(course):
            if Attempt.objects.filter(learner=learner, quiz=quiz, passed=True).exists():
                continue
            attempt = attempt_start(learner=learner, quiz=quiz)
            attempt_submit(
                attempt_id=attempt.pk,
                learner=learner,
                responses={
                    question["id"]: [c["id"] for c in question["choices"] if c["correct"]]
                    for question in attempt.snapshot["questions"]
                },
            )
            log(f"{email} passed the quiz of {course.title}.")
    attestation_record(learner=learner, program=program, typed_name=learner.name_for_certificate)
    result = eligibility.check(enrollment)
    if result.live_certificate is not None:
        return [
            f"Demo certified learner: {email} holds {result.live_certificate.code} "
            "(issued in this demo)."
        ]
    if not result.eligible:
        missing = "; ".join(r.missing for r in result.requirements if not r.met)
        log(f"{email} is not ready yet: {missing}.")
    return [
        f"Demo learner ready for a certificate: {email} has met every requirement; sign in "
        f"as {DEMO_COORDINATOR} and open the Verification queue to check the "
        "evidence and issue it."
    ]
