"""Writes for learning: completing lessons and courses, saving reflections,
and a Lead trainer's request that learners redo a course.

Each function checks, on the server, everything the page shows: the lesson is
published, the person may study its course, and (for courses taken in order)
the lesson is open. A refusal raises ValidationError with a message meant for
the learner and a `code` the view turns into a status; nothing is changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from training.emails import email_send, site_url
from training.languages import language_of

from .limits import REFLECTION_MAX_LENGTH
from .models import (
    CourseCompletion,
    CourseDomainCredit,
    CoursePage,
    CourseRedoRequest,
    LessonCompletion,
    LessonPage,
    Reflection,
)
from .progress import CourseProgress
from .selectors import LessonAccess, lesson_access, progress_for_learners, reflection_prompts

UNPUBLISHED = "unpublished"
NOT_ALLOWED = "not_allowed"
LOCKED = "locked"
UNKNOWN_PROMPT = "unknown_prompt"
BLANK = "blank"
TOO_LONG = "too_long"


def check_lesson_open(*, user, lesson: LessonPage | None) -> LessonAccess:
    """The lesson is published, its course open to this person, and not locked."""
    if lesson is None or not lesson.live:
        raise ValidationError(
            _("This lesson isn't published, so it can't be completed or answered."),
            code=UNPUBLISHED,
        )
    access = lesson_access(user, lesson)
    if not access.allowed:
        raise ValidationError(
            _("This lesson is part of a course you aren't enrolled in. Nothing was saved."),
            code=NOT_ALLOWED,
        )
    if access.locked:
        raise ValidationError(
            _(
                "This lesson opens once you finish “%(lesson)s”. "
                "The lessons in this course are taken in order."
            )
            % {"lesson": access.blocked_by.title},
            code=LOCKED,
        )
    return access


@transaction.atomic
def lesson_complete(*, learner, lesson: LessonPage | None) -> LessonCompletion:
    """Record that the learner finished the lesson. Safe to repeat: a second
    call (or a double click) returns the first record unchanged."""
    access = check_lesson_open(user=learner, lesson=lesson)
    existing = LessonCompletion.objects.filter(learner=learner, lesson=lesson).first()
    if existing is not None:
        return existing
    completion = LessonCompletion(
        learner=learner, lesson=lesson, course=access.course, lesson_title=lesson.title
    )
    # The learner, lesson and course were just loaded and the lesson checked
    # above; the database's unique constraint catches a race (below). Checking
    # them again would be four more queries on every click.
    completion.full_clean(
        exclude=["learner", "lesson", "course"], validate_unique=False, validate_constraints=False
    )
    try:
        with transaction.atomic():
            completion.save()
    except IntegrityError:
        # Two requests raced past the check above; the other one won.
        return LessonCompletion.objects.get(learner=learner, lesson=lesson)
    progress = access.progress
    if not progress.completed and all(
        status.done for status in progress.required if status.lesson.pk != lesson.pk
    ):
        # The last lesson: a course without a quiz is complete now (one with a
        # quiz is recorded by eligibility once its quiz is passed too).
        course_completion_record_if_finished(learner=learner, course=access.course)
    return completion


def normalise_answer(text: str) -> str:
    # Browsers send line breaks as CRLF; count and store them as one character,
    # as the textarea's own counter does. NUL characters are dropped: nobody types
    # them, and PostgreSQL cannot store them in text.
    text = (text or "").replace("\x00", "")
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def too_long(text: str) -> ValidationError:
    return ValidationError(
        _(
            "Your answer is %(length)s characters long. Please keep it to "
            "%(limit)s characters or fewer; nothing was saved yet."
        )
        % {
            "length": number_format(len(text), force_grouping=True),
            "limit": number_format(REFLECTION_MAX_LENGTH, force_grouping=True),
        },
        code=TOO_LONG,
    )


@transaction.atomic
def lesson_complete_with_reflections(
    *, learner, lesson: LessonPage | None, answers: dict[str, str]
) -> LessonCompletion:
    """ "Mark lesson complete" with the lesson's reflection boxes as they are on the
    page (prompt id -> text): an answer typed but not saved is saved with the
    completion, in one transaction.

    A blank box leaves a saved answer as it is: emptying the box is not a way to
    delete it, and completing never loses one. An answer that is too long
    refuses the whole: nothing is saved and the lesson is not completed (a
    ValidationError keyed by prompt id, so each message goes next to its box).
    Boxes of prompts the lesson no longer has are ignored."""
    check_lesson_open(user=learner, lesson=lesson)
    prompts = reflection_prompts(lesson)
    texts = {
        prompt_id: normalise_answer(text)
        for prompt_id, text in answers.items()
        if prompt_id in prompts
    }
    errors = {
        prompt_id: too_long(text)
        for prompt_id, text in texts.items()
        if len(text) > REFLECTION_MAX_LENGTH
    }
    if errors:
        raise ValidationError(errors)
    saved = dict(
        Reflection.objects.filter(
            author=learner, lesson=lesson, prompt_id__in=list(texts)
        ).values_list("prompt_id", "text")
    )
    for prompt_id, text in texts.items():
        if text and saved.get(prompt_id) != text:
            reflection_save(author=learner, lesson=lesson, prompt_id=prompt_id, text=text)
    return lesson_complete(learner=learner, lesson=lesson)


@transaction.atomic
def reflection_save(*, author, lesson: LessonPage | None, prompt_id: str, text: str) -> Reflection:
    """Save (or update) the author's private answer to one prompt of a lesson."""
    check_lesson_open(user=author, lesson=lesson)
    prompts = reflection_prompts(lesson)
    if prompt_id not in prompts:
        raise ValidationError(
            _(
                "This question isn't part of the lesson (it may have been changed). "
                "Nothing was saved."
            ),
            code=UNKNOWN_PROMPT,
        )
    text = normalise_answer(text)
    if not text:
        raise ValidationError(_("Write your answer before saving it."), code=BLANK)
    if len(text) > REFLECTION_MAX_LENGTH:
        raise too_long(text)
    reflection = Reflection.objects.filter(
        author=author, lesson=lesson, prompt_id=prompt_id
    ).first()
    if reflection is None:
        reflection = Reflection(author=author, lesson=lesson, prompt_id=prompt_id)
    reflection.text = text
    reflection.prompt_text = prompts[prompt_id][:300]
    reflection.lesson_title = lesson.title
    reflection.full_clean()
    reflection.save()
    return reflection


