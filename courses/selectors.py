"""Reads for course content and progress.

Every learning view asks `can_study` first. The other helpers gather what a
page needs in a fixed number of queries, however many lessons, blocks or
learners there are (see tests/courses/test_performance.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from wagtail.models import Collection, Page, ReferenceIndex

from programs.models import Enrollment
from training.content_cache import remember
from training.roles import is_staff_member
from training.sql import KeptQuery, column, connection_for, first_column, table

from .limits import PUBLIC_DOCUMENTS_COLLECTION
from .models import (
    CourseCompletion,
    CoursePage,
    LessonCompletion,
    LessonPage,
    ProgramCourse,
    Reflection,
)
from .progress import CourseProgress, LessonStatus, build_progress

# --- Who may study -------------------------------------------------------------
# Decision: only an ACTIVE enrollment opens a course. A *completed* enrollment
# is the record a certificate was issued on, so its progress is frozen: the
# learner keeps their reflections (they can download them) but lessons no
# longer open. A *withdrawn* enrollment opens nothing either.

NOT_SIGNED_IN = "not_signed_in"
NOT_ENROLLED = "not_enrolled"
WITHDRAWN = "withdrawn"
COMPLETED = "completed"
COURSE_NOT_LIVE = "course_not_live"


def can_study(user, course: CoursePage) -> bool:
    """True only for a signed-in person with an active enrollment in a program
    that requires this (published) course. One query."""
    if user is None or not user.is_authenticated or course is None or not course.live:
        return False
    return Enrollment.objects.filter(
        learner=user,
        status=Enrollment.Status.ACTIVE,
        program__required_courses__course=course,
    ).exists()


# Stand for "enrolled" and "has a standing recorded completion of the course"
# among the completed lesson ids that `_enrolled_and_completed` returns: page
# ids start at 1, so no lesson has either.
_ENROLLED_ROW = 0
_COMPLETED_ROW = -1


def study_state(user, course: CoursePage, lesson_ids: Iterable[int]) -> tuple[bool, set[int]]:
    """`can_study` and which of `lesson_ids` the user has completed, in one
    query, for the pages that ask both on every view (course and lesson).
    Completions count only for someone who may study: otherwise none."""
    allowed, done, _ = study_state_with_credit(user, course, lesson_ids)
    return allowed, done


def study_state_with_credit(
    user, course: CoursePage, lesson_ids: Iterable[int]
) -> tuple[bool, set[int], bool]:
    """`study_state`, and whether the user has a standing recorded completion
    of the course (`CourseCompletion`), still in one query."""
    lesson_ids = [int(pk) for pk in lesson_ids]
    if user is None or not user.is_authenticated or course is None or not course.live:
        return False, set(), False
    rows = _enrolled_and_completed(user.pk, course.pk, lesson_ids)
    if _ENROLLED_ROW not in rows:
        return False, set(), False
    completed = _COMPLETED_ROW in rows
    rows.discard(_ENROLLED_ROW)
    rows.discard(_COMPLETED_ROW)
    return True, rows, completed


def _enrolled_and_completed(learner_id: int, course_id: int, lesson_ids: list[int]) -> set[int]:
    # The rule is `can_study`'s (an active enrollment in a program that requires
    # the course); tests hold the two together. Plain SQL (training/sql.py):
    # every lesson and course page asks it, and building this union through the
    # ORM took three times as long as the database took to answer it.
    db = connection_for(LessonCompletion)
    query = (
        f"SELECT {_ENROLLED_ROW} FROM {table(db, Enrollment)} e"
        f" JOIN {table(db, ProgramCourse)} pc"
        f" ON pc.{column(db, ProgramCourse, 'program')} = e.{column(db, Enrollment, 'program')}"
        f" WHERE e.{column(db, Enrollment, 'learner')} = %s"
        f" AND e.{column(db, Enrollment, 'status')} = %s"
        f" AND pc.{column(db, ProgramCourse, 'course')} = %s"
    )
    params: list = [learner_id, Enrollment.Status.ACTIVE.value, course_id]
    query += (
        f" UNION SELECT {_COMPLETED_ROW} FROM {table(db, CourseCompletion)} cc"
        f" WHERE cc.{column(db, CourseCompletion, 'learner')} = %s"
        f" AND cc.{column(db, CourseCompletion, 'course')} = %s"
        f" AND cc.{column(db, CourseCompletion, 'superseded_at')} IS NULL"
    )
    params += [learner_id, course_id]
    if lesson_ids:
        placeholders = ", ".join(["%s"] * len(lesson_ids))
        query += (
            f" UNION SELECT c.{column(db, LessonCompletion, 'lesson')}"
            f" FROM {table(db, LessonCompletion)} c"
            f" WHERE c.{column(db, LessonCompletion, 'learner')} = %s"
            f" AND c.{column(db, LessonCompletion, 'lesson')} IN ({placeholders})"
        )
        params += [learner_id, *lesson_ids]
    return set(first_column(db, query, params))


def study_refusal_reason(user, course: CoursePage) -> str:
    """Why `can_study` is False, so the refusal page can say something useful."""
    if user is None or not user.is_authenticated:
        return NOT_SIGNED_IN
    if not course.live:
        return COURSE_NOT_LIVE
    statuses = set(
        Enrollment.objects.filter(
            learner=user, program__required_courses__course=course
        ).values_list("status", flat=True)
    )
    if Enrollment.Status.COMPLETED in statuses:
        return COMPLETED
    if Enrollment.Status.WITHDRAWN in statuses:
        return WITHDRAWN
    return NOT_ENROLLED


def studyable_course_ids(user) -> set[int]:
    """Ids of the courses this person may study (one query)."""
    if user is None or not user.is_authenticated:
        return set()
    return set(
        ProgramCourse.objects.filter(
            program__enrollments__learner=user,
            program__enrollments__status=Enrollment.Status.ACTIVE,
        ).values_list("course_id", flat=True)
    )


# --- Lessons and progress ------------------------------------------------------


def progress_for_courses(user, courses: list[CoursePage]) -> dict[int, CourseProgress]:
    """Progress in several courses at once: a fixed number of queries however
    many courses (see `progress_for_learners`)."""
    learner_id = user.pk if user is not None and user.is_authenticated else None
    return progress_for_learners([learner_id], courses)[learner_id]


def progress_for_learners(
    learner_ids: Iterable[int | None], courses: list[CoursePage]
) -> dict[int | None, dict[int, CourseProgress]]:
    """Progress of several learners in several courses, keyed by learner id and
    then course id: three queries however many learners, courses or lessons
    (the lessons, kept with the content; the lessons done; the recorded course
    completions). A standing recorded completion makes
    the course finished whatever was published since (`build_progress`).
    The id None (someone not signed in) has nothing done."""
    keys = list(dict.fromkeys(learner_ids))
    learner_ids = [key for key in keys if key is not None]
    if not courses or not keys:
        return {
            key: {course.pk: CourseProgress(course=course) for course in courses} for key in keys
        }
    grouped = remember(
        ("lessons-of-courses", tuple(course.pk for course in courses)),
        lambda: _lessons_of_courses(courses),
    )
    course_of = {lesson.pk: pk for pk, lessons in grouped.items() for lesson in lessons}
    done: dict[int | None, set[int]] = {key: set() for key in keys}
    last_done: dict[tuple, object] = {}
    if learner_ids and course_of:
        for learner_id, lesson_id, completed_at in LessonCompletion.objects.filter(
            learner_id__in=learner_ids, lesson_id__in=list(course_of)
        ).values_list("learner_id", "lesson_id", "completed_at"):
            done[learner_id].add(lesson_id)
            key = (learner_id, course_of[lesson_id])
            last_done[key] = max(completed_at, last_done.get(key, completed_at))
    standing, redo_asked = completions_of(learner_ids, courses)
    return {
        key: {
            course.pk: build_progress(
                course,
                grouped[course.pk],
                done[key],
                completion=standing.get((key, course.pk)),
                last_done_at=last_done.get((key, course.pk)),
                redo_asked_at=redo_asked.get((key, course.pk)),
            )
            for course in courses
        }
        for key in keys
    }


def completions_of(
    learner_ids: list[int], courses: list[CoursePage]
) -> tuple[dict[tuple[int, int], CourseCompletion], dict[tuple[int, int], object]]:
    """The learners' standing recorded completions of the courses, and when a
    redo was last asked of each, keyed by (learner id, course id): one query."""
    standing: dict[tuple[int, int], CourseCompletion] = {}
    redo_asked: dict[tuple[int, int], object] = {}
    if not learner_ids or not courses:
        return standing, redo_asked
    for completion in CourseCompletion.objects.filter(
        learner_id__in=learner_ids, course_id__in=[course.pk for course in courses]
    ).defer("lessons"):
        key = (completion.learner_id, completion.course_id)
        if completion.superseded_at is None:
            standing[key] = completion
        else:
            redo_asked[key] = max(
                completion.superseded_at, redo_asked.get(key, completion.superseded_at)
            )
    return standing, redo_asked


def _lessons_of_courses(courses: list[CoursePage]) -> dict[int, list[LessonPage]]:
    """Each course's published lessons in tree order, keyed by course id (one query)."""
    by_path = {course.path: course for course in courses}
    children_of_courses = Q()
    for course in courses:
        children_of_courses |= Q(path__startswith=course.path, depth=course.depth + 1)
    grouped: dict[int, list[LessonPage]] = {course.pk: [] for course in courses}
    for lesson in LessonPage.listed().filter(children_of_courses):
        parent = by_path.get(lesson.path[: -LessonPage.steplen])
        if parent is not None:
            grouped[parent.pk].append(lesson)
    return grouped


