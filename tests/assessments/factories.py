"""Quizzes for tests: a course in the catalogue, a quiz with known questions,
and a learner enrolled in a program that requires the course."""

from assessments.models import QuizPage
from courses.models import CourseIndexPage, CoursePage, ProgramCourse
from tests.programs.factories import EnrollmentFactory, ProgramFactory
from training.models import HomePage


def catalogue() -> CourseIndexPage:
    existing = CourseIndexPage.objects.filter(locale__language_code="en").first()
    if existing:
        return existing
    home = HomePage.objects.get(locale__language_code="en")
    return home.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))


def make_course(title="Quiz course", **fields) -> CoursePage:
    index = catalogue()
    slug = title.lower().replace(" ", "-")
    course = index.add_child(
        instance=CoursePage(title=title, slug=slug, summary="A course with a quiz.", **fields)
    )
    return course


def choice(text, correct=False, feedback=None):
    return {"text": text, "correct": correct, "feedback": feedback or f"About {text}."}


def single(prompt, right, *wrong):
    return {
        "type": "single_choice",
        "value": {"prompt": prompt, "choices": [choice(right, True)] + [choice(w) for w in wrong]},
    }


def multiple(prompt, rights, wrongs, scoring="all_or_nothing"):
    return {
        "type": "multiple_response",
        "value": {
            "prompt": prompt,
            "choices": [choice(r, True) for r in rights] + [choice(w) for w in wrongs],
            "scoring": scoring,
        },
    }


def true_false(statement, is_true):
    return {
        "type": "true_false",
        "value": {
            "statement": statement,
            "is_true": is_true,
            "feedback_true": "Feedback for true.",
            "feedback_false": "Feedback for false.",
        },
    }


def scenario(case, prompt, right, *wrong):
    return {
        "type": "scenario",
        "value": {
            "scenario": case,
            "prompt": prompt,
            "choices": [choice(right, True)] + [choice(w) for w in wrong],
        },
    }


def default_questions():
    return [
        single("Which question is open?", "What has this week been like?", "Are you okay?"),
        multiple("Which are affirmations?", ["You kept going", "You asked for help"], ["Why?"]),
        true_false("Relapse can begin before any use.", True),
        scenario(
            "A peer misses two meetings.", "What do you do first?", "Reach out kindly", "Ignore it"
        ),
    ]


def make_quiz(course=None, questions=None, **fields) -> QuizPage:
    course = course or make_course()
    # Most tests are about attempts, not about finishing the lessons first: the
    # lesson gate (the model's default) is on only where a test asks for it.
    defaults = {"shuffle_questions": False, "shuffle_choices": False, "lessons_first": False}
    defaults.update(fields)
    title = defaults.pop("title", f"{course.title} quiz")
    quiz = course.add_child(
        instance=QuizPage(
            title=title,
            slug="quiz",
            questions=questions if questions is not None else default_questions(),
            **defaults,
        )
    )
    # Read it back so question and choice ids are the stored ones.
    return QuizPage.objects.get(pk=quiz.pk)


def enroll_in(course, learner=None, **enrollment_fields):
    program = ProgramFactory()
    ProgramCourse.objects.create(program=program, course=course)
    kwargs = {"cohort__program": program, **enrollment_fields}
    if learner is not None:
        kwargs["learner"] = learner
    return EnrollmentFactory(**kwargs)


def right_answers(attempt) -> dict[str, list[str]]:
    return {
        q["id"]: [c["id"] for c in q["choices"] if c["correct"]]
        for q in attempt.snapshot["questions"]
    }


def wrong_answers(attempt) -> dict[str, list[str]]:
    return {
        q["id"]: [next(c["id"] for c in q["choices"] if not c["correct"])]
        for q in attempt.snapshot["questions"]
    }
