"""The learner's journey in Spanish (issue 21), in one browser run.

A person whose browser prefers Spanish signs up (the confirmation email is in
Spanish and the profile keeps "es"), studies the course in its Spanish
translation at the English URLs, passes its Spanish quiz, logs hours in
Spanish, signs the code of ethics and downloads a Spanish certificate. The
staff steps (enrolling, approving hours, issuing) are the same screens as in
English (tests/browser/test_journey.py). Every learner page is scanned with axe
(`lang` right on the page and on English fallbacks) and must show none of the
English phrases of the screens it passes through.
"""

import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from assessments.models import Attempt, QuizPage
from certificates.models import Certificate, ProgramCertification
from courses.models import LessonCompletion
from practice.models import HoursEntry
from programs.models import Enrollment
from tests.assessments.factories import choice
from tests.browser.helpers import sign_in
from tests.browser.test_journey import Steps, journey_program, person_page  # noqa: F401 (fixtures)
from training.models import User
from training.services import page_translation_import

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEW_PERSON = {"first": "Lucía", "last": "Romero", "email": "lucia.romero@example.org"}
NEW_PASSWORD = "colibri-naranja-lluvia-57"
SPANISH_QUESTIONS = [
    (
        "Una persona te pide dinero prestado hasta el día de pago. ¿Qué es lo más adecuado?",
        "Decir que no con amabilidad y ayudarle a encontrar otros apoyos",
        "Prestárselo esta vez",
        "El dinero cambia la relación; otros apoyos duran más.",
    ),
    (
        "Alguien te escribe a las 2 de la mañana, con angustia pero a salvo. "
        "¿Qué es lo más adecuado?",
        "Responder por la mañana, como acordaron, y compartir la línea de crisis",
        "Contestar siempre al momento",
        "Estar siempre de guardia te agota y borra el límite que acordaron.",
    ),
    (
        "¿Con quién puedes hablar de una decisión difícil sobre un límite?",
        "Con tu persona supervisora",
        "Con nadie: guárdalo para ti",
        "La supervisión existe justo para esto.",
    ),
]
SPANISH_RIGHT = {right for _, right, _, _ in SPANISH_QUESTIONS}
# English phrases of the learner's screens that a Spanish page must not show.
ENGLISH_PHRASES = [
    "Sign in",
    "Sign out",
    "Your dashboard",
    "Mark lesson complete",
    "Lessons",
    "Start the quiz",
    "Submit my answers",
    "You passed",
    "Log hours",
    "Save as a draft",
    "Hours",
    "Download the PDF",
    "Code of ethics",
    "Your progress",
    "Welcome",
    "Certificate",
]


def es(message: str) -> str:
    """The Spanish the site shows for `message` (and it must have one)."""
    with translation.override("es"):
        spanish = translation.gettext(message)
    assert spanish != message, f"no Spanish for {message!r}"
    return spanish


def translate_course(j):
    """The journey's course, lessons and quiz in Spanish, as a trainer would."""
    page_translation_import(
        page=j.course,
        language="es",
        words={"title": "Límites y ética", "summary": "Un curso con un cuestionario."},
    )
    page_translation_import(
        page=j.lessons[0],
        language="es",
        words={
            "title": "Por qué los límites nos cuidan a las dos personas",
            "body": [
                {"type": "heading", "value": {"text": "Los límites son cuidado", "level": "h2"}},
                {
                    "type": "rich_text",
                    "value": "<p>Un límite claro le dice a la otra persona qué puede esperar "
                    "de ti.</p>",
                },
                {
                    "type": "reflection",
                    "value": {
                        "question": "¿Qué límite te costará más mantener?",
                        "guidance": "Con unas frases basta.",
                    },
                },
            ],
        },
    )
    page_translation_import(
        page=j.lessons[1],
        language="es",
        words={
            "title": "Decir que no con amabilidad",
            "body": [
                {
                    "type": "rich_text",
                    "value": "<p>Puedes decir que no a un pedido y seguir acompañando a la "
                    "persona.</p>",
                }
            ],
        },
    )
    page_translation_import(
        page=j.quiz,
        language="es",
        words={
            "title": "Comprueba lo que aprendiste",
            "questions": [
                {
                    "type": "single_choice",
                    "value": {
                        "prompt": prompt,
                        "choices": [choice(right, True), choice(wrong, False, feedback)],
                    },
                }
                for prompt, right, wrong, feedback in SPANISH_QUESTIONS
            ],
        },
    )


