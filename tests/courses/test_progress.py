"""Marking lessons complete, lessons taken in order, and progress."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses import services
from courses.models import LessonCompletion
from courses.selectors import progress_for_courses
from tests.training.factories import LearnerFactory

from .factories import CoursePageFactory, LessonPageFactory, complete, enroll

pytestmark = pytest.mark.django_db


def complete_url(lesson):
    return reverse("courses:lesson_complete", args=[lesson.pk])


@pytest.fixture
def course(catalogue):
    course = CoursePageFactory(parent=catalogue, title="Relapse warning signs")
    for title in ("A process, not an event", "HALT", "Trigger maps"):
        LessonPageFactory(parent=course, title=title)
    return course


def course_progress(learner, course):
    return progress_for_courses(learner, [course])[course.pk]


def lessons_of(course):
    return list(course.get_children().specific())


def test_marking_a_lesson_complete_records_it_and_shows_progress(client, course):
    first, second, _ = lessons_of(course)
    learner = enroll(course).learner
    client.force_login(learner)
    response = client.post(complete_url(first))
    assert response.status_code == 302
    assert response.url == f"{first.url}#lesson-progress"
    completion = LessonCompletion.objects.get(learner=learner)
    assert (completion.lesson, completion.course_id, completion.lesson_title) == (
        first,
        course.pk,
        "A process, not an event",
    )
    html = client.get(first.url).content.decode()
    assert "is complete" in html  # the success message
    assert "You have completed this lesson" in html
    assert "1 of 3 lessons done" in html
    assert "Mark lesson complete" not in html
    assert f'href="{second.url}"' in html


def test_completing_twice_changes_nothing(client, course):
    first = lessons_of(course)[0]
    learner = enroll(course).learner
    client.force_login(learner)
    client.post(complete_url(first))
    recorded = LessonCompletion.objects.get(learner=learner)
    assert client.post(complete_url(first)).status_code == 302
    assert services.lesson_complete(learner=learner, lesson=first) == recorded
    assert LessonCompletion.objects.filter(learner=learner).count() == 1
    assert LessonCompletion.objects.get().completed_at == recorded.completed_at


def test_completion_needs_a_post_and_a_signed_in_person(client, course):
    first = lessons_of(course)[0]
    response = client.post(complete_url(first))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    client.force_login(enroll(course).learner)
    assert client.get(complete_url(first)).status_code == 405
    assert not LessonCompletion.objects.exists()


def test_completing_a_lesson_of_a_course_one_may_not_study_is_refused(client, course):
    first = lessons_of(course)[0]
    client.force_login(LearnerFactory())
    response = client.post(complete_url(first))
    assert response.status_code == 403
    assert "a course you aren&#x27;t enrolled in" in response.content.decode()
    assert not LessonCompletion.objects.exists()


@pytest.mark.parametrize("status", ["withdrawn", "completed"])
def test_completing_without_an_active_enrollment_is_refused(client, course, status):
    client.force_login(enroll(course, status=status).learner)
    assert client.post(complete_url(lessons_of(course)[0])).status_code == 403
    assert not LessonCompletion.objects.exists()


def test_completing_an_unpublished_or_missing_lesson_is_refused(client, course):
    draft = LessonPageFactory(parent=course, live=False, title="Still a draft")
    learner = enroll(course).learner
    client.force_login(learner)
    response = client.post(complete_url(draft))
    assert response.status_code == 404
    assert "isn&#x27;t published" in response.content.decode()
    assert client.post(reverse("courses:lesson_complete", args=[99999])).status_code == 404
    with pytest.raises(ValidationError) as error:
        services.lesson_complete(learner=learner, lesson=draft)
    assert error.value.code == services.UNPUBLISHED
    assert not LessonCompletion.objects.exists()


# --- Lessons in order ------------------------------------------------------------


@pytest.fixture
def ordered(course):
    course.lessons_in_order = True
    course.save_revision().publish()
    course.refresh_from_db()
    return course


def test_in_order_a_later_lesson_is_locked_and_says_which_to_finish(client, ordered):
    first, second, third = lessons_of(ordered)
    client.force_login(enroll(ordered).learner)
    response = client.get(second.url)
    html = response.content.decode()
    assert response.status_code == 403
    assert "This one opens once you finish <strong>“A process, not an event”</strong>" in html
    assert f'href="{first.url}"' in html
    assert "Welcome to this lesson." not in html
    assert client.get(third.url).status_code == 403


def test_in_order_completing_a_locked_lesson_is_refused(client, ordered):
    first, second, _ = lessons_of(ordered)
    learner = enroll(ordered).learner
    client.force_login(learner)
    response = client.post(complete_url(second))
    assert response.status_code == 403
    assert "finish “A process, not an event”" in response.content.decode()
    assert not LessonCompletion.objects.exists()


def test_in_order_finishing_a_lesson_opens_the_next(client, ordered):
    first, second, third = lessons_of(ordered)
    learner = enroll(ordered).learner
    client.force_login(learner)
    client.post(complete_url(first))
    assert client.get(second.url).status_code == 200
    assert client.get(third.url).status_code == 403
    client.post(complete_url(second))
    assert client.get(third.url).status_code == 200


def test_a_lesson_added_later_never_locks_finished_work(ordered):
    first, second, third = lessons_of(ordered)
    learner = enroll(ordered).learner
    complete(learner, first, second, third)
    # A trainer adds a lesson later and moves it to second place.
    inserted = LessonPageFactory(parent=ordered, title="New lesson")
    inserted.move(second, pos="left")
    assert [x.title for x in lessons_of(ordered)][1] == "New lesson"
    progress = course_progress(learner, ordered)
    assert [s.locked for s in progress.lessons] == [False, False, False, False]
    assert progress.continue_lesson == inserted


def test_without_order_every_lesson_is_open(client, course):
    _, _, third = lessons_of(course)
    client.force_login(enroll(course).learner)
    assert client.get(third.url).status_code == 200


def test_progress_counts_live_lessons_and_points_to_the_first_not_done(course):
    first, second, third = lessons_of(course)
    LessonPageFactory(parent=course, live=False)
    learner = enroll(course).learner
    complete(learner, first, third)
    progress = course_progress(learner, course)
    assert (progress.done, progress.total, progress.percent) == (2, 3, 67)
    assert progress.continue_lesson == second
    complete(learner, second)
    progress = course_progress(learner, course)
    assert progress.finished and progress.continue_lesson is None