def required_course_links(program_ids) -> list[ProgramCourse]:
    """The programs' required published courses (each link with its course),
    by program and in the order set: one query, or none while kept with the
    content (training/content_cache.py)."""
    key = tuple(sorted(set(program_ids)))
    return remember(
        ("required-courses", key),
        lambda: list(
            ProgramCourse.objects.filter(program__in=key, course__live=True)
            .select_related("course")
            .order_by("program_id", "sort_order", "pk")
        ),
    )


def parent_course(lesson: LessonPage) -> CoursePage | None:
    """The course a lesson (or a quiz) sits in, in one query
    (`get_parent().specific` costs two), or none while it is kept with the content."""
    parent_path = lesson.path[: -LessonPage.steplen]
    return remember(
        ("course-at", parent_path),
        lambda: CoursePage.objects.filter(path=parent_path).first(),
    )


def course_of_page(page: Page | None) -> CoursePage | None:
    """The course a page belongs to: the course page itself, or the course a
    lesson or quiz sits in (courses take no deeper pages); None for any other
    page. Its `has_standing_completions` says whether anyone has a standing
    recorded completion of it (someone a redo would ask). One query, read
    afresh: the Lead trainer's approval step asks it around publishing."""
    if page is None or not page.path:
        return None
    paths = [page.path]
    if len(page.path) > Page.steplen:
        paths.append(page.path[: -Page.steplen])
    standing = CourseCompletion.objects.filter(course=OuterRef("pk"), superseded_at__isnull=True)
    return (
        CoursePage.objects.filter(path__in=paths)
        .annotate(has_standing_completions=Exists(standing))
        .first()
    )