@pytest.fixture
def spanish_journey(journey_program, settings):  # noqa: F811
    from django.core.management import call_command

    settings.PEERPATH_TRANSLATED_LANGUAGES = ["es"]
    call_command("setup_site", verbosity=0)
    # The quiz's choices get their ids as the admin saves them (wagtail-localize
    # finds a choice's words by its id).
    quiz = QuizPage.objects.get(pk=journey_program.quiz.pk)
    stream_block = quiz.questions.stream_block
    raw = list(quiz.questions.raw_data)
    quiz.questions = stream_block.get_prep_value(stream_block.clean(stream_block.to_python(raw)))
    quiz.save_revision().publish()
    journey_program.quiz = QuizPage.objects.get(pk=quiz.pk)
    translate_course(journey_program)
    certification = ProgramCertification.objects.get(program=journey_program.program)
    certification.code_of_ethics_es = (
        "1. Respeto la dignidad y las decisiones de cada persona a la que acompaño.\n"
        "2. Guardo la confidencialidad de lo que me cuentan, dentro de la ley.\n"
        "3. Mantengo límites claros y amables, y consulto a mi persona supervisora si dudo."
    )
    certification.save()
    return journey_program


def no_english(page, name):
    """None of the learner screens' English phrases on a Spanish page."""
    text = page.locator("main").inner_text()
    found = [phrase for phrase in ENGLISH_PHRASES if re.search(rf"\b{phrase}\b", text)]
    assert found == [], f"{name}: English on a Spanish page: {found}"
    assert page.locator("html").get_attribute("lang") == "es"


