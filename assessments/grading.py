"""Grading: a pure function of (snapshot, responses).

It reads nothing from the database and knows nothing about time, so the
same attempt always gets the same score, whatever happens to the quiz later.

snapshot = {"pass_mark": 80, "questions": [{"id", "type", "scoring",
            "prompt", "scenario", "choices": [{"id", "text", "correct", "feedback"}]}]}
responses = {question_id: [choice_id, ...]}
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

SINGLE = "single"
ALL_OR_NOTHING = "all_or_nothing"
PARTIAL = "partial"


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    earned: Fraction  # 0..1
    chosen: frozenset[str]

    @property
    def correct(self) -> bool:
        return self.earned == 1


@dataclass(frozen=True)
class Grade:
    score: Decimal  # 0.00..100.00
    passed: bool
    questions: tuple[QuestionResult, ...]

    def for_question(self, question_id: str) -> QuestionResult | None:
        return next((q for q in self.questions if q.question_id == question_id), None)


def question_earned(question: dict, chosen: frozenset[str]) -> Fraction:
    correct = {c["id"] for c in question["choices"] if c["correct"]}
    known = {c["id"] for c in question["choices"]}
    chosen = chosen & known
    if not correct:
        return Fraction(0)
    scoring = question.get("scoring", SINGLE)
    if scoring == PARTIAL:
        right = len(chosen & correct)
        wrong = len(chosen - correct)
        return max(Fraction(0), Fraction(right - wrong, len(correct)))
    # Single choice and all-or-nothing: exactly the right set.
    return Fraction(1) if chosen == correct else Fraction(0)


def grade(snapshot: dict, responses: dict[str, list[str]]) -> Grade:
    questions = snapshot["questions"]
    results = []
    for question in questions:
        chosen = frozenset(str(c) for c in (responses.get(question["id"]) or []))
        results.append(QuestionResult(question["id"], question_earned(question, chosen), chosen))
    if results:
        fraction = sum((r.earned for r in results), Fraction(0)) / len(results) * 100
    else:
        fraction = Fraction(0)
    score = (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    # Pass on the exact value, so 79.996% never rounds up into a pass.
    passed = fraction >= snapshot["pass_mark"]
    return Grade(score=score, passed=passed, questions=tuple(results))
