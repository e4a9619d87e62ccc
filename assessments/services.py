"""Writes for quizzes: start, answer, submit, accommodations.

Limits are checked here, on the server, at start and at submit; the grade is
computed by `grading.grade` from the attempt's own snapshot."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import CoursePage, LessonPage
from courses.selectors import parent_course, study_state
from courses.services import QuizPass, course_completion_record_if_finished
from programs.models import Enrollment

from .grading import ALL_OR_NOTHING, PARTIAL, SINGLE, grade
from .models import Accommodation, Attempt, QuizPage
from .rules import NextAttempt, next_attempt, wait_in_words, when_in_words

MAX_CHOICES_PER_ANSWER = 50


class NotEnrolled(ValidationError):
    """The quiz is not the person's to take (refused with 403, not a form error)."""


class AttemptNotFound(Exception):
    """The attempt does not exist or is not this learner's: the view answers 404."""


@dataclass(frozen=True)
class Unanswered:
    number: int  # as the attempt shows it, from 1
    id: str
    prompt: str


class UnansweredQuestions(ValidationError):
    """Submitted with questions left unanswered and without confirming: nothing
    is graded. `questions` names them; the answers given are kept."""

    def __init__(self, questions: list[Unanswered], total: int):
        self.questions = questions
        count = len(questions)
        if count == total:
            message = ngettext(
                "None of the %(total)s question is answered yet. A blank attempt scores 0%%.",
                "None of the %(total)s questions is answered yet. A blank attempt scores 0%%.",
                total,
            ) % {"total": total}
        else:
            message = ngettext(
                "%(count)s question is not answered yet (question %(listed)s).",
                "%(count)s questions are not answered yet (questions %(listed)s).",
                count,
            ) % {"count": count, "listed": and_list([str(q.number) for q in questions])}
        super().__init__(message)


def and_list(items: list[str]) -> str:
    """ "1, 2 and 3" in the language of the page ("1, 2 y 3")."""
    return get_text_list(items, _("and"))


# --- Snapshots -----------------------------------------------------------------


def _choices(list_value) -> list[dict]:
    return [
        {
            "id": str(child.id),
            "text": child.value["text"],
            "correct": bool(child.value["correct"]),
            "feedback": child.value["feedback"],
        }
        for child in list_value.bound_blocks
    ]


def lesson_snapshot(lesson: LessonPage | None) -> dict | None:
    """The lesson a question names, as it is when the attempt starts."""
    if lesson is None or not lesson.live:
        return None
    return {"id": lesson.pk, "title": lesson.title, "url": lesson.url}


def question_snapshot(block) -> dict:
    value = block.value
    kind = block.block_type
    lesson = lesson_snapshot(value.get("lesson"))
    if kind == "true_false":
        return {
            "id": str(block.id),
            "lesson": lesson,
            "type": kind,
            "scoring": SINGLE,
            "prompt": value["statement"],
            "scenario": "",
            "choices": [
                {
                    "id": "true",
                    "text": "True",
                    "correct": bool(value["is_true"]),
                    "feedback": value["feedback_true"],
                },
                {
                    "id": "false",
                    "text": "False",
                    "correct": not value["is_true"],
                    "feedback": value["feedback_false"],
                },
            ],
        }
    scoring = SINGLE
    if kind == "multiple_response":
        scoring = PARTIAL if value["scoring"] == "partial" else ALL_OR_NOTHING
    return {
        "id": str(block.id),
        "lesson": lesson,
        "type": kind,
        "scoring": scoring,
        "prompt": value["prompt"],
        "scenario": value.get("scenario", "") if kind == "scenario" else "",
        "choices": _choices(value["choices"]),
    }


def quiz_snapshot(quiz: QuizPage, rng: random.Random) -> dict:
    """Exactly what this attempt shows: drawn questions, choices in shown order,
    which are correct, and the feedback."""
    blocks = list(quiz.questions)
    count = quiz.questions_drawn
    indexes = sorted(rng.sample(range(len(blocks)), count))
    if quiz.shuffle_questions:
        rng.shuffle(indexes)
    questions = []
    for index in indexes:
        question = question_snapshot(blocks[index])
        if quiz.shuffle_choices and question["type"] != "true_false":
            rng.shuffle(question["choices"])
        questions.append(question)
    return {
        "quiz_title": quiz.title,
        "pass_mark": quiz.pass_mark,
        "review_policy": quiz.review_policy,
        "questions": questions,
    }


