"""Per-question statistics so trainers can spot confusing questions.

For each question (by its stable id) across graded attempts: how many
attempts drew it, how many answered it, the percent answered fully right, and
a discrimination index: the share right among the top third of attempts (by
total score) minus the share right among the bottom third. A question that
strong learners miss as often as others (index near 0 or negative) deserves
a second look."""

from dataclasses import dataclass
from fractions import Fraction

from .grading import grade


@dataclass(frozen=True)
class QuestionStatistics:
    question_id: str
    prompt: str
    drawn: int
    answered: int
    percent_correct: float | None
    discrimination: float | None


def question_statistics(attempts) -> list[QuestionStatistics]:
    """`attempts`: graded attempts (objects with .snapshot, .responses)."""
    graded = []
    for attempt in attempts:
        result = grade(attempt.snapshot, attempt.responses)
        graded.append((result.score, attempt, result))
    graded.sort(key=lambda item: item[0])
    third = len(graded) // 3
    bottom = graded[:third]
    top = graded[len(graded) - third :] if third else []

    prompts: dict[str, str] = {}
    order: list[str] = []
    for _, attempt, _ in graded:
        for question in attempt.snapshot["questions"]:
            if question["id"] not in prompts:
                prompts[question["id"]] = question["prompt"]
                order.append(question["id"])

    def share_right(group, question_id) -> Fraction | None:
        outcomes = [
            r.for_question(question_id).correct
            for _, _, r in group
            if r.for_question(question_id) is not None
        ]
        return Fraction(sum(outcomes), len(outcomes)) if outcomes else None

    rows = []
    for question_id in order:
        drawn = answered = right = 0
        for _, attempt, result in graded:
            outcome = result.for_question(question_id)
            if outcome is None:
                continue
            drawn += 1
            if attempt.responses.get(question_id):
                answered += 1
            right += outcome.correct
        top_share, bottom_share = share_right(top, question_id), share_right(bottom, question_id)
        discrimination = (
            float(top_share - bottom_share)
            if top_share is not None and bottom_share is not None
            else None
        )
        rows.append(
            QuestionStatistics(
                question_id=question_id,
                prompt=prompts[question_id],
                drawn=drawn,
                answered=answered,
                percent_correct=round(100 * right / drawn, 1) if drawn else None,
                discrimination=round(discrimination, 2) if discrimination is not None else None,
            )
        )
    return rows
