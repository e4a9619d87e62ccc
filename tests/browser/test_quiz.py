import re
from datetime import timedelta

import pytest

from assessments.models import Attempt
from tests.assessments.factories import enroll_in, make_quiz
from tests.browser.helpers import finish_server_requests, sign_in
from tests.conftest import save_screenshot
from training.site_setup import setup_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def answer_all(page, right: bool):
    """Tick the right (or the first wrong) choice of every question, by label text."""
    questions = page.locator(".question").all()
    assert questions, "no questions on the page"
    for question in questions:
        labels = question.locator("label").all_inner_texts()
        for label in labels:
            is_right = label.startswith(RIGHT_PREFIX)
            if is_right == right:
                question.get_by_label(label, exact=True).check()
                if not right:
                    break


RIGHT_PREFIX = "Yes: "


def listen_first_questions(lessons=None) -> list[dict]:
    """Three single-choice questions; with `lessons`, question n names lessons[n - 1]."""
    from tests.assessments.factories import choice

    questions = []
    for n in range(1, 4):
        feedback = "Advice too early can shut talk down."
        value = {
            "prompt": f"Question {n}: which response fits best?",
            "choices": [
                choice(f"{RIGHT_PREFIX}listen first ({n})", True, "Listening first helps."),
                choice(f"Tell them what to do ({n})", False, feedback),
            ],
        }
        if lessons:
            value["lesson"] = lessons[n - 1].pk
        questions.append({"type": "single_choice", "value": value})
    return questions


def test_take_a_quiz_not_yet_wait_then_pass(live_server, desktop_page):
    setup_site(log=lambda *_: None)
    questions = listen_first_questions()
    quiz = make_quiz(questions=questions, wait_minutes=1, pass_mark=100)
    learner = enroll_in(quiz.get_parent().specific).learner
    page = desktop_page
    sign_in(page, live_server.url, learner)

    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    answer_all(page, right=False)
    page.get_by_text("Saved.").first.wait_for()
    save_screenshot(page, "quiz-taking-desktop")
    page.get_by_role("button", name="Submit my answers").click()
    page.wait_for_url(re.compile(r"/result/$"))
    assert "Not yet." in page.content()
    assert "Advice too early can shut talk down." in page.content()
    save_screenshot(page, "quiz-result-not-yet-desktop")

    # Too soon: the result page says when "Try again" opens, and it is disabled.
    assert page.get_by_role("button", name="Try again").is_disabled()
    assert "You can try again at" in page.inner_text("main")
    page.goto(live_server.url + quiz.url)
    assert page.get_by_role("button", name="Try again").is_disabled()

    # The pause is over (the first attempt was submitted over a minute ago).
    Attempt.objects.filter(quiz=quiz).update(
        submitted_at=Attempt.objects.get(quiz=quiz).submitted_at - timedelta(minutes=2)
    )
    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Try again").click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    answer_all(page, right=True)
    page.get_by_role("button", name="Submit my answers").click()
    page.wait_for_url(re.compile(r"/result/$"))
    assert "You passed" in page.content()
    save_screenshot(page, "quiz-result-passed-desktop")
    assert Attempt.objects.filter(quiz=quiz, passed=True).count() == 1


# --- Quizzes that measure (issue 16): every screen at phone and desktop width ---


@pytest.fixture(params=["desktop", "phone"])
def any_page(request):
    return request.getfixturevalue(f"{request.param}_page"), request.param


def test_unanswered_warning_try_again_lesson_links_and_the_locked_quiz(live_server, any_page):
    from tests.courses.factories import LessonPageFactory, complete

    page, width = any_page
    setup_site(log=lambda *_: None)
    quiz = make_quiz(questions=[], lessons_first=True, wait_minutes=30, pass_mark=100)
    course = quiz.get_parent().specific
    lessons = [
        LessonPageFactory(parent=course, title="Listening first", slug="listening-first"),
        LessonPageFactory(parent=course, title="Sharing with purpose", slug="sharing"),
    ]
    quiz.questions = listen_first_questions(lessons=[lessons[n % 2] for n in range(1, 4)])
    quiz.save_revision().publish()
    learner = enroll_in(course).learner
    sign_in(page, live_server.url, learner)

    # Early: the quiz lists the lessons left, with links.
    page.goto(live_server.url + quiz.url)
    left = page.get_by_role("region", name="Lessons left")
    assert left.get_by_role("link", name="Sharing with purpose").is_visible()
    assert page.get_by_role("button", name="Start the quiz").count() == 0
    save_screenshot(page, f"quiz-locked-{width}")

    complete(learner, *lessons)
    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    page.locator(".question").first.get_by_label(re.compile("Tell them")).check()
    page.get_by_text("Saved.").first.wait_for()
    page.get_by_role("button", name="Submit my answers").click()

    # Two questions left blank: named, nothing graded, the answer given kept.
    warning = page.get_by_role("alert")
    assert "2 questions are not answered yet" in warning.inner_text()
    assert warning.get_by_role("link", name="Question 3").is_visible()
    assert page.locator(".question").first.locator("input:checked").count() == 1
    assert Attempt.objects.get(quiz=quiz).is_open
    save_screenshot(page, f"quiz-unanswered-{width}")
    page.get_by_role("button", name="Submit anyway").click()
    page.wait_for_url(re.compile(r"/result/$"))

    # The result: "Try again" disabled with when it opens; each miss links its lesson.
    assert page.get_by_role("button", name="Try again").is_disabled()
    assert "You can try again at" in page.inner_text("main")
    assert page.get_by_role("link", name="Listening first").count() == 1
    assert page.get_by_role("link", name="Sharing with purpose").count() == 2
    save_screenshot(page, f"quiz-result-try-again-later-{width}")


def test_the_editor_asks_before_publishing_copyable_settings(live_server, any_page):
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.browser.helpers import SECRET
    from tests.conftest import set_up_site
    from tests.training.factories import LeadTrainerFactory

    page, width = any_page
    set_up_site()  # every app's part: the catalogue's page permissions too
    quiz = make_quiz(review_policy="after_passing")
    lead = LeadTrainerFactory()
    TOTP.activate(lead, SECRET)
    sign_in(page, live_server.url, lead, totp=True)

    page.goto(f"{live_server.url}/admin/pages/{quiz.pk}/edit/")
    page.locator("#id_review_policy").select_option("after_each")
    # A draft is saved as it is, with a warning that publishing will ask.
    page.get_by_role("button", name="Save draft").click()
    warning = page.locator(".messages").get_by_text("you will be asked to confirm its settings")
    warning.wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    save_screenshot(page, f"quiz-editor-draft-warning-{width}")
    assert page.locator("#id_review_policy").input_value() == "after_each"
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("^Publish")).click()
    page.wait_for_load_state()
    confirm = page.get_by_label(re.compile("Keep these settings"))
    confirm.wait_for()
    assert "every right answer after a failed attempt" in page.content()
    confirm.scroll_into_view_if_needed()
    save_screenshot(page, f"quiz-editor-warning-{width}")
    # The editor keeps posting its preview; let those requests end before reading.
    page.goto("about:blank")
    finish_server_requests()
    assert QuizPage_policy(quiz) == "after_passing"


def QuizPage_policy(quiz):
    from assessments.models import QuizPage

    return QuizPage.objects.get(pk=quiz.pk).review_policy