# --- Limits --------------------------------------------------------------------


def quiz_course(quiz: QuizPage) -> CoursePage:
    return CoursePage.objects.get(pk=quiz.get_parent().pk)


def accommodation_for(learner, quiz) -> Accommodation | None:
    return Accommodation.objects.filter(learner=learner, quiz=quiz).first()


def attempts_allowed(quiz: QuizPage, accommodation: Accommodation | None) -> int | None:
    """None means unlimited."""
    if not quiz.max_attempts:
        return None
    return quiz.max_attempts + (accommodation.extra_attempts if accommodation else 0)


def next_attempt_for(
    quiz: QuizPage, attempts: list[Attempt], allowed: int | None, now: datetime
) -> NextAttempt:
    """Whether and when this learner may start another attempt, from their
    attempts at the quiz (no queries)."""
    graded = [a for a in attempts if a.status == Attempt.Status.GRADED]
    return next_attempt(
        passed=any(a.passed for a in graded),
        allow_practice=quiz.allow_practice_after_pass,
        allowed=allowed,
        used=sum(1 for a in attempts if not a.is_practice),
        last_submitted_at=max((a.submitted_at for a in graded), default=None),
        wait_minutes=quiz.wait_minutes,
        now=now,
    )


def check_may_start(
    *, learner, quiz: QuizPage, now: datetime, accommodation: Accommodation | None
) -> bool:
    """Raise ValidationError with a kind explanation if the learner may not start
    a new attempt now. Returns whether the new attempt is practice (after a pass)."""
    attempts = list(Attempt.objects.filter(learner=learner, quiz=quiz))
    state = next_attempt_for(quiz, attempts, attempts_allowed(quiz, accommodation), now)
    if state.refusal:
        raise ValidationError(state.refusal)
    if state.opens_at is not None:
        raise ValidationError(
            _("You can try again %(when)s (%(wait)s). A short pause helps the material settle.")
            % {
                "when": when_in_words(state.opens_at, now),
                "wait": wait_in_words(state.opens_at, now),
            }
        )
    return state.practice


def lessons_left(quiz: QuizPage, lessons: list, done: set[int], *, attempted: bool) -> list:
    """The course's published lessons this learner still has to finish before the
    quiz opens: none when the quiz opens at any time, and none once they have
    begun it (a lesson added later never locks a quiz already begun)."""
    if not quiz.lessons_first or attempted:
        return []
    return [lesson for lesson in lessons if lesson.pk not in done]


def check_lessons_done(*, learner, quiz: QuizPage, lessons: list, done: set[int]) -> None:
    left = lessons_left(quiz, lessons, done, attempted=False)
    if left and not Attempt.objects.filter(learner=learner, quiz=quiz).exists():
        titles = [_("“%(lesson)s”") % {"lesson": lesson.title} for lesson in left]
        raise ValidationError(
            _("This quiz opens when you have finished the course’s lessons. Still to do: %(left)s.")
            % {"left": and_list(titles)}
        )


# --- Start, answer, submit -----------------------------------------------------


