"""Reflections: saved per prompt, editable by their author, readable by nobody else."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from courses.limits import REFLECTION_MAX_LENGTH
from courses.models import Reflection
from tests.training.factories import CoordinatorFactory, LearnerFactory, SupervisorFactory

from .conftest import with_totp
from .factories import CoursePageFactory, LessonPageFactory, block, enroll, reflection

pytestmark = pytest.mark.django_db

PROMPT = "3f2a9c1e-1111-4aaa-8bbb-000000000001"
SECRET_ANSWER = "The day my sponsor called, I felt less alone."


@pytest.fixture
def lesson(catalogue):
    course = CoursePageFactory(parent=catalogue, title="Sharing lived experience")
    return LessonPageFactory(
        parent=course,
        title="Why stories matter",
        body=[
            block("rich_text", "<p>Stories can help.</p>"),
            reflection("When did someone's story help you?", block_id=PROMPT),
        ],
    )


@pytest.fixture
def enrollment(lesson):
    return enroll(lesson.get_parent().specific)


def save_url(lesson, prompt_id=PROMPT):
    return reverse("courses:reflection_save", args=[lesson.pk, prompt_id])


def field(prompt_id=PROMPT):
    return f"reflection-{prompt_id}-text"


def post_answer(client, lesson, text, prompt_id=PROMPT):
    return client.post(save_url(lesson, prompt_id), {field(prompt_id): text})


def test_a_learner_saves_an_answer_and_sees_it_back(client, lesson, enrollment):
    client.force_login(enrollment.learner)
    response = post_answer(client, lesson, SECRET_ANSWER)
    assert response.status_code == 302
    assert response.url == f"{lesson.url}#reflection-{PROMPT}"
    saved = Reflection.objects.get()
    assert (saved.author, saved.lesson, saved.prompt_id) == (enrollment.learner, lesson, PROMPT)
    assert saved.prompt_text == "When did someone's story help you?"
    assert saved.lesson_title == "Why stories matter"
    html = client.get(lesson.url).content.decode()
    assert "The day my sponsor called, I felt less alone." in html
    assert "Update my answer" in html
    assert "Only you can read it." in html  # the success message


def test_an_author_edits_their_answer_in_place(client, lesson, enrollment):
    client.force_login(enrollment.learner)
    post_answer(client, lesson, "First thoughts")
    post_answer(client, lesson, "Second thoughts\r\non two lines")
    saved = Reflection.objects.get()
    assert saved.text == "Second thoughts\non two lines"


def test_answers_are_escaped_on_output(client, lesson, enrollment):
    client.force_login(enrollment.learner)
    post_answer(client, lesson, "<script>alert('x')</script>")
    html = client.get(lesson.url).content.decode()
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_a_too_long_answer_is_refused_with_a_clear_message_and_kept_on_screen(
    client, lesson, enrollment
):
    client.force_login(enrollment.learner)
    long_answer = "a" * (REFLECTION_MAX_LENGTH + 1)
    response = post_answer(client, lesson, long_answer)
    html = response.content.decode()
    assert response.status_code == 400
    assert f"Your answer is {REFLECTION_MAX_LENGTH + 1:,} characters long" in html
    assert f"{REFLECTION_MAX_LENGTH:,} characters or fewer" in html
    assert long_answer in html  # nothing the learner wrote is lost
    assert re.search(r"<label[^>]*>When did someone&#x27;s story help you\?", html)
    assert not Reflection.objects.exists()
    # Exactly the limit is fine, and CRLF line breaks count as one character.
    exact = "b" * (REFLECTION_MAX_LENGTH - 2) + "\r\nc"
    assert post_answer(client, lesson, exact).status_code == 302
    assert len(Reflection.objects.get().text) == REFLECTION_MAX_LENGTH


def test_a_blank_answer_is_refused(client, lesson, enrollment):
    client.force_login(enrollment.learner)
    response = post_answer(client, lesson, "   ")
    assert response.status_code == 400
    assert "Write your answer before saving it." in response.content.decode()
    assert not Reflection.objects.exists()


def test_a_prompt_that_is_not_in_the_lesson_is_refused(client, lesson, enrollment):
    client.force_login(enrollment.learner)
    response = post_answer(client, lesson, "hello", prompt_id="not-a-prompt-of-this-lesson")
    assert response.status_code == 400
    assert "isn&#x27;t part of the lesson" in response.content.decode()
    assert not Reflection.objects.exists()


def test_a_prompt_id_from_another_lesson_is_refused(client, lesson, enrollment):
    other = LessonPageFactory(
        parent=lesson.get_parent(), body=[reflection("Other?", block_id="other-prompt")]
    )
    client.force_login(enrollment.learner)
    assert post_answer(client, lesson, "hello", prompt_id="other-prompt").status_code == 400
    assert not Reflection.objects.exists()
    # The same id is accepted on the lesson it belongs to: the refusal above is
    # about the lesson, not about an id nobody knows.
    assert post_answer(client, other, "hello", prompt_id="other-prompt").status_code == 302
    assert Reflection.objects.get().lesson == other


def test_someone_who_may_not_study_cannot_save_a_reflection(client, lesson):
    client.force_login(LearnerFactory())
    response = post_answer(client, lesson, "hello")
    assert response.status_code == 403
    assert not Reflection.objects.exists()
    client.logout()
    response = post_answer(client, lesson, "hello")
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert not Reflection.objects.exists()


def test_posting_to_the_same_prompt_never_touches_another_persons_answer(
    client, lesson, enrollment
):
    client.force_login(enrollment.learner)
    post_answer(client, lesson, SECRET_ANSWER)
    other = enroll(lesson.get_parent().specific).learner
    client.force_login(other)
    html = client.get(lesson.url).content.decode()
    assert SECRET_ANSWER not in html
    post_answer(client, lesson, "My own answer")
    mine = Reflection.objects.get(author=enrollment.learner)
    assert mine.text == SECRET_ANSWER
    assert Reflection.objects.get(author=other).text == "My own answer"


@pytest.fixture
def secret(client, lesson, enrollment):
    client.force_login(enrollment.learner)
    post_answer(client, lesson, SECRET_ANSWER)
    client.logout()
    return Reflection.objects.get()


@pytest.mark.parametrize("role_factory", [SupervisorFactory, CoordinatorFactory])
def test_supervisors_and_coordinators_cannot_read_a_reflection(
    client, lesson, enrollment, secret, role_factory
):
    person = role_factory()
    if role_factory is SupervisorFactory:
        enrollment.supervisor = person
        enrollment.save()
    client.force_login(with_totp(person))
    for url in (
        lesson.url,
        reverse("courses:reflections_download"),
        reverse("dashboard"),
        "/admin/",
        f"/admin/pages/{lesson.pk}/edit/",
        "/admin/pages/search/?q=sponsor",
    ):
        response = client.get(url)
        assert SECRET_ANSWER not in response.content.decode(), url


def test_the_admin_has_no_place_that_shows_reflections(staff_client, lesson, secret):
    # Nothing in the admin's URL space is about reflections...
    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern), entry.name or ""

    admin_urls = [(path, name) for path, name in walk(get_resolver()) if path.startswith("admin/")]
    assert admin_urls  # the walk found the admin
    assert not [u for u in admin_urls if "reflection" in (u[0] + u[1]).lower()]
    # ...no snippet or model viewset is registered for the model...
    from wagtail.snippets.models import get_snippet_models

    assert Reflection not in get_snippet_models()
    # ...and an administrator browsing the lesson, its history and search never sees one.
    for url in (
        f"/admin/pages/{lesson.pk}/edit/",
        f"/admin/pages/{lesson.pk}/history/",
        f"/admin/pages/{lesson.get_parent().pk}/",
        "/admin/pages/search/?q=sponsor",
        "/admin/reports/site-history/",
    ):
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert SECRET_ANSWER not in response.content.decode(), url
    # The public lesson page refuses an administrator who is not enrolled.
    response = staff_client.get(lesson.url)
    assert response.status_code == 403
    assert SECRET_ANSWER not in response.content.decode()


def test_an_admin_preview_of_the_lesson_shows_no_ones_answers(rf_request, lesson, secret):
    # A preview is served as the author of the reflection to make sure the
    # preview path never loads answers, even the viewer's own.
    request = rf_request(user=secret.author, path=lesson.url)
    response = lesson.make_preview_request(original_request=request)
    html = response.content.decode()
    assert response.status_code == 200
    assert "When did someone&#x27;s story help you?" in html
    assert SECRET_ANSWER not in html
    assert "Learners answer this privately" in html


# --- Download -------------------------------------------------------------------


def test_a_learner_downloads_only_their_own_reflections(client, lesson, enrollment, secret):
    other = enroll(lesson.get_parent().specific).learner
    client.force_login(other)
    post_answer(client, lesson, "Another person's words")
    response = client.get(reverse("courses:reflections_download"))
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/markdown")
    assert response["Content-Disposition"] == 'attachment; filename="my-reflections.md"'
    assert "Another person's words" in body
    assert SECRET_ANSWER not in body

    client.force_login(enrollment.learner)
    body = client.get(reverse("courses:reflections_download")).content.decode()
    assert "## Why stories matter" in body
    assert "**When did someone's story help you?**" in body
    assert SECRET_ANSWER in body
    assert "Another person's words" not in body
    # Ignores any attempt to ask for someone else's.
    body = client.get(
        reverse("courses:reflections_download"), {"author": other.pk, "user": other.pk}
    ).content.decode()
    assert "Another person's words" not in body


def test_the_download_needs_a_signed_in_person(client, secret):
    response = client.get(reverse("courses:reflections_download"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not re.search(SECRET_ANSWER, response.content.decode())
