"""Issue #19: "Mark lesson complete" with a reflection typed but not saved saves
the reflection too (the box belongs to the lesson's one form), without
JavaScript; a blank box never wipes a saved answer; an answer too long
completes nothing and loses nothing."""

import re

import pytest
from django.urls import reverse

from courses.limits import REFLECTION_MAX_LENGTH
from courses.models import LessonCompletion, Reflection
from tests.training.factories import LearnerFactory

from .factories import CoursePageFactory, LessonPageFactory, block, enroll, reflection

pytestmark = pytest.mark.django_db

PROMPT = "3f2a9c1e-1111-4aaa-8bbb-000000000001"
SECOND = "3f2a9c1e-1111-4aaa-8bbb-000000000002"


@pytest.fixture
def lesson(catalogue):
    course = CoursePageFactory(parent=catalogue, title="Sharing lived experience")
    return LessonPageFactory(
        parent=course,
        title="Why stories matter",
        body=[
            block("rich_text", "<p>Stories can help.</p>"),
            reflection("When did someone's story help you?", block_id=PROMPT),
            reflection("What would you like to share one day?", block_id=SECOND),
        ],
    )


@pytest.fixture
def learner(client, lesson):
    person = enroll(lesson.get_parent().specific).learner
    client.force_login(person)
    return person


def complete(client, lesson, **answers):
    return client.post(
        reverse("courses:lesson_complete", args=[lesson.pk]),
        {f"reflection-{prompt}-text": text for prompt, text in answers.items()},
    )


def field(prompt):
    return f"reflection-{prompt}-text"


def test_the_reflection_box_and_the_complete_button_share_one_form(client, lesson, learner):
    html = client.get(lesson.url).content.decode()
    form = re.search(r'<form id="lesson-form"[^>]*action="([^"]+)"', html)
    assert form and form.group(1) == reverse("courses:lesson_complete", args=[lesson.pk])
    # Every box belongs to it (the form attribute), and so does each "Save my answer",
    # sent to the reflection's own address.
    for prompt in (PROMPT, SECOND):
        assert re.search(rf'<textarea[^>]*name="{field(prompt)}"[^>]*form="lesson-form"', html) or (
            re.search(rf'<textarea[^>]*form="lesson-form"[^>]*name="{field(prompt)}"', html)
        )
        save = reverse("courses:reflection_save", args=[lesson.pk, prompt])
        assert f'form="lesson-form" formaction="{save}"' in html
    # No form of its own around a box: a browser would not nest them.
    assert html.count("<form") == html.count("</form>")
    assert "Mark lesson complete" in html


def test_completing_saves_the_answer_typed_but_not_saved(client, lesson, learner):
    response = complete(client, lesson, **{PROMPT: "My sponsor's call, one winter.\r\nIt helped."})
    assert response.status_code == 302
    assert LessonCompletion.objects.filter(learner=learner, lesson=lesson).exists()
    saved = Reflection.objects.get(author=learner, prompt_id=PROMPT)
    assert saved.text == "My sponsor's call, one winter.\nIt helped."
    assert saved.prompt_text == "When did someone's story help you?"
    # The blank second box saved nothing.
    assert not Reflection.objects.filter(prompt_id=SECOND).exists()
    html = client.get(lesson.url).content.decode()
    assert "My sponsor&#x27;s call, one winter." in html


def test_completing_updates_a_changed_answer_and_keeps_an_unchanged_one(client, lesson, learner):
    client.post(
        reverse("courses:reflection_save", args=[lesson.pk, PROMPT]),
        {field(PROMPT): "First thoughts"},
    )
    client.post(
        reverse("courses:reflection_save", args=[lesson.pk, SECOND]),
        {field(SECOND): "Kept as it was"},
    )
    kept = Reflection.objects.get(prompt_id=SECOND)
    complete(client, lesson, **{PROMPT: "Second thoughts", SECOND: "Kept as it was"})
    assert Reflection.objects.get(prompt_id=PROMPT).text == "Second thoughts"
    assert Reflection.objects.get(prompt_id=SECOND).updated_at == kept.updated_at


def test_a_blank_box_does_not_wipe_a_saved_answer(client, lesson, learner):
    client.post(
        reverse("courses:reflection_save", args=[lesson.pk, PROMPT]),
        {field(PROMPT): "Worth keeping"},
    )
    response = complete(client, lesson, **{PROMPT: "   "})
    assert response.status_code == 302
    assert LessonCompletion.objects.filter(learner=learner).exists()
    assert Reflection.objects.get(prompt_id=PROMPT).text == "Worth keeping"


def test_an_answer_too_long_completes_nothing_and_keeps_the_text(client, lesson, learner):
    long_answer = "a" * (REFLECTION_MAX_LENGTH + 1)
    response = complete(client, lesson, **{PROMPT: long_answer, SECOND: "The short one"})
    assert response.status_code == 400
    assert not LessonCompletion.objects.exists()
    assert not Reflection.objects.exists()
    html = response.content.decode()
    assert "isn&#x27;t marked complete yet" in html
    assert f"Please keep it to {REFLECTION_MAX_LENGTH:,} characters" in html
    # Both answers come back in their boxes.
    assert long_answer in html
    assert "The short one" in html
    assert "Mark lesson complete" in html


def test_completing_without_any_box_still_works(client, lesson, learner):
    assert complete(client, lesson).status_code == 302
    assert LessonCompletion.objects.filter(learner=learner).exists()
    assert not Reflection.objects.exists()


def test_answers_are_saved_for_the_person_completing_only(client, lesson, learner):
    complete(client, lesson, **{PROMPT: "Mine"})
    other = enroll(lesson.get_parent().specific, learner=LearnerFactory()).learner
    client.force_login(other)
    html = client.get(lesson.url).content.decode()
    assert "Mine" not in html
    complete(client, lesson, **{PROMPT: "Theirs"})
    assert Reflection.objects.get(author=learner).text == "Mine"
    assert Reflection.objects.get(author=other).text == "Theirs"


def test_someone_not_enrolled_saves_nothing_by_completing(client, lesson, learner):
    stranger = LearnerFactory()
    client.force_login(stranger)
    response = complete(client, lesson, **{PROMPT: "Should not land"})
    assert response.status_code == 403
    assert not Reflection.objects.filter(author=stranger).exists()
    assert not LessonCompletion.objects.filter(learner=stranger).exists()