@transaction.atomic
def attempt_start(
    *, learner, quiz: QuizPage, now: datetime | None = None, rng: random.Random | None = None
) -> Attempt:
    """Start a new attempt, or return the one already open (two tabs, a reload).

    One transaction: closing an expired attempt and opening the next happen
    together or not at all."""
    now = now or timezone.now()
    course = quiz_course(quiz)
    lessons = course.lessons()
    # Whether they may study the course and which lessons they finished: one query.
    may_study, done = study_state(learner, course, [lesson.pk for lesson in lessons])
    if not quiz.live or not may_study:
        raise NotEnrolled(_("This quiz is part of a course you are not enrolled in."))
    if not quiz.questions:
        raise ValidationError(_("This quiz has no questions yet."))

    open_attempt = Attempt.objects.filter(
        learner=learner, quiz=quiz, status=Attempt.Status.IN_PROGRESS
    ).first()
    if open_attempt:
        if not _past_deadline(open_attempt, now):
            return open_attempt
        _grade(open_attempt, now=now, closed_by_deadline=True)

    check_lessons_done(learner=learner, quiz=quiz, lessons=lessons, done=done)
    accommodation = accommodation_for(learner, quiz)
    is_practice = check_may_start(learner=learner, quiz=quiz, now=now, accommodation=accommodation)
    deadline = None
    if quiz.time_limit_minutes:
        multiplier = float(accommodation.time_multiplier) if accommodation else 1.0
        deadline = now + timedelta(minutes=quiz.time_limit_minutes * multiplier)
    enrollment = (
        Enrollment.objects.filter(
            learner=learner,
            status=Enrollment.Status.ACTIVE,
            program__required_courses__course=course,
        )
        .order_by("pk")
        .first()
    )
    attempt = Attempt(
        learner=learner,
        quiz=quiz,
        course=course,
        enrollment=enrollment,
        quiz_title=quiz.title,
        number=Attempt.objects.filter(learner=learner, quiz=quiz).count() + 1,
        is_practice=is_practice,
        snapshot=quiz_snapshot(quiz, rng or random.SystemRandom()),
        started_at=now,
        deadline=deadline,
    )
    attempt.full_clean(exclude=["quiz", "course", "enrollment", "learner"])
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:
        # Another request (a second tab, a double click) started one first.
        existing = Attempt.objects.filter(
            learner=learner, quiz=quiz, status=Attempt.Status.IN_PROGRESS
        ).first()
        if existing is None:
            raise
        return existing
    return attempt


def _past_deadline(attempt: Attempt, now: datetime) -> bool:
    return attempt.deadline is not None and now >= attempt.deadline


def _locked_attempt(attempt_id: int, learner) -> Attempt:
    try:
        return Attempt.objects.select_for_update().get(pk=attempt_id, learner=learner)
    except (Attempt.DoesNotExist, ValueError, TypeError):
        raise AttemptNotFound from None


def clean_answer(snapshot: dict, question_id, choice_ids) -> tuple[str, list[str]]:
    """Validate one answer against the snapshot; return it normalised."""
    if not isinstance(question_id, str):
        raise ValidationError(_("That answer does not belong to this quiz."))
    question = next((q for q in snapshot["questions"] if q["id"] == question_id), None)
    if question is None:
        raise ValidationError(_("That question is not part of this attempt."))
    if not isinstance(choice_ids, list) or len(choice_ids) > MAX_CHOICES_PER_ANSWER:
        raise ValidationError(_("That answer could not be read. Please choose again."))
    if not all(isinstance(c, str) for c in choice_ids):
        raise ValidationError(_("That answer could not be read. Please choose again."))
    known = {c["id"] for c in question["choices"]}
    chosen = list(dict.fromkeys(choice_ids))  # keep order, drop repeats
    if any(c not in known for c in chosen):
        raise ValidationError(_("That choice does not belong to this question."))
    if question["scoring"] == SINGLE and len(chosen) > 1:
        raise ValidationError(_("Choose one answer for this question."))
    return question_id, chosen


@transaction.atomic
def attempt_save_answer(
    *, attempt_id: int, learner, question_id: str, choice_ids: list[str], now=None
) -> Attempt:
    """Save one answer as it is given, so a dropped connection loses nothing.

    Past the deadline the attempt is closed and graded instead, and returned
    graded (not open): the caller tells the learner time is up."""
    now = now or timezone.now()
    attempt = _locked_attempt(attempt_id, learner)
    if not attempt.is_open:
        raise ValidationError(_("This attempt has been submitted already."))
    if _past_deadline(attempt, now):
        return _grade(attempt, now=now, closed_by_deadline=True)
    question_id, chosen = clean_answer(attempt.snapshot, question_id, choice_ids)
    attempt.responses = {**attempt.responses, question_id: chosen}
    attempt.save(update_fields=["responses"])
    return attempt


