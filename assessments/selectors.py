"""Reads for quizzes: a learner's attempts, best result, what the review may show."""

from django.db.models import Max

from .models import Attempt, QuizPage, ReviewPolicy
from .services import accommodation_for, attempts_allowed, has_passed


def attempts_for(learner, quiz: QuizPage):
    return Attempt.objects.filter(learner=learner, quiz=quiz).order_by("number")


def best_score(learner, quiz: QuizPage):
    """The recorded best result; practice after passing never lowers it."""
    return Attempt.objects.filter(
        learner=learner, quiz=quiz, status=Attempt.Status.GRADED
    ).aggregate(best=Max("score"))["best"]


def quiz_status_for(learner, quiz: QuizPage) -> dict:
    attempts = list(attempts_for(learner, quiz))
    graded = [a for a in attempts if a.status == Attempt.Status.GRADED]
    counted = [a for a in attempts if not a.is_practice]
    allowed = attempts_allowed(quiz, accommodation_for(learner, quiz))
    return {
        "attempts": attempts,
        "open_attempt": next((a for a in attempts if a.is_open), None),
        "passed": any(a.passed for a in graded),
        "best_score": max((a.score for a in graded), default=None),
        "attempts_allowed": allowed,
        "attempts_left": None if allowed is None else max(0, allowed - len(counted)),
    }


def may_show_correct_answers(attempt: Attempt) -> bool:
    policy = attempt.snapshot.get("review_policy", ReviewPolicy.AFTER_EACH)
    if policy == ReviewPolicy.AFTER_EACH:
        return True
    if policy == ReviewPolicy.AFTER_PASSING:
        return bool(attempt.passed) or (
            attempt.quiz_id is not None and has_passed(attempt.learner, attempt.quiz)
        )
    return False


def review_rows(attempt: Attempt, grade_result) -> list[dict]:
    """Per question: the learner's own choices with their feedback (always), and
    which choices were right when the review policy allows it."""
    show_correct = may_show_correct_answers(attempt)
    rows = []
    for question in attempt.snapshot["questions"]:
        result = grade_result.for_question(question["id"])
        chosen = result.chosen if result else frozenset()
        rows.append(
            {
                "question": question,
                "earned": result.earned if result else 0,
                "answered": bool(chosen),
                "correct": bool(result and result.correct),
                "partly": bool(result and 0 < result.earned < 1),
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