# --- Reflections ---------------------------------------------------------------


def reflections_by_prompt(author, lesson: LessonPage) -> dict[str, Reflection]:
    """The author's own answers on one lesson, keyed by prompt id. Nobody else's."""
    if author is None or not author.is_authenticated:
        return {}
    return {
        reflection.prompt_id: reflection
        for reflection in _reflections_on_lesson.all(author=author.pk, lesson=lesson.pk)
    }


# Every lesson page with a reflection prompt asks this (training/sql.py).
_reflections_on_lesson = KeptQuery(
    lambda author, lesson: Reflection.objects.filter(author_id=author, lesson_id=lesson),
    author=int,
    lesson=int,
)


def reflections_of(author) -> list[Reflection]:
    """All of a person's own reflections, for their download."""
    return list(Reflection.objects.filter(author=author).order_by("lesson_title", "created_at"))


def reflection_prompts(lesson: LessonPage) -> dict[str, str]:
    """Prompt id -> question for every reflection prompt in the lesson body."""
    return {
        block.id: block.value["question"]
        for block in lesson.body
        if block.block_type == "reflection" and block.id
    }


# --- One lesson, for one person -------------------------------------------------


@dataclass
class LessonAccess:
    """Everything the lesson page and the learner's actions check, gathered once
    (four queries)."""

    lesson: LessonPage
    course: CoursePage | None
    allowed: bool
    reason: str | None = None
    progress: CourseProgress | None = None

    @property
    def status(self) -> LessonStatus | None:
        return self.progress.status_of(self.lesson.pk) if self.progress else None

    @property
    def blocked_by(self) -> LessonPage | None:
        status = self.status
        return status.blocked_by if status else None

    @property
    def locked(self) -> bool:
        return self.blocked_by is not None


