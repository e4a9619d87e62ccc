"""Strings built in Python speak the page's language (issue 21): form labels
and errors, flash messages, refusals raised by the services, durations, the
quiz script's messages and the staff screens' labels. Each is read through the
site by a person whose profile says Spanish, as a Spanish-speaking learner or
coordinator would meet it."""

import json

import pytest
from django.urls import reverse

from assessments.models import Attempt
from assessments.services import attempt_start
from dashboard.services import account_close_request
from tests.assessments.factories import enroll_in, make_quiz
from tests.courses.conftest import with_totp
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    block,
    catalogue,
    enroll,
    reflection,
)
from tests.training.factories import LearnerFactory, UserFactory

pytestmark = pytest.mark.django_db

PROMPT = "5a1d0c3e-2222-4aaa-8bbb-000000000021"


@pytest.fixture
def lesson(site):
    course = CoursePageFactory(parent=catalogue(), title="Sharing lived experience")
    return LessonPageFactory(
        parent=course,
        title="Why stories matter",
        estimated_minutes=75,
        body=[
            block("rich_text", "<p>Stories can help.</p>"),
            reflection("When did someone's story help you?", block_id=PROMPT),
        ],
    )


@pytest.fixture
def spanish_learner(lesson):
    return enroll(lesson.get_parent().specific, learner=LearnerFactory(language="es")).learner


def test_an_invalid_form_gives_its_label_and_error_in_spanish(client, site):
    client.force_login(LearnerFactory(language="es"))
    response = client.post(reverse("dashboard_data_close"), {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Marca la casilla si quieres cerrar tu cuenta." in html
    assert "Entiendo que se cerrará mi sesión ahora y no podré volver a iniciar sesión" in html
    assert "Tick the box" not in html and "I understand that" not in html


def test_a_lesson_reads_its_duration_and_its_answer_box_in_spanish(client, lesson, spanish_learner):
    client.force_login(spanish_learner)
    html = client.get(lesson.url).content.decode()
    assert "Aprox. 1 hora y 15 minutos" in html
    assert "1 hour" not in html
    # The answer box's help text, with the number written the Spanish way (Django's
    # Spanish formats group thousands with a non-breaking space).
    assert "Solo tú puedes leer tu respuesta. Hasta 5\u00a0000 caracteres." in html


def test_a_flash_message_after_an_action_is_in_spanish(client, lesson, spanish_learner):
    client.force_login(spanish_learner)
    response = client.post(
        reverse("courses:reflection_save", args=[lesson.pk, PROMPT]),
        {f"reflection-{PROMPT}-text": "When my mentor called."},
        follow=True,
    )
    html = response.content.decode()
    assert "Tu reflexión está guardada. Solo tú puedes leerla." in html
    assert "Your reflection is saved" not in html


def test_a_refusal_raised_by_a_service_is_in_spanish(client, lesson, spanish_learner):
    client.force_login(spanish_learner)
    response = client.post(
        reverse("courses:reflection_save", args=[lesson.pk, PROMPT]),
        {f"reflection-{PROMPT}-text": "   "},
    )
    assert response.status_code == 400
    assert "Escribe tu respuesta antes de guardarla." in response.content.decode()


def test_the_same_pages_stay_in_english_for_an_english_reader(client, lesson):
    learner = enroll(lesson.get_parent().specific, learner=LearnerFactory(language="en")).learner
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert "About 1 hour 15 minutes" in html
    assert "Only you can read your answer. Up to 5,000 characters." in html
    response = client.post(
        reverse("courses:reflection_save", args=[lesson.pk, PROMPT]),
        {f"reflection-{PROMPT}-text": "When my mentor called."},
        follow=True,
    )
    assert "Your reflection is saved. Only you can read it." in response.content.decode()


def test_the_quiz_page_and_its_script_speak_spanish(client, site):
    quiz = make_quiz()
    learner = enroll_in(quiz.get_parent().specific, learner=LearnerFactory(language="es")).learner
    client.force_login(learner)
    started = client.post(reverse("assessments:start", args=[quiz.pk]))
    take = client.get(started["Location"]).content.decode()
    # quiz.js reads its messages from the form, written in the page's language.
    assert 'data-saving="Guardando…"' in take and 'data-saved="Guardado."' in take
    assert 'data-offline="Todavía sin guardar (no hay conexión).' in take
    attempt_id = Attempt.objects.get(learner=learner).pk

    # The autosave's refusal, which the script shows as it is.
    answer = client.post(
        reverse("assessments:answer", args=[attempt_id]),
        data="not json",
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert json.loads(answer.content) == {"error": "No se pudo leer esa respuesta."}

    # Submitted with nothing answered: the service's refusal, counted in Spanish.
    submitted = client.post(reverse("assessments:submit", args=[attempt_id]), {})
    assert (
        "Ninguna de las 4 preguntas tiene respuesta todavía. Un intento en blanco obtiene 0%."
        in submitted.content.decode()
    )


def test_the_admin_labels_of_our_screens_follow_a_spanish_speaking_coordinator(client, site):
    person = LearnerFactory()
    account_close_request(user=person)
    admin = with_totp(UserFactory(is_superuser=True, is_staff=True, language="es"))
    client.force_login(admin)
    html = client.get(reverse("account_closures:index")).content.decode()
    # Wagtail's own words and ours, in one language.
    assert "Cierres de cuenta" in html
    assert "Esperando a una persona coordinadora" in html
    assert "Confirmar el borrado…" in html
    assert "Pedido el" in html
    assert "Waiting for a coordinator" not in html and "Confirm erasure…" not in html

    quiz = make_quiz()
    attempt_start(learner=enroll_in(quiz.get_parent().specific).learner, quiz=quiz)
    attempts = client.get(reverse("quiz_attempts:index")).content.decode()
    assert "<title>Intentos" in attempts
    for label in ("Puntuación", "Empezado entre", "Intentos de cuestionarios"):
        assert label in attempts
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk])).content.decode()
    for label in ("Página de cuestionario", "Aprobado y límites", "Mezclar las preguntas"):
        assert label in editor


def test_a_lessons_blocks_are_labelled_in_spanish_in_the_editor(client, lesson):
    """The block fields a trainer fills in (alt text, caption, content note…)
    had labels Wagtail made from their names, which no catalogue can hold."""
    admin = with_totp(UserFactory(is_superuser=True, is_staff=True, language="es"))
    client.force_login(admin)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).content.decode()
    for label in ("Texto alternativo", "Pie de imagen", "Transcripci\\u00f3n", "Ideas clave"):
        assert label in editor or label.encode().decode("unicode_escape") in editor, label
    assert '"Alt text"' not in editor


def test_the_program_and_ce_category_forms_are_labelled_in_spanish(client, site):
    """Fields whose only name was the model field's (title, slug, name…) get
    a translated heading on the admin's forms."""
    from tests.programs.factories import ProgramFactory

    admin = with_totp(UserFactory(is_superuser=True, is_staff=True, language="es"))
    client.force_login(admin)
    program = ProgramFactory()
    form = client.get(reverse("programs_program:edit", args=[program.pk])).content.decode()
    for label in ("Título de la credencial", "Acepta solicitudes de inscripción"):
        assert label in form, label
    assert ">Credential title<" not in form
    categories = client.get(reverse("ce_categories:add")).content.decode()
    assert "Nombre" in categories and ">Name<" not in categories