# --- Course completions: credit is recorded, not recomputed ------------------------
# docs/architecture.md, "Credit is recorded". Assessments sits above courses, so
# courses cannot tell whether a quiz was passed: certificates.eligibility, which
# reads both, records courses with a quiz (`course_completions_record`), and
# `lesson_complete` records those without one.

REDO_PERMISSION = "courses.add_courseredorequest"


@dataclass(frozen=True)
class QuizPass:
    """The attempt that passed a course's quiz (assessments.Attempt), as recorded."""

    attempt_id: int
    title: str
    score: Decimal | None
    submitted_at: datetime


@dataclass(frozen=True)
class FinishedCourse:
    """A learner who has finished a course: `progress.required` lessons all done."""

    learner_id: int
    progress: CourseProgress
    finished_at: datetime
    quiz: QuizPass | None = None


def course_completion_record_if_finished(
    *, learner, course: CoursePage, quiz: QuizPass | None = None
) -> CourseCompletion | None:
    """The learner's standing completion of the course, recorded now if they
    have done every lesson and the course has no quiz (or `quiz` is the
    attempt that passed it); None while they have not finished. Idempotent."""
    progress = progress_for_learners([learner.pk], [course])[learner.pk][course.pk]
    if progress.completed:
        return progress.completion
    if not progress.finished or (course.activities() and quiz is None):
        return None
    moments = [m for m in (progress.last_done_at, quiz and quiz.submitted_at) if m]
    finished = FinishedCourse(
        learner_id=learner.pk,
        progress=progress,
        finished_at=max(moments, default=timezone.now()),
        quiz=quiz,
    )
    return course_completions_record(finished=[finished])[(learner.pk, course.pk)]


def _hours_snapshot(course_ids) -> dict[int, list[dict]]:
    snapshot: dict[int, list[dict]] = {pk: [] for pk in course_ids}
    for credit in (
        CourseDomainCredit.objects.filter(course_id__in=course_ids)
        .select_related("domain")
        .order_by("course_id", "sort_order", "pk")
    ):
        snapshot[credit.course_id].append(
            {"domain": credit.domain_id, "name": credit.domain.name, "hours": f"{credit.hours:.2f}"}
        )
    return snapshot


