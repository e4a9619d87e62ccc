import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.grading import grade
from assessments.models import Accommodation, Attempt, QuizPage
from assessments.services import (
    AttemptNotFound,
    accommodation_grant,
    attempt_save_answer,
    attempt_start,
    attempt_submit,
    attempts_close_expired,
)
from tests.training.factories import CoordinatorFactory, LearnerFactory

from .factories import (
    enroll_in,
    make_course,
    make_quiz,
    right_answers,
    single,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(site):
    return make_quiz(pass_mark=75)


@pytest.fixture
def learner(quiz):
    return enroll_in(quiz.get_parent().specific).learner


def submit(attempt, answers, **kwargs):
    return attempt_submit(
        attempt_id=attempt.pk, learner=attempt.learner, responses=answers, **kwargs
    )


def test_start_records_a_snapshot_of_what_was_drawn(quiz, learner):
    attempt = attempt_start(learner=learner, quiz=quiz)
    questions = attempt.snapshot["questions"]
    assert [q["type"] for q in questions] == [
        "single_choice",
        "multiple_response",
        "true_false",
        "scenario",
    ]
    assert all(c["feedback"] for q in questions for c in q["choices"])
    assert attempt.snapshot["pass_mark"] == 75
    assert attempt.number == 1 and attempt.is_open
    assert attempt.enrollment.learner == learner


def test_starting_again_resumes_the_open_attempt(quiz, learner):
    first = attempt_start(learner=learner, quiz=quiz)
    assert attempt_start(learner=learner, quiz=quiz) == first
    assert Attempt.objects.filter(learner=learner).count() == 1


def test_drawing_and_shuffling_are_recorded(site):
    pool = [single(f"Question {n}", "right", "wrong a", "wrong b") for n in range(6)]
    quiz = make_quiz(
        questions=pool, questions_per_attempt=3, shuffle_questions=True, shuffle_choices=True
    )
    learner = enroll_in(quiz.get_parent().specific).learner
    attempt = attempt_start(learner=learner, quiz=quiz, rng=random.Random(7))
    prompts = [q["prompt"] for q in attempt.snapshot["questions"]]
    assert len(prompts) == 3 and len(set(prompts)) == 3
    assert set(prompts) <= {f"Question {n}" for n in range(6)}


def test_right_answers_pass_and_not_yet_is_recorded_too(quiz, learner):
    attempt = attempt_start(learner=learner, quiz=quiz)
    graded = submit(attempt, wrong_answers(attempt))
    assert graded.score == Decimal("0.00") and graded.passed is False
    second = attempt_start(learner=learner, quiz=quiz)
    graded = submit(second, right_answers(second))
    assert graded.score == Decimal("100.00") and graded.passed is True


def test_snapshot_survives_editing_and_deleting_questions(quiz, learner):
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt = submit(attempt, right_answers(attempt))
    before = (attempt.snapshot, attempt.score, attempt.passed)

    quiz = QuizPage.objects.get(pk=quiz.pk)
    quiz.questions = [single("A brand new question", "new right", "new wrong")]
    quiz.save_revision().publish()

    attempt.refresh_from_db()
    assert (attempt.snapshot, attempt.score, attempt.passed) == before
    assert grade(attempt.snapshot, attempt.responses).score == Decimal("100.00")
    assert attempt.snapshot["questions"][0]["prompt"] == "Which question is open?"

    quiz.delete()
    attempt.refresh_from_db()
    assert attempt.quiz is None
    assert (attempt.snapshot, attempt.score, attempt.passed) == before


def test_each_answer_is_saved_as_it_is_given(quiz, learner):
    attempt = attempt_start(learner=learner, quiz=quiz)
    question = attempt.snapshot["questions"][0]
    attempt_save_answer(
        attempt_id=attempt.pk,
        learner=learner,
        question_id=question["id"],
        choice_ids=[question["choices"][1]["id"]],
    )
    attempt.refresh_from_db()
    assert attempt.responses == {question["id"]: [question["choices"][1]["id"]]}


def test_max_attempts_and_extra_attempts_from_an_accommodation(site):
    quiz = make_quiz(max_attempts=2)
    learner = enroll_in(quiz.get_parent().specific).learner
    for _ in range(2):
        attempt = attempt_start(learner=learner, quiz=quiz)
        submit(attempt, wrong_answers(attempt))
    with pytest.raises(ValidationError, match="used all 2 attempts"):
        attempt_start(learner=learner, quiz=quiz)
    accommodation_grant(
        learner=learner,
        quiz=quiz,
        time_multiplier=Decimal("1.00"),
        extra_attempts=1,
        reason="Agreed with the learner's support plan.",
        granted_by=CoordinatorFactory(),
    )
    third = attempt_start(learner=learner, quiz=quiz)
    assert third.number == 3
    submit(third, wrong_answers(third))
    with pytest.raises(ValidationError):
        attempt_start(learner=learner, quiz=quiz)


def test_waiting_time_between_attempts(site):
    quiz = make_quiz(wait_minutes=10)
    learner = enroll_in(quiz.get_parent().specific).learner
    now = timezone.now()
    attempt = attempt_start(learner=learner, quiz=quiz, now=now)
    submit(attempt, wrong_answers(attempt), now=now)
    with pytest.raises(ValidationError, match="try again at"):
        attempt_start(learner=learner, quiz=quiz, now=now + timedelta(minutes=9))
    assert attempt_start(learner=learner, quiz=quiz, now=now + timedelta(minutes=10)).number == 2


def test_time_limit_closes_the_attempt_with_what_was_saved_before_the_deadline(site):
    quiz = make_quiz(time_limit_minutes=10)
    learner = enroll_in(quiz.get_parent().specific).learner
    start = timezone.now()
    attempt = attempt_start(learner=learner, quiz=quiz, now=start)
    assert attempt.deadline == start + timedelta(minutes=10)
    right = right_answers(attempt)
    first_id = attempt.snapshot["questions"][0]["id"]
    attempt_save_answer(
        attempt_id=attempt.pk,
        learner=learner,
        question_id=first_id,
        choice_ids=right[first_id],
        now=start + timedelta(minutes=5),
    )
    # A late answer closes the attempt instead of being saved.
    late = attempt_save_answer(
        attempt_id=attempt.pk,
        learner=learner,
        question_id=attempt.snapshot["questions"][1]["id"],
        choice_ids=right[attempt.snapshot["questions"][1]["id"]],
        now=start + timedelta(minutes=11),
    )
    assert not late.is_open and late.closed_by_deadline
    assert late.score == Decimal("25.00")
    assert late.submitted_at == attempt.deadline
    # Submitting after that changes nothing.
    again = submit(attempt, right, now=start + timedelta(minutes=12))
    assert again.score == Decimal("25.00")


def test_late_submit_ignores_the_answers_it_carries(site):
    quiz = make_quiz(time_limit_minutes=1)
    learner = enroll_in(quiz.get_parent().specific).learner
    start = timezone.now()
    attempt = attempt_start(learner=learner, quiz=quiz, now=start)
    graded = submit(attempt, right_answers(attempt), now=start + timedelta(minutes=2))
    assert graded.closed_by_deadline and graded.score == Decimal("0.00")


def test_expired_attempts_are_closed_in_bulk(site):
    quiz = make_quiz(time_limit_minutes=1)
    learner = enroll_in(quiz.get_parent().specific).learner
    start = timezone.now() - timedelta(minutes=5)
    attempt = attempt_start(learner=learner, quiz=quiz, now=start)
    assert attempts_close_expired() == 1
    attempt.refresh_from_db()
    assert not attempt.is_open and attempt.closed_by_deadline


def test_extra_time_is_a_multiplier_of_the_limit(site):
    quiz = make_quiz(time_limit_minutes=20)
    learner = enroll_in(quiz.get_parent().specific).learner
    Accommodation.objects.create(
        learner=learner, quiz=quiz, time_multiplier=Decimal("1.5"), reason="Reading support."
    )
    now = timezone.now()
    attempt = attempt_start(learner=learner, quiz=quiz, now=now)
    assert attempt.deadline == now + timedelta(minutes=30)


def test_accommodation_needs_a_reason(site):
    quiz = make_quiz()
    learner = enroll_in(quiz.get_parent().specific).learner
    with pytest.raises(ValidationError):
        accommodation_grant(
            learner=learner,
            quiz=quiz,
            time_multiplier=Decimal("2"),
            extra_attempts=0,
            reason="  ",
            granted_by=None,
        )
    assert not Accommodation.objects.exists()


def test_passing_ends_the_need_and_practice_never_lowers_the_best(site):
    quiz = make_quiz(allow_practice_after_pass=True)
    learner = enroll_in(quiz.get_parent().specific).learner
    attempt = attempt_start(learner=learner, quiz=quiz)
    submit(attempt, right_answers(attempt))
    practice = attempt_start(learner=learner, quiz=quiz)
    assert practice.is_practice
    submit(practice, wrong_answers(practice))
    from assessments.selectors import best_score, quiz_status_for

    assert best_score(learner, quiz) == Decimal("100.00")
    assert quiz_status_for(learner, quiz)["passed"] is True


def test_no_more_attempts_after_passing_when_practice_is_off(site):
    quiz = make_quiz(allow_practice_after_pass=False)
    learner = enroll_in(quiz.get_parent().specific).learner
    attempt = attempt_start(learner=learner, quiz=quiz)
    submit(attempt, right_answers(attempt))
    with pytest.raises(ValidationError, match="passed this quiz already"):
        attempt_start(learner=learner, quiz=quiz)


def test_submitting_twice_grades_once(quiz, learner):
    attempt = attempt_start(learner=learner, quiz=quiz)
    first = submit(attempt, right_answers(attempt))
    second = submit(attempt, wrong_answers(attempt))
    assert (second.score, second.submitted_at) == (first.score, first.submitted_at)
    attempt.refresh_from_db()
    assert attempt.score == Decimal("100.00")


@pytest.mark.parametrize(
    "question_id, choice_ids, message",
    [
        ("not-a-question", [], "not part of this attempt"),
        (None, [], "does not belong"),
        ("__first__", ["__choice_of_second__"], "does not belong to this question"),
        ("__first__", "a string", "could not be read"),
        ("__first__", [1, 2], "could not be read"),
        ("__first__", ["x"] * 51, "could not be read"),
        ("__first__", ["__two_choices__"], "Choose one answer"),
    ],
)
def test_bad_answers_are_refused_and_change_nothing(
    quiz, learner, question_id, choice_ids, message
):
    attempt = attempt_start(learner=learner, quiz=quiz)
    first, second = attempt.snapshot["questions"][:2]
    if question_id == "__first__":
        question_id = first["id"]
    if choice_ids == ["__choice_of_second__"]:
        choice_ids = [second["choices"][0]["id"]]
    if choice_ids == ["__two_choices__"]:
        choice_ids = [c["id"] for c in first["choices"][:2]]
    with pytest.raises(ValidationError, match=message):
        attempt_save_answer(
            attempt_id=attempt.pk, learner=learner, question_id=question_id, choice_ids=choice_ids
        )
    with pytest.raises(ValidationError):
        submit(attempt, {question_id: choice_ids})
    attempt.refresh_from_db()
    assert attempt.responses == {} and attempt.is_open


def test_another_learners_attempt_is_not_found(quiz, learner):
    attempt = attempt_start(learner=learner, quiz=quiz)
    other = enroll_in(quiz.get_parent().specific).learner
    with pytest.raises(AttemptNotFound):
        attempt_submit(attempt_id=attempt.pk, learner=other, responses={})
    with pytest.raises(AttemptNotFound):
        attempt_save_answer(attempt_id=attempt.pk, learner=other, question_id="x", choice_ids=[])
    attempt.refresh_from_db()
    assert attempt.is_open


def test_answering_a_submitted_attempt_is_refused(quiz, learner):
    attempt = submit(attempt_start(learner=learner, quiz=quiz), {}, confirm_unanswered=True)
    question = attempt.snapshot["questions"][0]
    with pytest.raises(ValidationError, match="submitted already"):
        attempt_save_answer(
            attempt_id=attempt.pk,
            learner=learner,
            question_id=question["id"],
            choice_ids=[question["choices"][0]["id"]],
        )


def test_a_quiz_of_a_course_one_may_not_study_cannot_be_started(site):
    quiz = make_quiz(course=make_course("Closed course"))
    with pytest.raises(ValidationError, match="not enrolled"):
        attempt_start(learner=LearnerFactory(), quiz=quiz)
    enrollment = enroll_in(quiz.get_parent().specific)
    enrollment.status = enrollment.Status.WITHDRAWN
    enrollment.save()
    with pytest.raises(ValidationError):
        attempt_start(learner=enrollment.learner, quiz=quiz)
    assert not Attempt.objects.exists()
