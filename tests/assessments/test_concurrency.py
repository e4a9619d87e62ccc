import threading

import pytest
from django.db import connection

from assessments.models import Attempt
from assessments.services import attempt_start, attempt_submit

from .factories import enroll_in, make_quiz, right_answers, wrong_answers

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks under real concurrency: runs in the PostgreSQL pass of CI",
    ),
]


def race(functions):
    barrier = threading.Barrier(len(functions))
    results, errors = [None] * len(functions), []

    def run(index, function):
        from django.db import connections

        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


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
