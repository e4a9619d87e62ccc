"""`manage.py seed_demo`: a "Check your understanding" quiz at the end of each demo course."""

import io
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from assessments import demo
from assessments.demo_content import QUIZ_SLUG, QUIZZES, Quiz, best, other, single
from assessments.models import QuizPage
from assessments.rules import answers_can_be_copied
from assessments.services import attempt_start, attempt_submit, question_snapshot
from courses.models import CoursePage, LessonPage
from tests.courses.factories import complete
from tests.language import stigmatising_words
from training.demo import DEMO_LEARNER
from training.demo import seed_demo as seed_demo_people

from .factories import make_course, right_answers

COURSE_TITLES = [
    "Sharing Lived Experience with Purpose",
    "Accountability Without Judgment",
    "Recognising Relapse Warning Signs",
    "Ethics and Boundaries for Peer Mentors",
]
QUESTION_TYPES = {"single_choice", "multiple_response", "true_false", "scenario"}


def seed() -> None:
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def quizzes(demo_seeded) -> dict[str, QuizPage]:
    """The demo quizzes by course title, after a full `seed_demo`."""
    return {title: quiz_of(title) for title in COURSE_TITLES}


def quiz_of(course_title: str) -> QuizPage:
    course = CoursePage.objects.get(title=course_title)
    return QuizPage.objects.child_of(course).get(slug=QUIZ_SLUG)


def ids_of(quiz: QuizPage) -> list[tuple[str, list[str]]]:
    return [
        (question.id, [choice["id"] for choice in question_snapshot(question)["choices"]])
        for question in quiz.questions
    ]


def strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() if key != "id" for s in strings_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return []


def quiz_text(quiz: QuizPage) -> str:
    """Every word a learner can read on the quiz: title, intro, questions, choices, feedback."""
    parts = [quiz.title, quiz.intro]
    for item in quiz.questions.raw_data:
        parts.extend(strings_in(item["value"]))
    return "\n".join(parts)


# --- Idempotence and place in the course -----------------------------------------


def test_seeding_twice_changes_nothing(site):
    seed()
    first = {title: (quiz_of(title).pk, ids_of(quiz_of(title))) for title in COURSE_TITLES}
    counts = (QuizPage.objects.count(), Page.objects.count())
    seed()
    assert counts[0] == 4
    assert (QuizPage.objects.count(), Page.objects.count()) == counts
    assert {title: (quiz_of(title).pk, ids_of(quiz_of(title))) for title in COURSE_TITLES} == first


def test_question_ids_are_the_same_on_every_machine(quizzes):
    # Derived from the quiz key and position, not random: a fresh demo elsewhere
    # has the same question and choice ids.
    for spec in QUIZZES:
        quiz = quizzes[spec.course_title]
        assert [question.id for question in quiz.questions] == [
            demo.question_id(spec, index) for index in range(len(spec.questions))
        ]
        first_choices = quiz.questions[0].value.get("choices")
        if first_choices is not None:
            assert first_choices.bound_blocks[1].id == demo.question_id(spec, 0, 1)


def test_each_demo_course_ends_with_one_live_quiz(quizzes):
    for title in COURSE_TITLES:
        course = CoursePage.objects.get(title=title)
        quiz_pages = QuizPage.objects.child_of(course)
        assert quiz_pages.count() == 1, title
        quiz = quiz_pages.get()
        assert quiz.live and not quiz.has_unpublished_changes, title
        assert quiz.title == "Check your understanding"
        assert course.get_last_child().pk == quiz.pk, title
        # ...after the lessons the other helper's demo publishes.
        assert LessonPage.objects.live().child_of(course).count() >= 3, title


def test_a_quiz_moves_back_to_the_end_when_a_lesson_is_added_after_it(quizzes):
    course = CoursePage.objects.get(title=COURSE_TITLES[1])
    course.add_child(instance=LessonPage(title="A newer lesson", slug="a-newer-lesson"))
    assert course.get_last_child().slug == "a-newer-lesson"
    messages: list[str] = []

    demo.seed_demo(log=messages.append)

    course = CoursePage.objects.get(pk=course.pk)
    assert course.get_last_child().pk == quizzes[COURSE_TITLES[1]].pk
    assert messages == [f"Moved the quiz to the end of {COURSE_TITLES[1]}."]
    assert QuizPage.objects.count() == 4