def test_a_learner_who_prefers_spanish(live_server, spanish_journey, mailoutbox, person_page):  # noqa: F811
    j = spanish_journey
    url = live_server.url
    steps = Steps(prefix="es-")
    page = person_page(locale="es-US")

    def shot(name):
        steps.shot(page, name)
        no_english(page, name)

    # 1. Signs up in Spanish; the email is Spanish; the profile keeps "es".
    page.goto(url + "/")
    shot("home")
    page.get_by_role("link", name=es("Create your account")).first.click()
    page.get_by_label(es("First name")).fill(NEW_PERSON["first"])
    page.get_by_label(es("Last name")).fill(NEW_PERSON["last"])
    page.locator("input[name=email]").fill(NEW_PERSON["email"])
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD)
    shot("sign-up")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))
    person = User.objects.get(email=NEW_PERSON["email"])
    assert person.language == "es"
    email = mailoutbox[-1]
    assert "Confirm your email" not in email.subject
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", email.body)
    page.goto(url + link.group(1))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Te damos la bienvenida")

    # 2. A coordinator enrolls her (the staff screens, in the coordinator's English).
    coordinator = person_page()
    sign_in(coordinator, url, j.coordinator, totp=True)
    coordinator.goto(url + "/admin/programs/enrollments/new/")
    coordinator.get_by_label("Learner's email address").fill(NEW_PERSON["email"])
    coordinator.get_by_label("Program").select_option(value=str(j.program.pk))
    coordinator.get_by_label("Cohort").select_option(value=str(j.cohort.pk))
    coordinator.get_by_label("Supervisor").select_option(value=str(j.supervisor.pk))
    coordinator.get_by_role("button", name="Enroll", exact=True).click()
    coordinator.get_by_text("is enrolled in").wait_for()
    enrollment = Enrollment.objects.get(learner=person)

    # 3. Studies the course in Spanish, at the English URLs.
    page.goto(url + "/dashboard/")
    shot("dashboard")
    page.goto(url + j.course.url)
    shot("course")
    assert page.get_by_role("heading", level=1).inner_text() == "Límites y ética"
    page.goto(url + j.lessons[0].url)
    page.get_by_label("¿Qué límite te costará más mantener?").fill(
        "No contestar mensajes de noche."
    )
    shot("lesson")
    for lesson in j.lessons:
        page.goto(url + lesson.url)
        page.get_by_role("button", name=es("Mark lesson complete")).click()
        page.wait_for_url(re.compile(r"#lesson-progress$"))
    assert LessonCompletion.objects.filter(learner=person).count() == 2

    # 4. Passes the Spanish quiz.
    page.goto(url + j.quiz.url)
    shot("quiz")
    page.get_by_role("button", name=es("Start the quiz")).click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    for question in page.locator(".question").all():
        for label in question.locator("label").all_inner_texts():
            if label in SPANISH_RIGHT:
                question.get_by_label(label, exact=True).check()
                break
    shot("quiz-taking")
    page.get_by_role("button", name=es("Submit my answers")).click()
    page.wait_for_url(re.compile(r"/result/$"))
    shot("quiz-passed")
    assert Attempt.objects.get(learner=person).passed

    # 5. Logs hours in Spanish and submits them.
    page.goto(url + f"/programs/{j.program.slug}/hours/")
    shot("hours")
    for hours, domain_slug, activity, notes in (
        ("2", "advocacy", "Peer support", "Acompañé a una persona a una cita de vivienda."),
        ("2", "mentoring-education", "Group facilitation", "Co-facilité el grupo de la tarde."),
        ("1", "advocacy", "Supervision", "Supervisión semanal sobre límites."),
    ):
        page.get_by_role("link", name=es("Log hours")).first.click()
        page.locator("input[name=hours]").fill(hours)
        domain = j.program.domain_requirements.get(domain__slug=domain_slug).domain
        page.locator("select[name=domain]").select_option(value=str(domain.pk))
        page.locator("select[name=activity_type]").select_option(
            value=str(j.program.activity_types.get(name=activity).pk)
        )
        page.locator("input[name=setting]").fill("Centro comunitario de recuperación")
        page.locator("textarea[name=notes]").fill(notes)
        page.get_by_role("button", name=es("Save as a draft")).click()
        page.wait_for_url(re.compile(r"/hours/$"))
    for box in page.locator("input[name=entries]").all():
        box.check()
    page.locator("form button[type=submit]", has_text=re.compile("revis")).first.click()
    page.wait_for_load_state()
    shot("hours-submitted")

    # The supervisor approves them (English screens).
    supervisor = person_page()
    sign_in(supervisor, url, j.supervisor, totp=True)
    supervisor.goto(url + "/admin/practice/review/")
    for entry in HoursEntry.objects.filter(status=HoursEntry.Status.SUBMITTED):
        supervisor.locator(f"#review-{entry.pk}").check()
    supervisor.get_by_role("button", name="Approve the chosen entries").click()
    supervisor.get_by_text("Approved 3 entries").wait_for()

    # 6. Signs the code of ethics, in Spanish.
    page.goto(url + "/dashboard/")
    page.get_by_role("link", name=es("read and sign")).click()
    page.get_by_text("Respeto la dignidad").wait_for()
    page.get_by_label(es("Type your full name to sign")).fill("Lucía Romero")
    shot("ethics")
    page.get_by_role("button", name=es("Sign the code of ethics")).click()
    page.goto(url + "/dashboard/")
    shot("checklist-complete")

    # 7. The coordinator issues the certificate: it is Spanish, as her profile says.
    coordinator.goto(url + "/admin/certification/queue/")
    coordinator.get_by_role("link", name="Lucía Romero").click()
    coordinator.get_by_role("button", name="Issue certificate").click()
    coordinator.get_by_role("button", name="Yes, issue the certificate").click()
    coordinator.wait_for_url(re.compile(r"/admin/certification/queue/$"))
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.language == "es"

    # 8. Downloads the Spanish PDF.
    page.goto(url + "/certificates/")
    shot("certificates")
    with page.expect_download() as download:
        page.get_by_role("link", name=es("Download the PDF")).click()
    text = PdfReader(download.value.path()).pages[0].extract_text()
    assert "Lucía Romero" in text and certificate.code in text
    assert "Certificado" in text or "certificado" in text
    assert "Límites y ética" in text  # the course, as its Spanish page names it

    assert steps.accessibility_problems == []
    assert steps.wide_on_a_phone == []
