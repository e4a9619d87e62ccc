from types import SimpleNamespace

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from assessments.services import attempt_start, attempt_submit
from assessments.statistics import question_statistics
from tests.training.factories import CoordinatorFactory, LearnerFactory, TrainerFactory

from .factories import enroll_in, make_quiz, right_answers, wrong_answers

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def q(qid):
    return {
        "id": qid,
        "type": "single_choice",
        "scoring": "single",
        "prompt": f"Prompt {qid}",
        "scenario": "",
        "choices": [
            {"id": "r", "text": "right", "correct": True, "feedback": "f"},
            {"id": "w", "text": "wrong", "correct": False, "feedback": "f"},
        ],
    }


SNAPSHOT = {"pass_mark": 80, "questions": [q("q1"), q("q2"), q("q3"), q("q4")]}


def attempt(**answers):
    return SimpleNamespace(snapshot=SNAPSHOT, responses={k: [v] for k, v in answers.items()})


def test_statistics_on_a_hand_computed_example():
    attempts = [
        attempt(q1="r", q2="r", q3="r", q4="w"),  # 75: top third
        attempt(q1="r", q2="r", q3="w", q4="w"),  # 50: middle
        attempt(q1="w", q3="w", q4="r"),  # 25: bottom third, q2 unanswered
    ]
    rows = {row.question_id: row for row in question_statistics(attempts)}
    assert (rows["q1"].drawn, rows["q1"].answered, rows["q1"].percent_correct) == (3, 3, 66.7)
    assert (rows["q2"].drawn, rows["q2"].answered, rows["q2"].percent_correct) == (3, 2, 66.7)
    assert rows["q3"].percent_correct == 33.3
    assert rows["q1"].discrimination == 1.0
    assert rows["q3"].discrimination == 1.0
    # Only the weakest attempt got q4 right: a question worth a second look.
    assert rows["q4"].discrimination == -1.0


def test_statistics_without_enough_attempts_for_thirds():
    rows = question_statistics([attempt(q1="r")])
    assert rows[0].percent_correct == 100.0
    assert rows[0].discrimination is None


@pytest.fixture
def graded_quiz(site):
    quiz = make_quiz()
    course = quiz.get_parent().specific
    for answers in (right_answers, wrong_answers):
        learner = enroll_in(course).learner
        attempt = attempt_start(learner=learner, quiz=quiz)
        attempt_submit(attempt_id=attempt.pk, learner=learner, responses=answers(attempt))
    return quiz


def staff(factory):
    user = factory()
    TOTP.activate(user, SECRET)
    return user


@pytest.mark.django_db
def test_coordinators_see_statistics_and_export_them(client, graded_quiz):
    client.force_login(staff(CoordinatorFactory))
    url = reverse("assessments_question_statistics")
    response = client.get(url, {"quiz": graded_quiz.pk})
    assert response.status_code == 200
    assert "Which question is open?" in response.content.decode()
    assert response.context["attempt_count"] == 2
    export = client.get(url, {"quiz": graded_quiz.pk, "export": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    assert "Which question is open?,2,2,50.0" in export.content.decode()


@pytest.mark.django_db
def test_attempt_listing_filters_and_exports_for_trainers(client, graded_quiz):
    client.force_login(staff(TrainerFactory))
    listing = client.get("/admin/quiz-attempts/")
    assert listing.status_code == 200
    passed_only = client.get("/admin/quiz-attempts/", {"passed": "true"})
    assert len(passed_only.context["object_list"]) == 1
    export = client.get("/admin/quiz-attempts/", {"export": "csv"})
    assert export.status_code == 200
    assert graded_quiz.title in b"".join(export.streaming_content).decode()
    # Attempts are evidence: no add or edit screens.
    assert client.get("/admin/quiz-attempts/new/").status_code in (302, 403)


@pytest.mark.django_db
def test_learners_cannot_reach_quiz_admin_or_statistics(client, graded_quiz):
    client.force_login(LearnerFactory())
    assert client.get("/admin/quiz-attempts/").status_code == 403
    assert client.get(reverse("assessments_question_statistics")).status_code == 403
