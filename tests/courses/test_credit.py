"""Credit is recorded, not recomputed (issue #16, finding 1).

A learner who finished a course keeps it, and the training hours it credited,
whatever is published in the course afterwards; what was published later shows
to them as optional reading. Only a Lead trainer's explicit request asks them
to redo it, and they are told."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments.models import QuizPage
from certificates import eligibility
from certificates.models import Certificate
from courses.models import CourseCompletion, CourseDomainCredit, CourseRedoRequest
from courses.selectors import progress_for_courses
from courses.services import (
    course_completion_record_if_finished,
    course_redo_request,
    lesson_complete,
)
from tests.assessments.factories import single
from tests.certificates.factories import CertificateFactory
from tests.certificates.scenario import Scenario
from tests.programs.factories import domain
from tests.training.factories import LeadTrainerFactory, TrainerFactory

from .conftest import with_totp
from .factories import CoursePageFactory, LessonPageFactory, enroll

pytestmark = pytest.mark.django_db

TWO_DOMAINS = {domain_slug: Decimal("2") for domain_slug in ("advocacy", "mentoring-education")}


@pytest.fixture
def scenario(site):
    return Scenario()


def finish(scenario):
    """The learner finishes the course through the services, as on the site."""
    lesson_complete(learner=scenario.learner, lesson=scenario.lesson)
    scenario.pass_quiz()


def course_result(scenario):
    result = eligibility.check(scenario.enrollment)
    (row,) = [r for r in result.courses if r.course.pk == scenario.course.pk]
    return result, row


def hours_by_slug(result) -> dict[str, Decimal]:
    slugs = {domain(s).pk: s for s in ("advocacy", "mentoring-education")}
    return {slugs[pk]: hours for pk, hours in result.training_hours.items()}


def test_a_lesson_published_after_finishing_takes_nothing_away(scenario):
    finish(scenario)
    result, row = course_result(scenario)
    assert row.passed
    assert hours_by_slug(result) == TWO_DOMAINS

    LessonPageFactory(parent=scenario.course, title="New research on naloxone")

    result, row = course_result(scenario)
    assert row.passed, result.missing
    assert hours_by_slug(result) == TWO_DOMAINS
    assert not [m for m in result.missing if "lesson" in m], result.missing
    # The course page and dashboard read the same progress: still finished,
    # the new lesson optional.
    progress = progress_for_courses(scenario.learner, [scenario.course])[scenario.course.pk]
    assert progress.finished
    assert [s.lesson.title for s in progress.new_since_finished] == ["New research on naloxone"]
    assert progress.continue_lesson is None


def test_a_lesson_published_before_anyone_looked_still_takes_nothing_away(scenario):
    # Nobody reads the dashboard or the queue between the pass and the new lesson.
    finish(scenario)
    LessonPageFactory(parent=scenario.course, title="New research on naloxone")

    result, row = course_result(scenario)
    assert row.passed, result.missing
    assert hours_by_slug(result) == TWO_DOMAINS
    completion = CourseCompletion.objects.get(learner=scenario.learner, course=scenario.course)
    assert [lesson["title"] for lesson in completion.lessons] == ["Boundaries"]


def test_the_course_page_says_complete_when_a_lesson_is_published_before_anything_read_it(
    scenario, client
):
    """Found by the journey test: the pass was recorded only when eligibility
    next read the learner (dashboard, queue), so the course page, which reads
    recorded completions, said "2 of 3 lessons done" after a new lesson. The
    pass now records the course at once."""
    finish(scenario)
    LessonPageFactory(parent=scenario.course, title="New research on naloxone")
    client.force_login(scenario.learner)

    page = client.get(scenario.course.url).content.decode()

    assert "You completed this course" in page
    assert "New since you finished" in page
    assert CourseCompletion.objects.filter(
        learner=scenario.learner, course=scenario.course, superseded_at=None
    ).exists()


def test_the_completion_records_the_course_as_it_then_was(scenario):
    finish(scenario)
    eligibility.check(scenario.enrollment)
    completion = CourseCompletion.objects.get(learner=scenario.learner)
    assert completion.course_title == "Ethics and Boundaries"
    assert completion.lessons == [{"id": scenario.lesson.pk, "title": "Boundaries"}]
    assert completion.quiz_attempt_id == scenario.learner.quiz_attempts.get(passed=True).pk
    assert completion.quiz_score == Decimal("100")
    assert {(h["name"], h["hours"]) for h in completion.training_hours} == {
        (domain(slug).name, "2.00") for slug in TWO_DOMAINS
    }
    # Reading again records nothing more.
    eligibility.check(scenario.enrollment)
    assert CourseCompletion.objects.filter(learner=scenario.learner).count() == 1


def test_changing_the_courses_credits_later_keeps_the_recorded_hours(scenario):
    finish(scenario)
    eligibility.check(scenario.enrollment)
    CourseDomainCredit.objects.filter(course=scenario.course).update(hours=Decimal("0.5"))

    result, _ = course_result(scenario)
    assert hours_by_slug(result) == TWO_DOMAINS


def test_editing_the_quiz_after_a_pass_keeps_the_course_complete(scenario):
    finish(scenario)
    eligibility.check(scenario.enrollment)
    quiz = QuizPage.objects.get(pk=scenario.quiz.pk)
    quiz.questions = [single("A brand new question?", "Yes", "No")]
    quiz.pass_mark = 100
    quiz.save_revision().publish()

    _, row = course_result(scenario)
    assert row.passed


def test_replacing_the_quiz_after_a_pass_keeps_the_course_complete(scenario):
    finish(scenario)
    eligibility.check(scenario.enrollment)
    QuizPage.objects.get(pk=scenario.quiz.pk).unpublish()
    scenario.course.add_child(
        instance=QuizPage(title="A new quiz", slug="new-quiz", questions=[single("Q?", "A", "B")])
    )

    _, row = course_result(scenario)
    assert row.passed


def test_a_course_without_a_quiz_is_recorded_when_its_last_lesson_is_done(catalogue):
    course = CoursePageFactory(parent=catalogue, title="Listening")
    first, second = (LessonPageFactory(parent=course, title=t) for t in ("One", "Two"))
    learner = enroll(course).learner
    lesson_complete(learner=learner, lesson=first)
    assert not CourseCompletion.objects.exists()
    lesson_complete(learner=learner, lesson=second)
    completion = CourseCompletion.objects.get(learner=learner, course=course)
    assert [lesson["title"] for lesson in completion.lessons] == ["One", "Two"]
    # Idempotent: asking again returns the same record.
    again = course_completion_record_if_finished(learner=learner, course=course)
    assert again.pk == completion.pk


def test_one_standing_completion_per_learner_and_course_is_a_database_rule(catalogue):
    from django.db import IntegrityError, transaction

    course = CoursePageFactory(parent=catalogue)
    lesson = LessonPageFactory(parent=course)
    learner = enroll(course).learner
    lesson_complete(learner=learner, lesson=lesson)
    with pytest.raises(IntegrityError), transaction.atomic():
        CourseCompletion.objects.create(
            learner=learner, course=course, course_title="x", completed_at=lesson.last_published_at
        )


# --- Asking learners to redo a course ---------------------------------------------------


def test_a_lead_trainer_asks_learners_to_redo_and_they_are_told(
    scenario, mailoutbox, django_capture_on_commit_callbacks
):
    finish(scenario)
    eligibility.check(scenario.enrollment)
    certificate = CertificateFactory(enrollment=scenario.enrollment)
    snapshot = Certificate.objects.filter(pk=certificate.pk).values().get()
    lead = LeadTrainerFactory()

    with django_capture_on_commit_callbacks(execute=True):
        request = course_redo_request(
            course=scenario.course,
            requested_by=lead,
            reason="The guidance on naloxone changed; the quiz now covers it.",
        )

    assert request.learners_affected == 1
    completion = CourseCompletion.objects.get(learner=scenario.learner)
    assert completion.redo_request == request and completion.superseded_at is not None
    _, row = course_result(scenario)
    assert not row.passed  # the old pass no longer counts: the quiz is asked again
    (mail,) = mailoutbox
    assert mail.to == [scenario.learner.email]
    assert "naloxone" in mail.body and scenario.course.title in mail.body
    # Certificates already issued hold their own snapshot and never change.
    assert Certificate.objects.filter(pk=certificate.pk).values().get() == snapshot

    # Passing again records a new completion; the old one stays as history.
    scenario.pass_quiz()
    _, row = course_result(scenario)
    assert row.passed
    assert CourseCompletion.objects.filter(learner=scenario.learner).count() == 2


def test_only_lead_trainers_may_ask_for_a_redo(scenario):
    with pytest.raises(ValidationError):
        course_redo_request(
            course=scenario.course, requested_by=TrainerFactory(), reason="Needs a refresh."
        )
    with pytest.raises(ValidationError):
        course_redo_request(course=scenario.course, requested_by=LeadTrainerFactory(), reason=" ")
    assert not CourseRedoRequest.objects.exists()


def test_the_redo_screen_shows_how_many_learners_before_confirming(
    client, scenario, mailoutbox, django_capture_on_commit_callbacks
):
    finish(scenario)
    eligibility.check(scenario.enrollment)
    client.force_login(with_totp(LeadTrainerFactory()))
    url = reverse("courses_admin_redo", args=[scenario.course.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert "1 learner has completed" in page.content.decode()

    refused = client.post(url, {"reason": "The guidance changed."})  # no confirmation
    assert refused.status_code == 400
    assert CourseCompletion.objects.filter(superseded_at__isnull=True).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"reason": "The guidance changed.", "confirm": "on"})
    assert done.status_code == 302
    assert CourseCompletion.objects.filter(superseded_at__isnull=True).count() == 0
    assert len(mailoutbox) == 1


def test_trainers_cannot_open_the_redo_screen(client, scenario):
    client.force_login(with_totp(TrainerFactory()))
    response = client.get(reverse("courses_admin_redo", args=[scenario.course.pk]))
    assert response.status_code == 403


# --- What the learner sees ---------------------------------------------------------------


def test_the_course_page_and_dashboard_show_later_lessons_as_optional(client, scenario):
    finish(scenario)
    client.force_login(scenario.learner)
    client.get(reverse("dashboard"))
    LessonPageFactory(parent=scenario.course, title="New research on naloxone")

    course_page = client.get(scenario.course.url).content.decode()
    assert "You completed this course" in course_page
    assert "New since you finished" in course_page
    assert "Optional reading" in course_page
    assert "Continue where you left off" not in course_page

    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Complete</span> Completed" in dashboard
    assert "New since you finished" in dashboard
    assert "Finish 1 more lesson" not in dashboard
    assert "Continue where you left off" not in dashboard


def test_a_course_page_costs_the_same_with_a_recorded_completion(client, catalogue):
    course = CoursePageFactory(parent=catalogue)
    lessons = [LessonPageFactory(parent=course) for _ in range(3)]
    learner = enroll(course).learner
    for lesson in lessons[:2]:
        lesson_complete(learner=learner, lesson=lesson)
    client.force_login(learner)
    from .test_performance import count_queries

    _, before = count_queries(client, course.url)
    lesson_complete(learner=learner, lesson=lessons[2])
    LessonPageFactory(parent=course, title="Added later")
    status, after = count_queries(client, course.url)
    assert status == 200 and CourseCompletion.objects.filter(learner=learner).exists()
    assert after == before


def test_recorded_completions_of_many_learners_and_courses_cost_one_query(
    catalogue, django_assert_num_queries
):
    from courses.selectors import completions_of

    courses = [CoursePageFactory(parent=catalogue) for _ in range(3)]
    learners = []
    for course in courses:
        lesson = LessonPageFactory(parent=course)
        for _ in range(2):
            learner = enroll(course).learner
            lesson_complete(learner=learner, lesson=lesson)
            learners.append(learner.pk)
    with django_assert_num_queries(1):
        standing, redo_asked = completions_of(learners, courses)
    assert len(standing) == 6 and redo_asked == {}


# --- Upgrading records what was already earned -------------------------------------------


def test_the_upgrade_records_completions_already_earned(scenario):
    import importlib

    from django.apps import apps

    from tests.practice.factories import hours_enrollment

    upgrade = importlib.import_module("courses.migrations.0004_record_completions_already_earned")
    scenario.complete_lessons()
    scenario.pass_quiz()
    halfway = hours_enrollment(scenario.program).learner  # has done nothing yet
    LessonPageFactory(parent=scenario.course, title="Published after the pass")

    upgrade.record_completions(apps, None)
    upgrade.record_completions(apps, None)  # running it again records nothing more

    completion = CourseCompletion.objects.get()
    assert completion.learner == scenario.learner
    assert completion.lessons == [{"id": scenario.lesson.pk, "title": "Boundaries"}]
    assert completion.quiz_attempt_id == scenario.learner.quiz_attempts.get(passed=True).pk
    assert {h["name"] for h in completion.training_hours} == {
        domain(slug).name for slug in TWO_DOMAINS
    }
    assert not CourseCompletion.objects.filter(learner=halfway).exists()
    _, row = course_result(scenario)
    assert row.passed and row.completion == completion


def test_a_redo_is_refused_while_the_quiz_refuses_attempts_after_a_pass(scenario):
    finish(scenario)
    eligibility.check(scenario.enrollment)
    QuizPage.objects.filter(pk=scenario.quiz.pk).update(allow_practice_after_pass=False)
    with pytest.raises(ValidationError, match="keep practising after passing"):
        course_redo_request(
            course=scenario.course, requested_by=LeadTrainerFactory(), reason="New guidance."
        )
    assert CourseCompletion.objects.get().superseded_at is None


def test_the_redo_action_is_offered_to_lead_trainers_only(client, scenario):
    explore = reverse("wagtailadmin_explore", args=[scenario.course.get_parent().pk])
    edit = reverse("wagtailadmin_pages:edit", args=[scenario.course.pk])
    client.force_login(with_totp(LeadTrainerFactory()))
    assert "Ask learners to redo this course" in client.get(edit).content.decode()
    assert "Ask learners to redo this course" in client.get(explore).content.decode()
    client.force_login(with_totp(TrainerFactory()))
    page = client.get(edit)
    assert page.status_code == 200 and scenario.course.title in page.content.decode()
    assert "Ask learners to redo this course" not in page.content.decode()
