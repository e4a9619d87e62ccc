import re
from datetime import timedelta

import pytest

from assessments.models import Attempt
from tests.assessments.factories import enroll_in, make_quiz
from tests.browser.helpers import sign_in
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


def test_take_a_quiz_not_yet_wait_then_pass(live_server, desktop_page):
    setup_site(log=lambda *_: None)
    from tests.assessments.factories import choice

    questions = [
        {
            "type": "single_choice",
            "value": {
                "prompt": f"Question {n}: which response fits best?",
                "choices": [
                    choice(f"{RIGHT_PREFIX}listen first ({n})", True, "Listening first helps."),
                    choice(
                        f"Tell them what to do ({n})", False, "Advice too early can shut talk down."
                    ),
                ],
            },
        }
        for n in range(1, 4)
    ]
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

    # Too soon: the quiz asks for a pause first.
    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Try again").click()
    assert "You can try again at" in page.content()

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
