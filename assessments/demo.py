"""Demo quizzes: a published "Check your understanding" quiz at the end of each demo course.

`manage.py seed_demo` calls `seed_demo()` after courses' (INSTALLED_APPS lists
courses first), so the demo courses and people already exist. The questions live
in `assessments/demo_content.py`. Idempotent: a quiz already there (found by its
slug under the course) keeps a trainer's edits; it is moved back to the end of
the course if lessons were added after it, and brought up to date once, in a
new published revision (`bring_up_to_date`), where an earlier demo left it
open to copying or its demo questions name no lesson.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Page

from courses.models import CoursePage, LessonPage
from training.demo import DEMO_LEAD_TRAINER, DEMO_TRAINER, demo_user
from training.site_setup import ensure_page_translation

from .demo_content import QUIZ_SLUG, QUIZ_TITLE, QUIZZES, Quiz
from .models import QuizPage
from .rules import answers_can_be_copied

# Question and choice ids are derived from the quiz key and their position, so
# the demo's questions have the same ids on every machine (attempts, statistics
# and bookmarks made against one demo make sense against another).
ID_NAMESPACE = uuid.UUID("0b8f6d2e-3c47-4a9e-8e51-7d2c9a4f1b63")


@transaction.atomic
def seed_demo(*, log=print) -> list[str]:
    # A trainer writes the quizzes and a lead trainer publishes them, as for
    # the demo courses.
    writer, publisher = demo_user(DEMO_TRAINER), demo_user(DEMO_LEAD_TRAINER)
    lines = []
    for spec in QUIZZES:
        course = find_course(spec.course_title)
        if course is None:
            log(f"No course titled {spec.course_title!r}: skipped its demo quiz.")
            continue
        quiz = ensure_quiz(course, spec, writer=writer, publisher=publisher, log=log)
        if quiz is not None:
            lines.append(f"  {course.title}: {describe(quiz)}")
    if "es" in settings.PEERPATH_TRANSLATED_LANGUAGES:
        translate_into_spanish(publisher=publisher, log=log)
    return [f"Demo quizzes ({len(lines)}, one at the end of each demo course):", *lines]


def find_course(title: str) -> CoursePage | None:
    # A published course first, should a copy with the same title exist.
    return CoursePage.objects.filter(title=title).order_by("-live", "path").first()


def ensure_quiz(course: CoursePage, spec: Quiz, *, writer, publisher, log=print) -> QuizPage | None:
    existing = Page.objects.child_of(course).filter(slug=QUIZ_SLUG).first()
    if existing is not None and not isinstance(existing.specific, QuizPage):
        log(f"{course.title} has a page at /{QUIZ_SLUG}/ that is not a quiz: left it alone.")
        return None
    lessons = lesson_ids(course)
    if existing is None:
        quiz = QuizPage(
            title=QUIZ_TITLE,
            slug=QUIZ_SLUG,
            intro=spec.intro,
            pass_mark=spec.pass_mark,
            max_attempts=spec.max_attempts,
            wait_minutes=spec.wait_minutes,
            time_limit_minutes=spec.time_limit_minutes,
            questions_per_attempt=spec.questions_per_attempt,
            review_policy=spec.review_policy,
            questions=questions_value(spec, lessons),
            owner=writer,
        )
        # add_child() runs full_clean(), so the page settings are checked too.
        course.add_child(instance=quiz)
        # Recorded as the lead trainer's publication, without checking page
        # permissions: the demo must not depend on which setup steps ran first.
        quiz.save_revision(user=writer).publish(user=publisher, skip_permission_checks=True)
        log(f"Published the quiz for {course.title}.")
    else:
        quiz = existing.specific
        bring_up_to_date(quiz, spec, lessons, writer=writer, publisher=publisher, log=log)
    keep_last(course, quiz, log=log)
    return quiz


def lesson_ids(course: CoursePage) -> dict[str, int]:
    """The course's published lessons by title."""
    return dict(LessonPage.objects.live().child_of(course).values_list("title", "pk"))