def unanswered_questions(snapshot: dict, responses: dict) -> list[Unanswered]:
    return [
        Unanswered(number=number, id=question["id"], prompt=question["prompt"])
        for number, question in enumerate(snapshot["questions"], start=1)
        if not responses.get(question["id"])
    ]


def attempt_submit(
    *,
    attempt_id: int,
    learner,
    responses: dict | None = None,
    confirm_unanswered: bool = False,
    now=None,
) -> Attempt:
    """Grade the attempt once. Submitting again (double click, two tabs, a
    replay) returns the graded attempt unchanged.

    With questions unanswered, nothing is graded unless `confirm_unanswered`:
    the answers given are saved and UnansweredQuestions names the others, so
    a blank or half-done attempt never uses an attempt without the learner
    knowing."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _locked_attempt(attempt_id, learner)
        if not attempt.is_open:
            return attempt
        if _past_deadline(attempt, now):
            # Answers sent with a late submit are ignored: what was saved before
            # the deadline is what counts.
            return _grade(attempt, now=now, closed_by_deadline=True)
        if responses:
            merged = dict(attempt.responses)
            for question_id, choice_ids in responses.items():
                question_id, chosen = clean_answer(attempt.snapshot, question_id, choice_ids)
                merged[question_id] = chosen
            attempt.responses = merged
        unanswered = unanswered_questions(attempt.snapshot, attempt.responses)
        if confirm_unanswered or not unanswered:
            return _grade(attempt, now=now, closed_by_deadline=False)
        attempt.save(update_fields=["responses"])
    # Raised after the answers given are committed: they are kept.
    raise UnansweredQuestions(unanswered, total=len(attempt.snapshot["questions"]))


def _grade(attempt: Attempt, *, now: datetime, closed_by_deadline: bool) -> Attempt:
    result = grade(attempt.snapshot, attempt.responses)
    attempt.score = result.score
    attempt.passed = result.passed
    attempt.status = Attempt.Status.GRADED
    attempt.submitted_at = attempt.deadline if closed_by_deadline else now
    attempt.closed_by_deadline = closed_by_deadline
    attempt.save(
        update_fields=[
            "responses",
            "score",
            "passed",
            "status",
            "submitted_at",
            "closed_by_deadline",
        ]
    )
    if attempt.passed:
        _record_course_credit(attempt)
    return attempt


def _record_course_credit(attempt: Attempt) -> None:
    """A pass that finishes the course is recorded at once (with the lessons
    done now), so a lesson published a minute later can't make the course look
    unfinished on the course page before anything else has read it."""
    course = parent_course(attempt.quiz)
    if course is None:
        return
    course_completion_record_if_finished(
        learner=attempt.learner,
        course=course,
        quiz=QuizPass(
            attempt_id=attempt.pk,
            title=attempt.quiz_title,
            score=attempt.score,
            submitted_at=attempt.submitted_at,
        ),
    )


@transaction.atomic
def attempts_close_expired(*, now: datetime | None = None) -> int:
    """Grade every open attempt whose deadline has passed (daily or on demand)."""
    now = now or timezone.now()
    closed = 0
    expired = Attempt.objects.select_for_update().filter(
        status=Attempt.Status.IN_PROGRESS, deadline__lte=now
    )
    for attempt in expired:
        _grade(attempt, now=now, closed_by_deadline=True)
        closed += 1
    return closed


# --- Accommodations ------------------------------------------------------------


@transaction.atomic
def accommodation_grant(
    *, learner, quiz: QuizPage, time_multiplier, extra_attempts: int, reason: str, granted_by
) -> Accommodation:
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Record why this accommodation is granted.")})
    accommodation, _created = Accommodation.objects.get_or_create(
        learner=learner,
        quiz=quiz,
        defaults={"reason": reason.strip(), "granted_by": granted_by},
    )
    accommodation.time_multiplier = time_multiplier
    accommodation.extra_attempts = extra_attempts
    accommodation.reason = reason.strip()
    accommodation.granted_by = granted_by
    accommodation.full_clean()
    accommodation.save()
    return accommodation
