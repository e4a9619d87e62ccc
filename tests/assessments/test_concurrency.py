from assessments.models import Attempt
from assessments.services import attempt_start, attempt_submit
from tests.concurrency import postgresql_races, race

from .factories import enroll_in, make_quiz, right_answers, wrong_answers

pytestmark = postgresql_races


def test_two_simultaneous_submits_grade_once(site):
    quiz = make_quiz()
    learner = enroll_in(quiz.get_parent().specific).learner
    attempt = attempt_start(learner=learner, quiz=quiz)
    answer_sets = [right_answers(attempt), wrong_answers(attempt)]
    results, errors = race(
        [
            lambda answers=answers: attempt_submit(
                attempt_id=attempt.pk, learner=learner, responses=answers
            )
            for answers in answer_sets
        ]
    )
    assert errors == []
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED
    # Both callers see the one grading: same score, same moment.
    assert {(r.score, r.submitted_at) for r in results} == {(attempt.score, attempt.submitted_at)}


def test_simultaneous_starts_open_one_attempt(site):
    quiz = make_quiz()
    learner = enroll_in(quiz.get_parent().specific).learner
    results, errors = race([lambda: attempt_start(learner=learner, quiz=quiz)] * 4)
    assert errors == []
    assert Attempt.objects.filter(learner=learner).count() == 1
    assert len({r.pk for r in results}) == 1