@transaction.atomic
def course_completions_record(
    *, finished: list[FinishedCourse]
) -> dict[tuple[int, int], CourseCompletion]:
    """Record each finished course that has no standing completion yet, with
    the course as it is now: its title, the lessons done and the training hours
    it credits. Keyed by (learner id, course id). A fixed number of queries
    however many; safe to repeat and to race (one standing completion per
    learner and course is a database constraint: the loser reads the winner's)."""
    unique = {(f.learner_id, f.progress.course.pk): f for f in finished}
    if not unique:
        return {}
    hours = _hours_snapshot({course_id for _, course_id in unique})
    rows = []
    for (learner_id, course_id), item in unique.items():
        row = CourseCompletion(
            learner_id=learner_id,
            course_id=course_id,
            course_title=item.progress.course.title[:255],
            completed_at=item.finished_at,
            lessons=[
                {"id": status.lesson.pk, "title": status.lesson.title}
                for status in item.progress.required
                if status.done
            ],
            training_hours=hours[course_id],
            quiz_attempt_id=item.quiz.attempt_id if item.quiz else None,
            quiz_title=item.quiz.title[:255] if item.quiz else "",
            quiz_score=item.quiz.score if item.quiz else None,
        )
        # Everything here was just read; the constraint is the database's.
        row.full_clean(
            exclude=["learner", "course", "redo_request"],
            validate_unique=False,
            validate_constraints=False,
        )
        rows.append(row)
    try:
        with transaction.atomic():
            CourseCompletion.objects.bulk_create(rows)
    except IntegrityError:
        # Another request recorded some of them at the same moment: one by one.
        rows = [_save_or_read_standing(row) for row in rows]
    return {(row.learner_id, row.course_id): row for row in rows}


def _save_or_read_standing(row: CourseCompletion) -> CourseCompletion:
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        return CourseCompletion.objects.get(
            learner_id=row.learner_id, course_id=row.course_id, superseded_at__isnull=True
        )
    return row


def quizzes_closed_after_a_pass(course: CoursePage) -> list[str]:
    """Titles of the course's quizzes that refuse a new attempt once passed
    (its "learners may keep practising after passing" setting off): a learner asked to redo
    the course could not pass them again. Read by duck typing: assessments sits
    above courses, so its QuizPage is not imported here."""
    return [
        quiz.title
        for quiz in (activity.specific for activity in course.activities())
        if getattr(quiz, "allow_practice_after_pass", True) is False
    ]


def redo_affected(course: CoursePage) -> int:
    """How many learners a redo of the course would ask: its standing completions."""
    return CourseCompletion.objects.filter(course=course, superseded_at__isnull=True).count()


def check_course_redo(*, course: CoursePage | None, requested_by, reason: str) -> str:
    """Everything `course_redo_request` checks before it changes anything, so a
    form can say it first (the Lead trainer's approval with a redo,
    courses/review.py). Raises ValidationError with the message to show;
    returns the reason, trimmed. Whether anyone has completed the course is
    counted again when the request is made (`redo_affected`)."""
    if not requested_by.has_perm(REDO_PERMISSION):
        raise ValidationError(_("Only a Lead trainer can ask learners to redo a course."))
    if course is None:
        raise ValidationError(_("This course no longer exists."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Say why the course needs to be done again: learners read this in their email.")
        )
    if len(reason) > 2000:
        raise ValidationError(
            _("Please keep the reason to %(limit)s characters or fewer.")
            % {"limit": number_format(2000, force_grouping=True)}
        )
    closed = quizzes_closed_after_a_pass(course)
    if closed:
        raise ValidationError(
            _(
                "Learners who passed “%(quiz)s” can't take it again: its “learners may keep "
                "practising after passing” setting is off. Turn it on in the quiz's settings "
                "first, so learners can pass it again; nothing was changed."
            )
            % {"quiz": closed[0]}
        )
    return reason


@transaction.atomic
def course_redo_request(
    *, course: CoursePage | None, requested_by, reason: str
) -> CourseRedoRequest:
    """A Lead trainer asks every learner who completed the course to do it
    again: their completions are set aside (kept, with this request as the
    reason) and each of them gets an email saying what and why. Certificates
    already issued are not touched: they hold their own snapshot."""
    reason = check_course_redo(course=course, requested_by=requested_by, reason=reason)
    completions = list(
        CourseCompletion.objects.select_for_update()
        .filter(course=course, superseded_at__isnull=True)
        .select_related("learner")
    )
    if not completions:
        raise ValidationError(
            _("Nobody has a recorded completion of this course, so nobody needs to redo it.")
        )
    request = CourseRedoRequest(
        course=course,
        course_title=course.title[:255],
        requested_by=requested_by,
        reason=reason,
        learners_affected=len(completions),
    )
    request.full_clean(exclude=["course", "requested_by"])
    request.save()
    CourseCompletion.objects.filter(pk__in=[c.pk for c in completions]).update(
        superseded_at=timezone.now(), redo_request=request
    )
    course_url = site_url(course.url) if course.url else site_url("/")
    for completion in completions:
        if not completion.learner.is_active:
            continue  # a closed account is told nothing
        email_send(
            to=completion.learner.email,
            language=language_of(completion.learner),
            template="courses/emails/redo_asked",
            context={
                "person": completion.learner,
                "course_title": request.course_title,
                "completed_at": completion.completed_at,
                "reason": reason,
                "has_quiz": bool(course.activities()),
                "course_url": course_url,
            },
        )
    return request
