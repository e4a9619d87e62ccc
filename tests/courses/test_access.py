"""Who may study a course, and what everyone else sees at a lesson's address."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from courses.selectors import can_study, study_state
from tests.training.factories import CoordinatorFactory, LearnerFactory, SupervisorFactory

from .factories import CoursePageFactory, LessonPageFactory, complete, enroll, program_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    course = CoursePageFactory(parent=catalogue, title="Accountability without judgment")
    LessonPageFactory(parent=course, title="Open questions")
    return course


def lesson_of(course):
    return course.get_children().specific().first()


def test_anonymous_cannot_study(course):
    assert can_study(AnonymousUser(), course) is False
    assert can_study(None, course) is False


def test_a_learner_without_enrollment_cannot_study(course):
    assert can_study(LearnerFactory(), course) is False


def test_an_active_enrollment_in_a_program_requiring_the_course_can_study(course):
    assert can_study(enroll(course).learner, course) is True


def test_an_enrollment_in_a_program_without_the_course_cannot_study(course, catalogue):
    other = CoursePageFactory(parent=catalogue)
    assert can_study(enroll(other).learner, course) is False


@pytest.mark.parametrize("status", ["withdrawn", "completed"])
def test_withdrawn_and_completed_enrollments_cannot_study(course, status):
    # Decision: only an active enrollment opens lessons. A completed enrollment
    # is the record a certificate rests on, so its progress is frozen.
    assert can_study(enroll(course, status=status).learner, course) is False


def test_a_second_active_enrollment_opens_a_course_a_withdrawn_one_no_longer_does(course):
    enrollment = enroll(course, status="withdrawn")
    assert can_study(enrollment.learner, course) is False
    second = program_with(course)
    enroll_in = enrollment.__class__.objects.create(learner=enrollment.learner, program=second)
    assert enroll_in.status == "active"
    assert can_study(enrollment.learner, course) is True


def test_an_unpublished_course_cannot_be_studied(course):
    learner = enroll(course).learner
    course.unpublish()
    course.refresh_from_db()
    assert can_study(learner, course) is False


def test_can_study_costs_one_query(course, django_assert_num_queries):
    learner = enroll(course).learner
    with django_assert_num_queries(1):
        assert can_study(learner, course)


@pytest.mark.parametrize("status", ["active", "withdrawn", "completed"])
def test_study_state_agrees_with_can_study_and_counts_completions_only_when_open(
    course, status, django_assert_num_queries
):
    first = lesson_of(course)
    second = LessonPageFactory(parent=course, title="Closed questions")
    enrollment = enroll(course, status=status)
    complete(enrollment.learner, first)
    with django_assert_num_queries(1):
        allowed, done = study_state(enrollment.learner, course, [first.pk, second.pk])
    assert allowed is can_study(enrollment.learner, course)
    assert done == ({first.pk} if status == "active" else set())


def test_study_state_of_a_course_without_lessons_or_a_stranger(course, catalogue):
    empty = CoursePageFactory(parent=catalogue)
    learner = enroll(empty).learner
    assert study_state(learner, empty, []) == (True, set())
    assert study_state(learner, course, [lesson_of(course).pk]) == (False, set())
    assert study_state(AnonymousUser(), course, [lesson_of(course).pk]) == (False, set())


# --- The lesson page for each kind of visitor -----------------------------------


def test_anonymous_visitor_is_sent_to_sign_in_and_back(client, course):
    lesson = lesson_of(course)
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={lesson.url}"


def test_signed_in_but_not_enrolled_gets_a_kind_403(client, course):
    lesson = lesson_of(course)
    client.force_login(LearnerFactory())
    response = client.get(lesson.url)
    html = response.content.decode()
    assert response.status_code == 403
    assert "This lesson is for enrolled learners" in html
    assert 'href="/programs/"' in html
    assert f'href="{course.url}"' in html  # the overview stays open
    assert "Open questions" not in html.split("<main", 1)[1].split("</h1>", 1)[1]


@pytest.mark.parametrize(
    "status, wording",
    [("withdrawn", "not active at the moment"), ("completed", "You have completed the program")],
)
def test_the_403_page_explains_withdrawn_and_completed(client, course, status, wording):
    client.force_login(enroll(course, status=status).learner)
    response = client.get(lesson_of(course).url)
    assert response.status_code == 403
    assert wording in response.content.decode()


def test_enrolled_learner_reads_the_lesson(client, course):
    client.force_login(enroll(course).learner)
    response = client.get(lesson_of(course).url)
    assert response.status_code == 200
    assert "Welcome to this lesson." in response.content.decode()


@pytest.mark.parametrize("factory", [SupervisorFactory, CoordinatorFactory])
def test_staff_who_are_not_enrolled_cannot_open_lessons(client, course, factory):
    client.force_login(factory())
    response = client.get(lesson_of(course).url)
    assert response.status_code == 403
    assert "Welcome to this lesson." not in response.content.decode()
    assert "page editor in the admin" in response.content.decode()


def test_an_unpublished_lesson_is_not_found(client, course):
    draft = LessonPageFactory(parent=course, live=False)
    client.force_login(enroll(course).learner)
    assert client.get(f"{course.url}{draft.slug}/").status_code == 404
