import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamValue

from assessments.blocks import (
    MultipleResponseQuestionBlock,
    ScenarioQuestionBlock,
    SingleChoiceQuestionBlock,
)
from assessments.models import QuizPage

from .factories import choice, make_course, single

pytestmark = pytest.mark.django_db


def clean(block, value):
    return block.clean(block.to_python(value))


def block_error_fields(error) -> set[str]:
    return set(error.block_errors)


def test_a_question_needs_at_least_two_choices():
    with pytest.raises(ValidationError) as error:
        clean(SingleChoiceQuestionBlock(), {"prompt": "Q", "choices": [choice("only", True)]})
    assert "choices" in block_error_fields(error.value)


@pytest.mark.parametrize("block_class", [SingleChoiceQuestionBlock, ScenarioQuestionBlock])
@pytest.mark.parametrize("correct_flags", [(False, False), (True, True)])
def test_single_choice_needs_exactly_one_correct_choice(block_class, correct_flags):
    value = {
        "prompt": "Q",
        "scenario": "A case.",
        "choices": [choice("a", correct_flags[0]), choice("b", correct_flags[1])],
    }
    if block_class is SingleChoiceQuestionBlock:
        value.pop("scenario")
    with pytest.raises(ValidationError) as error:
        clean(block_class(), value)
    assert "exactly one" in str(error.value.block_errors["choices"])


def test_multiple_response_needs_a_correct_choice():
    with pytest.raises(ValidationError) as error:
        clean(
            MultipleResponseQuestionBlock(),
            {"prompt": "Q", "choices": [choice("a"), choice("b")], "scoring": "partial"},
        )
    assert "at least one" in str(error.value.block_errors["choices"])


def choices_of(value):
    return [(item["text"], item["correct"], item["feedback"]) for item in value["choices"]]


def test_valid_questions_pass():
    single_value = clean(
        SingleChoiceQuestionBlock(), {"prompt": "Q", "choices": [choice("a", True), choice("b")]}
    )
    assert single_value["prompt"] == "Q"
    assert choices_of(single_value) == [("a", True, "About a."), ("b", False, "About b.")]
    multiple_value = clean(
        MultipleResponseQuestionBlock(),
        {"prompt": "Q", "choices": [choice("a", True), choice("b", True)], "scoring": "partial"},
    )
    assert multiple_value["scoring"] == "partial"
    assert choices_of(multiple_value) == [("a", True, "About a."), ("b", True, "About b.")]


def test_every_choice_needs_feedback():
    with pytest.raises(ValidationError):
        clean(
            SingleChoiceQuestionBlock(),
            {
                "prompt": "Q",
                "choices": [choice("a", True), {"text": "b", "correct": False, "feedback": ""}],
            },
        )


def quiz_page(**fields):
    return QuizPage(
        title="Quiz",
        slug="quiz",
        questions=[single("Q1", "a", "b"), single("Q2", "a", "b")],
        **fields,
    )


def test_the_pool_must_hold_the_number_drawn(site):
    course = make_course()
    page = quiz_page(questions_per_attempt=3)
    with pytest.raises(ValidationError) as error:
        course.add_child(instance=page)
    assert "questions_per_attempt" in error.value.message_dict
    assert not QuizPage.objects.exists()


@pytest.mark.parametrize("mark", [0, 101])
def test_pass_mark_must_be_between_1_and_100(site, mark):
    course = make_course()
    with pytest.raises(ValidationError) as error:
        course.add_child(instance=quiz_page(pass_mark=mark))
    assert "pass_mark" in error.value.message_dict


def test_quiz_tree_rules(site):
    from courses.models import CoursePage, LessonPage

    assert QuizPage.parent_page_types == ["courses.CoursePage"]
    assert QuizPage.subpage_types == []
    assert QuizPage in CoursePage.allowed_subpage_models()
    assert QuizPage not in LessonPage.allowed_subpage_models()


def test_question_ids_are_stable_across_saves(site):
    course = make_course()
    quiz = course.add_child(instance=quiz_page())
    quiz = QuizPage.objects.get(pk=quiz.pk)
    ids = [block.id for block in quiz.questions]
    choice_ids = [c.id for c in quiz.questions[0].value["choices"].bound_blocks]
    quiz.title = "Renamed"
    quiz.save_revision().publish()
    again = QuizPage.objects.get(pk=quiz.pk)
    assert [block.id for block in again.questions] == ids
    assert [c.id for c in again.questions[0].value["choices"].bound_blocks] == choice_ids
    assert isinstance(again.questions, StreamValue)
