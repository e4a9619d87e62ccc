"""The learner's dashboard: each active program's courses, progress, and where to continue."""

import pytest
from django.urls import reverse

from courses.models import ProgramCourse
from tests.training.factories import LearnerFactory

from .conftest import with_totp
from .factories import CoursePageFactory, LessonPageFactory, complete, enroll

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(catalogue):
    first = CoursePageFactory(parent=catalogue, title="Sharing lived experience")
    second = CoursePageFactory(parent=catalogue, title="Relapse warning signs")
    lessons = {
        first: [LessonPageFactory(parent=first, title=f"Story {i}") for i in range(1, 4)],
        second: [LessonPageFactory(parent=second, title=f"Signs {i}") for i in range(1, 3)],
    }
    return first, second, lessons


def test_the_dashboard_lists_each_active_programs_courses_with_progress(client, courses):
    first, second, lessons = courses
    enrollment = enroll(first, second)
    complete(enrollment.learner, lessons[first][0])
    client.force_login(enrollment.learner)
    html = client.get(reverse("dashboard")).content.decode()
    assert enrollment.program.title in html
    assert html.index("Sharing lived experience") < html.index("Relapse warning signs")
    assert "1 of 3 lessons done" in html
    assert "0 of 2 lessons done" in html
    assert "Continue where you left off" in html
    assert f'href="{lessons[first][1].url}"' in html  # where they left off
    assert f'href="{lessons[second][0].url}"' in html  # not started yet: the first lesson
    # The account links stay, and the reflections download is one of them.
    assert reverse("account_change_password") in html
    assert reverse("courses:reflections_download") in html
    assert "Staff tools" not in html


def test_withdrawn_programs_and_unpublished_courses_are_left_out(client, courses, catalogue):
    first, second, _ = courses
    learner = LearnerFactory()
    enroll(first, learner=learner, status="withdrawn")
    active = enroll(second, learner=learner)
    draft = CoursePageFactory(parent=catalogue, title="Still being written", live=False)
    ProgramCourse.objects.create(program=active.program, course=draft, sort_order=5)
    client.force_login(learner)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Relapse warning signs" in html
    assert "Sharing lived experience" not in html
    assert "Still being written" not in html


def test_a_finished_course_says_so(client, courses):
    _, second, lessons = courses
    enrollment = enroll(second)
    complete(enrollment.learner, *lessons[second])
    client.force_login(enrollment.learner)
    html = client.get(reverse("dashboard")).content.decode()
    # A course without a quiz is complete with its lessons, and recorded so.
    assert "Course complete" in html
    assert "Complete</span> Completed" in html
    assert "Continue where you left off" not in html


def test_someone_not_enrolled_is_pointed_to_the_catalogue_and_programs(client, site):
    client.force_login(LearnerFactory())
    html = client.get(reverse("dashboard")).content.decode()
    assert 'href="/courses/"' in html
    assert 'href="/programs/"' in html


def test_staff_keep_their_tools_box(client, site):
    from tests.training.factories import TrainerFactory

    client.force_login(with_totp(TrainerFactory()))
    html = client.get(reverse("dashboard")).content.decode()
    assert "Staff tools" in html
    assert reverse("wagtailadmin_home") in html


DASHBOARD_MAX_QUERIES = 26
KEPT_DASHBOARD_QUERIES = 11


def test_the_dashboard_costs_a_fixed_number_of_queries(
    client, courses, catalogue, django_assert_max_num_queries
):
    first, second, lessons = courses
    learner = LearnerFactory()
    enroll(first, learner=learner)
    client.force_login(learner)
    client.get(reverse("dashboard"))  # warm Wagtail's site root cache, as any running site has
    # Progress (4 queries) plus the certificate checklist (courses, quizzes,
    # attempts, credits, hours, ethics, certificates: about 14), fixed.
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES) as small:
        client.get(reverse("dashboard"))
    # Many more programs, courses, lessons and completions...
    for _ in range(4):
        course = CoursePageFactory(parent=catalogue)
        more = [LessonPageFactory(parent=course) for _ in range(5)]
        enroll(course, second, learner=learner)
        complete(learner, *more[:2])
    # New pages changed the content version: the first request loads the
    # content again (training/content_cache.py), as it would on a running site.
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        client.get(reverse("dashboard"))
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES) as big:
        response = client.get(reverse("dashboard"))
    # A bar per course (1 + 4 x 2) and two per enrollment for practice and
    # supervision hours (5 enrollments).
    assert response.content.decode().count("<progress") == 1 + 4 * 2 + 5 * 2
    assert len(big.captured_queries) == len(small.captured_queries)
    # With the content kept: the session, the user, their roles, enrollments,
    # completions, last completion per course, hours, ethics, certificates and
    # coordinators' returns, and their requests to join
    # (programs.selectors.join_requests_for_dashboard).
    assert len(big.captured_queries) == KEPT_DASHBOARD_QUERIES, big.captured_queries
