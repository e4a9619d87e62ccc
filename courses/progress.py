"""A learner's progress through a course: which lessons are done and which
are open. Pure (no queries), so the page models and the reads in
`courses.selectors` both build on it."""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.models import Page


@dataclass
class LessonStatus:
    lesson: Page
    number: int
    done: bool
    # The earlier lesson to finish first, when the course runs in order.
    blocked_by: Page | None = None

    @property
    def locked(self) -> bool:
        return self.blocked_by is not None


@dataclass
class CourseProgress:
    course: Page
    lessons: list[LessonStatus] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def done(self) -> int:
        return sum(1 for status in self.lessons if status.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.total > 0 and self.done == self.total

    @property
    def started(self) -> bool:
        return self.done > 0

    @property
    def continue_lesson(self) -> Page | None:
        """Where the learner left off: the first lesson not yet done, in order."""
        for status in self.lessons:
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


def build_progress(course: Page, lessons: list[Page], done_ids: set[int]) -> CourseProgress:
    """Pure: lesson states from the lessons (in order) and the ids already done.

    With "in order" set, a lesson not yet done opens only when every lesson
    before it is done; a lesson already done always stays open, so a lesson a
    trainer inserts later never locks work the learner has finished."""
    progress = CourseProgress(course=course)
    first_unfinished: Page | None = None
    for number, lesson in enumerate(lessons, start=1):
        done = lesson.pk in done_ids
        blocked_by = None
        if course.lessons_in_order and not done and first_unfinished is not None:
            blocked_by = first_unfinished
        progress.lessons.append(
            LessonStatus(lesson=lesson, number=number, done=done, blocked_by=blocked_by)
        )
        if not done and first_unfinished is None:
            first_unfinished = lesson
    return progress