def bring_up_to_date(
    quiz: QuizPage, spec: Quiz, lessons: dict[str, int], *, writer, publisher, log=print
) -> None:
    """A quiz an earlier demo published, on an existing demo database: if its
    settings let a learner pass by copying, take the demo's drawing and review
    settings; name the lesson of each demo question that names none. Nothing
    else of a trainer's edits changes, a quiz with a draft is left alone, and a
    second run finds nothing to do."""
    changes = []
    if answers_can_be_copied(
        review_policy=quiz.review_policy,
        max_attempts=quiz.max_attempts,
        questions_per_attempt=quiz.questions_per_attempt,
        pool=len(quiz.questions),
    ):
        quiz.questions_per_attempt = spec.questions_per_attempt
        quiz.review_policy = spec.review_policy
        changes.append("drawing and review settings")
    wanted = {
        question_id(spec, index): lessons.get(title) for index, title in enumerate(spec.lessons)
    }
    raw = [dict(item, value=dict(item["value"])) for item in quiz.questions.raw_data]
    named = 0
    for item in raw:
        lesson = wanted.get(item.get("id"))
        if lesson and not item["value"].get("lesson"):
            item["value"]["lesson"] = lesson
            named += 1
    if named:
        quiz.questions = raw
        changes.append(f"the lessons of {named} question{'s' if named != 1 else ''}")
    if not changes:
        return
    if quiz.has_unpublished_changes:
        log(f"The quiz for {spec.course_title} has a draft: left it as it is.")
        return
    quiz.full_clean()
    quiz.save_revision(user=writer).publish(user=publisher, skip_permission_checks=True)
    log(f"Updated the quiz for {spec.course_title}: {' and '.join(changes)}.")


def keep_last(course: CoursePage, quiz: QuizPage, *, log=print) -> None:
    """The quiz closes the course: move it after any lesson added since it was created."""
    last = course.get_last_child()
    if last is not None and last.pk != quiz.pk:
        quiz.move(course, pos="last-child")
        log(f"Moved the quiz to the end of {course.title}.")


def questions_value(spec: Quiz, lessons: dict[str, int] | None = None):
    """The questions as a validated StreamValue, with stable ids, each naming its
    lesson when the course has a published lesson of that title."""
    stream_block = QuizPage._meta.get_field("questions").stream_block
    lessons = lessons or {}
    titles = list(spec.lessons) + [None] * (len(spec.questions) - len(spec.lessons))
    raw = [
        {
            **question,
            "id": question_id(spec, index),
            "value": {
                **with_choice_ids(spec, index, question),
                "lesson": lessons.get(titles[index]),
            },
        }
        for index, question in enumerate(spec.questions)
    ]
    # Validate as the admin would (exactly one right answer, required feedback,
    # lengths): a mistake in the demo content fails here, not on a learner's screen.
    try:
        return stream_block.clean(stream_block.to_python(raw))
    except ValidationError as error:
        raise ValueError(
            f"The demo quiz for {spec.course_title!r} is not valid: {error.as_json_data()}"
        ) from error


def with_choice_ids(spec: Quiz, index: int, question: dict) -> dict:
    value = dict(question["value"])
    if "choices" in value:
        value["choices"] = [
            {"type": "item", "value": choice, "id": question_id(spec, index, number)}
            for number, choice in enumerate(value["choices"])
        ]
    return value


def question_id(spec: Quiz, index: int, choice: int | None = None) -> str:
    name = f"{spec.key}/{index}" if choice is None else f"{spec.key}/{index}/{choice}"
    return str(uuid.uuid5(ID_NAMESPACE, name))


def describe(quiz: QuizPage) -> str:
    """The settings a person trying the demo may want to know about."""
    pool = len(quiz.questions)
    drawn = f"{quiz.questions_drawn} of {pool} questions" if quiz.questions_drawn < pool else ""
    parts = [drawn or f"{pool} questions", f"pass mark {quiz.pass_mark}%"]
    if quiz.wait_minutes:
        parts.append(f"{quiz.wait_minutes} min pause between attempts")
    if quiz.time_limit_minutes:
        parts.append(f"{quiz.time_limit_minutes} min time limit")
    parts.append(quiz.get_review_policy_display().lower())
    return "; ".join(parts)


def translate_into_spanish(*, publisher, log=print) -> None:
    """The demo's Spanish quiz, translated as a trainer would (wagtail-localize)
    under the Spanish course that courses' demo translated."""
    from .demo_content_es import QUIZ_TITLE as SPANISH_TITLE
    from .demo_content_es import QUIZZES as SPANISH_QUIZZES

    english = {spec.key: spec for spec in QUIZZES}
    for spanish in SPANISH_QUIZZES:
        course = find_course(english[spanish.key].course_title)
        quiz = QuizPage.objects.child_of(course).first() if course is not None else None
        if quiz is None:
            continue
        words = {
            "title": SPANISH_TITLE,
            "intro": spanish.intro,
            "questions": questions_value(spanish).get_prep_value(),
        }
        ensure_page_translation(quiz, "es", words, user=publisher, log=log)
