"""A course is one course in two languages (issue 21).

Trainers translate pages with wagtail-localize. A reader is served the English
page's URL in either language and reads the translation in theirs where it is
published, the English (marked lang="en", with a note) where it is not;
progress, reflections, quiz attempts and completions are the English page's
whichever language a lesson was read in.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, WorkflowPage
from wagtail_localize.models import Translation

from assessments.models import Attempt, QuizPage
from courses.models import CourseIndexPage, CoursePage, LessonCompletion, LessonPage, Reflection
from tests.assessments.factories import make_quiz, right_answers, single, true_false
from tests.courses.factories import CoursePageFactory, LessonPageFactory, block, catalogue, enroll
from tests.training.factories import LearnerFactory
from training.models import HomePage
from training.services import page_translation_import

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es"}
PROMPT_ID = "7b0a3c52-1d55-4c8f-9a55-8f1d2a3b4c5d"


def english_body():
    return [
        block("heading", {"text": "Why stories matter", "level": "h2"}),
        block(
            "rich_text", "<p>Sharing lived experience can <b>open a door</b>.</p><p>Ask first.</p>"
        ),
        block(
            "reflection",
            {"question": "What helped you?", "guidance": "A few sentences are enough."},
            block_id=PROMPT_ID,
        ),
    ]


def spanish_body():
    return [
        {"type": "heading", "value": {"text": "Por qué importan las historias", "level": "h2"}},
        {
            "type": "rich_text",
            "value": "<p>Compartir la experiencia vivida puede <b>abrir una puerta</b>.</p>"
            "<p>Pregunta primero.</p>",
        },
        {
            "type": "reflection",
            "value": {"question": "¿Qué te ayudó?", "guidance": "Con unas frases basta."},
        },
    ]


@pytest.fixture
def spanish_site(site, settings):
    """The home page and catalogue in Spanish, with the trainers' permissions,
    as setup_site makes them for a site that offers Spanish."""
    from django.core.management import call_command

    settings.PEERPATH_TRANSLATED_LANGUAGES = ["es"]
    call_command("setup_site", verbosity=0)
    return catalogue()


@pytest.fixture
def course_in_two_languages(spanish_site):
    course = CoursePageFactory(parent=spanish_site, title="Sharing stories", slug="sharing")
    lesson = LessonPageFactory(
        parent=course, title="Why stories matter", slug="why", body=english_body()
    )
    page_translation_import(
        page=course,
        language="es",
        words={
            "title": "Compartir historias",
            "summary": "Un curso breve para quienes empiezan como mentores.",
            "learning_objectives": (
                "<ul><li>Escuchar sin juzgar</li><li>Compartir con un propósito</li></ul>"
            ),
        },
    )
    page_translation_import(
        page=lesson,
        language="es",
        words={"title": "Por qué importan las historias", "body": spanish_body()},
    )
    return course, lesson


def as_saved(questions: list[dict]) -> list[dict]:
    """Questions as the admin saves them: every block and choice with its id
    (wagtail-localize finds a choice's words by its id)."""
    stream_block = QuizPage._meta.get_field("questions").stream_block
    return stream_block.get_prep_value(stream_block.clean(stream_block.to_python(questions)))


def h1(response) -> str:
    return re.search(r"<h1[^>]*>.*?</h1>", response.content.decode(), re.S).group(0)


def test_the_spanish_is_read_at_the_english_url(client, course_in_two_languages):
    course, lesson = course_in_two_languages
    learner = LearnerFactory()
    enroll(course, learner=learner)
    client.force_login(learner)

    spanish = client.get(lesson.url, **SPANISH)
    assert spanish.status_code == 200
    html = spanish.content.decode()
    assert h1(spanish) == '<h1 id="lesson-title">Por qué importan las historias</h1>'
    assert "Compartir la experiencia vivida puede <b>abrir una puerta</b>." in html
    assert "¿Qué te ayudó?" in html
    assert "Sharing lived experience" not in html
    assert "content-language-note" not in html
    # The breadcrumb names the course in Spanish too.
    assert ">Compartir historias</a>" in html

    english = client.get(lesson.url, HTTP_ACCEPT_LANGUAGE="en")
    assert "Sharing lived experience can <b>open a door</b>." in english.content.decode()
    assert "Compartir" not in english.content.decode()

    overview = client.get(course.url, **SPANISH).content.decode()
    assert "Compartir historias" in overview and "Escuchar sin juzgar" in overview
    assert ">Por qué importan las historias</a>" in overview


def test_an_untranslated_course_is_shown_in_english_marked_and_with_a_note(
    client, course_in_two_languages, spanish_site
):
    other = CoursePageFactory(parent=spanish_site, title="Ethics and boundaries")
    page = client.get(other.url, **SPANISH)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="es">' in html
    assert h1(page) == '<h1 lang="en">Ethics and boundaries</h1>'
    assert "content-language-note" in html
    assert "todavía no está traducida" in html
    # In the catalogue: the translated course in Spanish, the other marked English.
    listing = client.get(spanish_site.url, **SPANISH).content.decode()
    assert ">Compartir historias</a>" in listing
    assert re.search(
        r'<h2 class="course-card-title" lang="en"><a [^>]+>Ethics and boundaries', listing
    )
    # An English reader never sees the note.
    assert "content-language-note" not in client.get(other.url).content.decode()


def test_progress_and_reflections_belong_to_the_one_course(client, course_in_two_languages):
    course, lesson = course_in_two_languages
    spanish_lesson = lesson.get_translation(Locale.objects.get(language_code="es"))
    learner = LearnerFactory(language="es")
    enroll(course, learner=learner)
    client.force_login(learner)
    page = client.get(lesson.url)
    # The page's form posts to the lesson the reader is served: the English one.
    assert reverse("courses:lesson_complete", args=[lesson.pk]) in page.content.decode()

    # Even a post naming the translation's own id is recorded against the English lesson.
    response = client.post(
        reverse("courses:lesson_complete", args=[spanish_lesson.pk]),
        {f"reflection-{PROMPT_ID}-text": "Alguien que me escuchó."},
    )
    assert response.status_code == 302
    assert LessonCompletion.objects.filter(learner=learner, lesson=lesson).count() == 1
    assert not LessonCompletion.objects.filter(lesson=spanish_lesson).exists()
    assert Reflection.objects.get(author=learner).lesson_id == lesson.pk

    # The learner switches to English: the same lesson is done.
    learner.language = "en"
    learner.save(update_fields=["language"])
    overview = client.get(course.url).content.decode()
    assert "is-done" in overview


def test_the_spanish_course_is_open_only_to_enrolled_learners_as_in_english(
    client, course_in_two_languages
):
    _course, lesson = course_in_two_languages
    client.force_login(LearnerFactory(language="es"))
    refused = client.get(lesson.url)
    assert refused.status_code == 403
    assert "abrir una puerta" not in refused.content.decode()
    # Signed out: to the sign-in page, in either language.
    client.logout()
    assert client.get(lesson.url, **SPANISH).status_code == 302


def test_a_quiz_taken_in_spanish_is_the_english_quizs_attempt(client, course_in_two_languages):
    course, _lesson = course_in_two_languages
    quiz = make_quiz(
        course,
        questions=as_saved(
            [
                single("Which question is open?", "What has this week been like?", "Are you okay?"),
                true_false("Peer support is mutual.", True),
            ]
        ),
        title="Check your understanding",
    )
    page_translation_import(
        page=quiz,
        language="es",
        words={
            "title": "Comprueba lo que aprendiste",
            "questions": [
                single("¿Qué pregunta es abierta?", "¿Cómo ha sido esta semana?", "¿Estás bien?"),
                {
                    "type": "true_false",
                    "value": {
                        "statement": "El apoyo entre pares es mutuo.",
                        "is_true": True,
                        "feedback_true": "Comentario si es verdadero.",
                        "feedback_false": "Comentario si es falso.",
                    },
                },
            ],
        },
    )
    learner = LearnerFactory(language="es")
    enroll(course, learner=learner)
    client.force_login(learner)
    assert "Comprueba lo que aprendiste" in client.get(quiz.url).content.decode()

    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(learner=learner)
    assert attempt.quiz_id == quiz.pk  # the English quiz
    prompts = [question["prompt"] for question in attempt.snapshot["questions"]]
    assert prompts == ["¿Qué pregunta es abierta?", "El apoyo entre pares es mutuo."]
    take = client.get(reverse("assessments:take", args=[attempt.pk])).content.decode()
    assert "¿Qué pregunta es abierta?" in take

    # The translation keeps the question and choice ids: the English answers grade it.
    form = {f"q-{qid}": ids for qid, ids in right_answers(attempt).items()}
    client.post(reverse("assessments:submit", args=[attempt.pk]), form)
    attempt.refresh_from_db()
    assert attempt.passed


def test_a_lesson_costs_the_same_queries_in_spanish_as_in_english(client, course_in_two_languages):
    course, lesson = course_in_two_languages
    counts = []
    for language in ("en", "es"):
        learner = LearnerFactory(language=language)
        enroll(course, learner=learner)
        client.force_login(learner)
        client.get(lesson.url)  # the kept content filled
        with CaptureQueriesContext(connection) as queries:
            assert client.get(lesson.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_words_with_another_structure_are_refused_and_nothing_is_kept(spanish_site):
    course = CoursePageFactory(parent=spanish_site)
    lesson = LessonPageFactory(parent=course, body=english_body())
    page_translation_import(page=course, language="es", words={"title": "Un curso"})
    one_paragraph_short = spanish_body()
    one_paragraph_short[1]["value"] = (
        "<p>Compartir la experiencia vivida puede abrir una puerta.</p>"
    )
    with pytest.raises(ValueError, match="structure"):
        page_translation_import(
            page=lesson, language="es", words={"title": "Lección", "body": one_paragraph_short}
        )
    assert not LessonPage.objects.filter(locale__language_code="es").exists()
    assert not Translation.objects.filter(source__object_id=lesson.translation_key).exists()


def test_setup_site_gives_trainers_the_spanish_catalogue(settings, site):
    settings.PEERPATH_TRANSLATED_LANGUAGES = ["es"]
    from django.core.management import call_command

    call_command("setup_site", verbosity=0)
    spanish = CourseIndexPage.objects.get(locale__language_code="es")
    english = CourseIndexPage.objects.get(locale__language_code="en")
    assert spanish.translation_key == english.translation_key and spanish.live
    assert spanish.title == "Cursos"
    assert HomePage.objects.get(locale__language_code="es").live
    # Trainers translate and review courses under it as they write them in English.
    for page in (english, spanish):
        assert WorkflowPage.objects.filter(page=page).exists()
        assert GroupPagePermission.objects.filter(page=page).count() == 7
    call_command("setup_site", verbosity=0)  # again: nothing new
    assert CourseIndexPage.objects.count() == 2
    assert CoursePage.objects.count() == QuizPage.objects.count() == 0


def test_a_lead_trainer_translates_a_course_in_the_admin(course_in_two_languages, spanish_site):
    """wagtail-localize's "Translate this page", as a lead trainer (not a
    superuser): the Spanish draft lands under the Spanish catalogue and opens in
    the translation editor."""
    from django.test import Client

    from tests.courses.conftest import with_totp
    from tests.training.factories import LeadTrainerFactory

    course = CoursePageFactory(parent=spanish_site, title="Ethics and boundaries")
    client = Client()
    client.force_login(with_totp(LeadTrainerFactory()))
    url = reverse("wagtail_localize:submit_page_translation", args=[course.pk])
    assert client.get(url).status_code == 200
    spanish = Locale.objects.get(language_code="es")
    response = client.post(url, {"locales": [spanish.pk]})
    assert response.status_code == 302
    draft = CoursePage.objects.get(translation_key=course.translation_key, locale=spanish)
    assert draft.get_parent().pk == CourseIndexPage.objects.get(locale=spanish).pk
    assert not draft.live  # readers keep the English until a translation is published
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert editor.status_code == 200
    # wagtail-localize's editor, with the English strings to translate.
    assert "Ethics and boundaries" in editor.content.decode()


def test_only_trainers_may_ask_for_a_translation(client, spanish_site):
    """wagtail-localize's "Translate" screen needs its permission, which only
    trainers and lead trainers have (courses/migrations/0006)."""
    from tests.courses.conftest import with_totp
    from tests.training.factories import CoordinatorFactory, TrainerFactory

    course = CoursePageFactory(parent=spanish_site, title="Ethics and boundaries")
    url = reverse("wagtail_localize:submit_page_translation", args=[course.pk])
    spanish = Locale.objects.get(language_code="es")
    for person, allowed in ((CoordinatorFactory(), False), (TrainerFactory(), True)):
        client.force_login(with_totp(person))
        assert (client.get(url).status_code == 200) is allowed, person
    for person in (LearnerFactory(), CoordinatorFactory()):
        client.force_login(with_totp(person))
        assert client.post(url, {"locales": [spanish.pk]}).status_code in (302, 403)
    assert not CoursePage.objects.filter(
        translation_key=course.translation_key, locale=spanish
    ).exists()
