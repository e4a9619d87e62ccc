"""A learner's progress through a course: which lessons are done and which
are open. Pure (no queries), so the page models and the reads in
`courses.selectors` both build on it.

A course the learner has a standing recorded completion of (`CourseCompletion`)
is finished, whatever was published since: a lesson they have not done is then
"new since you finished", optional reading and never a requirement."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from wagtail.models import Page


@dataclass
class LessonStatus:
    lesson: Page
    number: int
    done: bool
    # The earlier lesson to finish first, when the course runs in order.
    blocked_by: Page | None = None
    # Published after the learner completed the course: optional reading.
    new_since_finished: bool = False

    @property
    def locked(self) -> bool:
        return self.blocked_by is not None


@dataclass
class CourseProgress:
    course: Page
    lessons: list[LessonStatus] = field(default_factory=list)
    # The learner's standing recorded completion (courses.models.CourseCompletion),
    # or a flag (True) when only its existence is known (the course page).
    completion: object = None
    # When the learner last completed one of these lessons (None: never, or not read).
    last_done_at: datetime | None = None
    # When a Lead trainer last asked them to redo the course (None: never).
    redo_asked_at: datetime | None = None

    @property
    def required(self) -> list[LessonStatus]:
        return [status for status in self.lessons if not status.new_since_finished]

    @property
    def new_since_finished(self) -> list[LessonStatus]:
        return [status for status in self.lessons if status.new_since_finished]

    @property
    def completed(self) -> bool:
        """Recorded as completed: credit that later edits never take away."""
        return bool(self.completion)

    @property
    def total(self) -> int:
        return len(self.required)

    @property
    def done(self) -> int:
        return sum(1 for status in self.required if status.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.completed or (self.total > 0 and self.done == self.total)

    @property
    def started(self) -> bool:
        return self.done > 0

    @property
    def continue_lesson(self) -> Page | None:
        """Where the learner left off: the first lesson not yet done, in order."""
        for status in self.required:
            if not status.done and not status.locked:
                return status.lesson
        return None

    def status_of(self, lesson_id: int) -> LessonStatus | None:
        for status in self.lessons:
            if status.lesson.pk == lesson_id:
                return status
        return None

    def neighbours(self, lesson_id: int) -> tuple[Page | None, Page | None]:
        ids = [status.lesson.pk for status in self.lessons]
        if lesson_id not in ids:
            return None, None
        index = ids.index(lesson_id)
        previous = self.lessons[index - 1].lesson if index > 0 else None
        following = self.lessons[index + 1].lesson if index + 1 < len(ids) else None
        return previous, following


def build_progress(
    course: Page, lessons: list[Page], done_ids: set[int], *, completion=None, **moments
) -> CourseProgress:
    """Pure: lesson states from the lessons (in order) and the ids already done.

    With "in order" set, a lesson not yet done opens only when every lesson
    before it is done; a lesson already done always stays open, so a lesson a
    trainer inserts later never locks work the learner has finished. With a
    standing `completion`, every lesson not done is new since they finished:
    open, optional, never locked. `moments`: `last_done_at`, `redo_asked_at`."""
    progress = CourseProgress(course=course, completion=completion, **moments)
    first_unfinished: Page | None = None
    for number, lesson in enumerate(lessons, start=1):
        done = lesson.pk in done_ids
        new = bool(completion) and not done
        blocked_by = None
        if course.lessons_in_order and not done and not new and first_unfinished is not None:
            blocked_by = first_unfinished
        progress.lessons.append(
            LessonStatus(
                lesson=lesson,
                number=number,
                done=done,
                blocked_by=blocked_by,
                new_since_finished=new,
            )
        )
        if not done and not new and first_unfinished is None:
            first_unfinished = lesson
    return progress
