"""Writes for learning: completing lessons and saving reflections.

Each function checks, on the server, everything the page shows: the lesson is
published, the person may study its course, and (for courses taken in order)
the lesson is open. A refusal raises ValidationError with a message meant for
the learner and a `code` the view turns into a status; nothing is changed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .limits import REFLECTION_MAX_LENGTH
from .models import LessonCompletion, LessonPage, Reflection
from .selectors import LessonAccess, lesson_access, reflection_prompts

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
            "This lesson isn't published, so it can't be completed or answered.",
            code=UNPUBLISHED,
        )
    access = lesson_access(user, lesson)
    if not access.allowed:
        raise ValidationError(
            "This lesson is part of a course you aren't enrolled in. Nothing was saved.",
            code=NOT_ALLOWED,
        )
    if access.locked:
        raise ValidationError(
            f"This lesson opens once you finish “{access.blocked_by.title}”. "
            "The lessons in this course are taken in order.",
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
    return completion


def normalise_answer(text: str) -> str:
    # Browsers send line breaks as CRLF; count and store them as one character,
    # as the textarea's own counter does. NUL characters are dropped: nobody types
    # them, and PostgreSQL cannot store them in text.
    text = (text or "").replace("\x00", "")
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


@transaction.atomic
def reflection_save(*, author, lesson: LessonPage | None, prompt_id: str, text: str) -> Reflection:
    """Save (or update) the author's private answer to one prompt of a lesson."""
    check_lesson_open(user=author, lesson=lesson)
    prompts = reflection_prompts(lesson)
    if prompt_id not in prompts:
        raise ValidationError(
            "This question isn't part of the lesson (it may have been changed). Nothing was saved.",
            code=UNKNOWN_PROMPT,
        )
    text = normalise_answer(text)
    if not text:
        raise ValidationError("Write your answer before saving it.", code=BLANK)
    if len(text) > REFLECTION_MAX_LENGTH:
        raise ValidationError(
            f"Your answer is {len(text):,} characters long. Please keep it to "
            f"{REFLECTION_MAX_LENGTH:,} characters or fewer; nothing was saved yet.",
            code=TOO_LONG,
        )
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