def lesson_access(user, lesson: LessonPage) -> LessonAccess:
    course = parent_course(lesson)
    if course is None:
        return LessonAccess(lesson=lesson, course=None, allowed=False, reason=NOT_ENROLLED)
    lessons = course.lessons()
    allowed, done, completed = study_state_with_credit(user, course, [x.pk for x in lessons])
    if not allowed:
        return LessonAccess(
            lesson=lesson,
            course=course,
            allowed=False,
            reason=study_refusal_reason(user, course),
        )
    return LessonAccess(
        lesson=lesson,
        course=course,
        allowed=True,
        progress=build_progress(course, lessons, done, completion=completed),
    )


# --- Documents -----------------------------------------------------------------
# Decision (docs/architecture.md, "Documents are not public by default"): open to everyone
# only in the "Public documents" collection. One that course content uses opens
# for the people who may study that course (the rule of `can_study`) and for
# staff; any other document for staff alone.


@dataclass(frozen=True)
class DocumentAccess:
    allowed: bool
    # The live courses that use the document, and why the person may not study
    # them (`study_refusal_reason`), for the refusal page.
    courses: list[CoursePage] = field(default_factory=list)
    reason: str | None = None


def document_access(user, document) -> DocumentAccess:
    if is_public_document(document) or is_staff_member(user):
        return DocumentAccess(allowed=True)
    if not user.is_authenticated:
        return DocumentAccess(allowed=False, reason=NOT_SIGNED_IN)
    courses = courses_using(document)
    if studyable_course_ids(user) & {course.pk for course in courses}:
        return DocumentAccess(allowed=True)
    reason = study_refusal_reason(user, courses[0]) if courses else NOT_ENROLLED
    return DocumentAccess(allowed=False, courses=courses, reason=reason)


def is_public_document(document) -> bool:
    """In the "Public documents" collection (under the root), or one inside it."""
    return (
        Collection.objects.ancestor_of(document.collection, inclusive=True)
        .filter(depth=2, name=PUBLIC_DOCUMENTS_COLLECTION)
        .exists()
    )


def courses_using(document) -> list[CoursePage]:
    """The live courses whose published pages (the course page, its lessons, its
    quiz) use the document, found in Wagtail's reference index. Two queries."""
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )
    paths = Page.objects.live().filter(pk__in=page_ids).values_list("path", flat=True)
    # A page's course is the page itself or one of its ancestors: their paths
    # are the leading steps of its own.
    steps = {
        path[:end] for path in paths for end in range(Page.steplen, len(path) + 1, Page.steplen)
    }
    return list(CoursePage.objects.live().filter(path__in=steps).order_by("path"))