def test_a_missing_course_is_skipped_with_a_message(site):
    seed_demo_people(log=lambda *_: None)
    course = make_course(COURSE_TITLES[1])
    messages: list[str] = []

    lines = demo.seed_demo(log=messages.append)

    assert list(QuizPage.objects.values_list("pk", flat=True)) == [quiz_of(COURSE_TITLES[1]).pk]
    assert CoursePage.objects.get(pk=course.pk).get_last_child().specific_class is QuizPage
    skipped = [m for m in messages if m.startswith("No course titled")]
    assert len(skipped) == 3 and not any(COURSE_TITLES[1] in m for m in skipped)
    assert lines[0].startswith("Demo quizzes (1,")


# --- Content -------------------------------------------------------------------


def test_each_quiz_has_8_to_12_questions_of_every_type(quizzes):
    scorings = Counter()
    for title, quiz in quizzes.items():
        types = Counter(question.block_type for question in quiz.questions)
        assert 8 <= len(quiz.questions) <= 12, title
        assert set(types) == QUESTION_TYPES, title
        scorings.update(
            question.value["scoring"]
            for question in quiz.questions
            if question.block_type == "multiple_response"
        )
    assert scorings["partial"] >= 1 and scorings["all_or_nothing"] >= 1


def test_every_choice_has_feedback_and_the_right_number_are_correct(quizzes):
    for title, quiz in quizzes.items():
        for question in quiz.questions:
            shown = question_snapshot(question)
            where = f"{title}: {shown['prompt']}"
            assert shown["prompt"].strip(), where
            assert all(choice["feedback"].strip() for choice in shown["choices"]), where
            assert all(choice["text"].strip() for choice in shown["choices"]), where
            correct = sum(1 for choice in shown["choices"] if choice["correct"])
            if question.block_type == "multiple_response":
                assert 1 <= correct < len(shown["choices"]), where
            else:
                assert correct == 1, where
            if question.block_type == "scenario":
                assert shown["scenario"].strip(), where


def test_each_quiz_passes_the_checks_the_admin_runs(quizzes):
    for quiz in quizzes.values():
        quiz.full_clean()  # raises ValidationError with the field and block at fault
        # The published revision (what editors open) holds the same questions.
        published = quiz.live_revision.as_object().questions
        assert list(published.raw_data) == list(quiz.questions.raw_data)


def test_the_quiz_settings_show_each_feature_once(quizzes):
    quiz_list = list(quizzes.values())
    assert {(q.pass_mark, q.max_attempts) for q in quiz_list} == {(80, 0)}
    assert [q.wait_minutes for q in quiz_list] == [0, 1, 0, 0]
    assert [q.time_limit_minutes for q in quiz_list] == [None, None, 20, None]
    assert [q.questions_per_attempt for q in quiz_list] == [5, 6, 0, 0]
    assert [q.review_policy for q in quiz_list] == [
        "after_each",
        "after_each",
        "after_passing",
        "after_passing",
    ]
    assert all(q.lessons_first for q in quiz_list)
    assert all(q.intro for q in quiz_list)


def test_no_demo_quiz_can_be_passed_by_copying_the_answers_shown_after_a_fail(quizzes):
    for title, quiz in quizzes.items():
        pool = len(quiz.questions)
        assert not answers_can_be_copied(
            review_policy=quiz.review_policy,
            max_attempts=quiz.max_attempts,
            questions_per_attempt=quiz.questions_per_attempt,
            pool=pool,
        ), title
        if quiz.review_policy == "after_each":
            # Each question of a fresh attempt was among those shown after the
            # last fail with a chance of drawn/pool: well below the pass mark.
            assert quiz.questions_drawn / pool <= 0.6 < quiz.pass_mark / 100, title


def test_each_demo_question_names_a_lesson_of_its_course(quizzes):
    for title, quiz in quizzes.items():
        course = CoursePage.objects.get(title=title)
        lessons = set(LessonPage.objects.live().child_of(course).values_list("pk", flat=True))
        named = [question.value["lesson"] for question in quiz.questions]
        assert all(lesson is not None for lesson in named), title
        assert {lesson.pk for lesson in named} <= lessons, title
        # Every lesson is named by some question but the course's last, optional ones.
        assert len({lesson.pk for lesson in named}) >= len(lessons) - 1, title


