"""Reads for quizzes: a learner's attempts, best result, what the review may show."""

from datetime import datetime

from django.db.models import Max
from django.utils import timezone

from .models import Attempt, QuizPage, ReviewPolicy
from .rules import wait_in_words, when_in_words
from .services import accommodation_for, attempts_allowed, lessons_left, next_attempt_for


def attempts_for(learner, quiz: QuizPage):
    return Attempt.objects.filter(learner=learner, quiz=quiz).order_by("number")


def best_score(learner, quiz: QuizPage):
    """The recorded best result; practice after passing never lowers it."""
    return Attempt.objects.filter(
        learner=learner, quiz=quiz, status=Attempt.Status.GRADED
    ).aggregate(best=Max("score"))["best"]


def quiz_status_for(
    learner,
    quiz: QuizPage,
    *,
    lessons: list = (),
    done: set[int] = frozenset(),
    now: datetime | None = None,
) -> dict:
    """The learner's standing on the quiz: attempts, best result, attempts left,
    whether and when the next attempt opens, and (given the course's `lessons`
    and the ids `done`) the lessons left before the quiz opens at all."""
    now = now or timezone.now()
    attempts = list(attempts_for(learner, quiz))
    graded = [a for a in attempts if a.status == Attempt.Status.GRADED]
    counted = [a for a in attempts if not a.is_practice]
    # An accommodation only changes what is shown when attempts are limited.
    accommodation = accommodation_for(learner, quiz) if quiz.max_attempts else None
    allowed = attempts_allowed(quiz, accommodation)
    following = next_attempt_for(quiz, attempts, allowed, now)
    return {
        "attempts": attempts,
        "open_attempt": next((a for a in attempts if a.is_open), None),
        "passed": any(a.passed for a in graded),
        "best_score": max((a.score for a in graded), default=None),
        "attempts_allowed": allowed,
        "attempts_left": None if allowed is None else max(0, allowed - len(counted)),
        "next_attempt": following,
        "opens": when_in_words(following.opens_at, now) if following.opens_at else "",
        "opens_in": wait_in_words(following.opens_at, now) if following.opens_at else "",
        "lessons_left": lessons_left(quiz, lessons, done, attempted=bool(attempts)),
    }


def may_show_correct_answers(attempt: Attempt, *, passed_quiz: bool) -> bool:
    """`passed_quiz`: whether the learner has passed the quiz in any attempt."""
    policy = attempt.snapshot.get("review_policy", ReviewPolicy.AFTER_EACH)
    if policy == ReviewPolicy.AFTER_EACH:
        return True
    if policy == ReviewPolicy.AFTER_PASSING:
        return bool(attempt.passed) or passed_quiz
    return False


def review_rows(attempt: Attempt, grade_result, *, passed_quiz: bool = False) -> list[dict]:
    """Per question: the learner's own choices with their feedback (always), which
    choices were right when the review policy allows it, and for a question not
    answered right the lesson that teaches it (from the attempt's snapshot)."""
    show_correct = may_show_correct_answers(attempt, passed_quiz=passed_quiz)
    rows = []
    for question in attempt.snapshot["questions"]:
        result = grade_result.for_question(question["id"])
        chosen = result.chosen if result else frozenset()
        correct = bool(result and result.correct)
        rows.append(
            {
                "question": question,
                "earned": result.earned if result else 0,
                "answered": bool(chosen),
                "correct": correct,
                "partly": bool(result and 0 < result.earned < 1),
                "lesson": None if correct else question.get("lesson"),
                "choices": [
                    {
                        "text": c["text"],
                        "chosen": c["id"] in chosen,
                        "feedback": c["feedback"] if c["id"] in chosen or show_correct else "",
                        "is_correct": c["correct"] if show_correct else None,
                    }
                    for c in question["choices"]
                ],
            }
        )
    return rows