def test_seeding_an_earlier_demo_brings_its_quizzes_up_to_date_once(site):
    seed()
    quiz = quiz_of(COURSE_TITLES[0])
    # As the demo published it before issue 16: answers after each attempt, the
    # whole pool drawn, no lessons named.
    quiz.review_policy, quiz.questions_per_attempt = "after_each", 0
    quiz.questions = [
        dict(item, value={**item["value"], "lesson": None}) for item in quiz.questions.raw_data
    ]
    quiz.save_revision().publish()
    revisions = quiz.revisions.count()
    messages: list[str] = []

    demo.seed_demo(log=messages.append)

    quiz = quiz_of(COURSE_TITLES[0])
    assert quiz.questions_per_attempt == 5 and quiz.review_policy == "after_each"
    assert all(question.value["lesson"] for question in quiz.questions)
    assert not quiz.has_unpublished_changes and quiz.revisions.count() == revisions + 1
    assert messages == [
        f"Updated the quiz for {COURSE_TITLES[0]}: drawing and review settings and the "
        "lessons of 10 questions."
    ]

    messages.clear()
    demo.seed_demo(log=messages.append)
    assert messages == [] and quiz_of(COURSE_TITLES[0]).revisions.count() == revisions + 1


def test_a_quiz_with_a_draft_is_left_alone(site):
    seed()
    quiz = quiz_of(COURSE_TITLES[1])
    quiz.review_policy, quiz.questions_per_attempt = "after_each", 0
    quiz.save_revision().publish()
    quiz.title = "Check what you learned"
    quiz.save_revision()  # a draft a trainer is working on
    messages: list[str] = []

    demo.seed_demo(log=messages.append)

    assert messages == [f"The quiz for {COURSE_TITLES[1]} has a draft: left it as it is."]
    quiz = quiz_of(COURSE_TITLES[1])
    assert quiz.questions_per_attempt == 0
    assert quiz.get_latest_revision_as_object().title == "Check what you learned"


def finish_lessons(learner, title):
    course = CoursePage.objects.get(title=title)
    complete(learner, *LessonPage.objects.live().child_of(course))


def test_the_demo_learner_passes_each_quiz_with_the_right_answers(quizzes):
    learner = get_user_model().objects.get(email=DEMO_LEARNER)
    for title, quiz in quizzes.items():
        finish_lessons(learner, title)
        attempt = attempt_start(learner=learner, quiz=quiz)
        assert len(attempt.snapshot["questions"]) == quiz.questions_drawn, title

        attempt = attempt_submit(
            attempt_id=attempt.pk, learner=learner, responses=right_answers(attempt)
        )

        assert attempt.passed is True, title
        assert attempt.score == 100, title
        assert attempt.enrollment is not None, title


def test_the_demo_learner_does_not_pass_with_only_the_other_choices(quizzes):
    # The right answers really are the marked ones: picking every unmarked
    # choice scores nothing.
    learner = get_user_model().objects.get(email=DEMO_LEARNER)
    quiz = quizzes[COURSE_TITLES[0]]
    finish_lessons(learner, COURSE_TITLES[0])
    attempt = attempt_start(learner=learner, quiz=quiz)
    others = {
        q["id"]: [c["id"] for c in q["choices"] if not c["correct"]][
            : 1 if q["scoring"] == "single" else None
        ]
        for q in attempt.snapshot["questions"]
    }

    attempt = attempt_submit(attempt_id=attempt.pk, learner=learner, responses=others)

    assert attempt.passed is False
    assert attempt.score == 0


def test_quiz_text_never_uses_stigmatising_words(quizzes):
    for title, quiz in quizzes.items():
        text = quiz_text(quiz)
        assert len(text) > 3000, title  # the walk found the questions and feedback
        assert stigmatising_words(text) == [], title


def test_a_mistake_in_the_demo_content_fails_loudly():
    broken = Quiz(
        key="broken",
        course_title="An example course",
        intro="",
        questions=[
            single(
                "Which is right?",
                best("This one", "Feedback."),
                best("This one too", "Feedback."),
                other("Not this", "Feedback."),
            )
        ],
    )
    with pytest.raises(ValueError, match="An example course"):
        demo.questions_value(broken)
