"""Question blocks. Each question and each choice has a stable id (the
StreamField block id and the ListBlock item id), which attempts record."""

from django.core.exceptions import ValidationError
from wagtail import blocks

TEMPLATES = "assessments/blocks"


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    correct = blocks.BooleanBlock(required=False, help_text="Tick if this is a right answer.")
    feedback = blocks.TextBlock(
        help_text="Explain, without judgment, why this is or isn't the best response."
    )

    class Meta:
        icon = "radio-full"


def choices_block():
    return blocks.ListBlock(ChoiceBlock(), min_num=2, collapsed=False)


def lesson_block():
    return blocks.PageChooserBlock(
        page_type="courses.LessonPage",
        required=False,
        help_text="The lesson that teaches this. Learners who miss the question get a link to it.",
    )


def _choice_errors(message: str) -> blocks.StructBlockValidationError:
    return blocks.StructBlockValidationError(block_errors={"choices": ValidationError(message)})


class _ChoiceQuestion(blocks.StructBlock):
    """A question with a list of choices: at least two, and either exactly one
    right choice (single choice, scenario) or at least one (multiple response)."""

    exactly_one_correct = True

    def clean(self, value):
        value = super().clean(value)
        choices = value.get("choices") or []
        if len(choices) < 2:
            raise _choice_errors("Give at least two choices.")
        correct = sum(1 for choice in choices if choice.get("correct"))
        if self.exactly_one_correct and correct != 1:
            raise _choice_errors("Mark exactly one choice as correct.")
        if not self.exactly_one_correct and correct < 1:
            raise _choice_errors("Mark at least one choice as correct.")
        return value


class SingleChoiceQuestionBlock(_ChoiceQuestion):
    prompt = blocks.CharBlock(max_length=500, label="Question")
    choices = choices_block()
    lesson = lesson_block()

    class Meta:
        icon = "radio-full"
        label = "Single choice"
        description = "One right answer among several choices."


class MultipleResponseQuestionBlock(_ChoiceQuestion):
    exactly_one_correct = False
    prompt = blocks.CharBlock(max_length=500, label="Question")
    choices = choices_block()
    scoring = blocks.ChoiceBlock(
        choices=[
            ("all_or_nothing", "All or nothing: every right choice and no wrong one"),
            ("partial", "Partial credit: each right pick counts, each wrong pick subtracts"),
        ],
        default="all_or_nothing",
    )
    lesson = lesson_block()

    class Meta:
        icon = "list-ul"
        label = "Multiple response"
        description = "Several right answers; learners tick every one that applies."


class TrueFalseQuestionBlock(blocks.StructBlock):
    statement = blocks.CharBlock(max_length=500)
    is_true = blocks.BooleanBlock(required=False, label="The statement is true")
    feedback_true = blocks.TextBlock(label='Feedback for "True"')
    feedback_false = blocks.TextBlock(label='Feedback for "False"')
    lesson = lesson_block()

    class Meta:
        icon = "tick"
        label = "True or false"
        description = "A statement the learner judges true or false."


class ScenarioQuestionBlock(_ChoiceQuestion):
    scenario = blocks.TextBlock(help_text="A short case, in a few sentences.")
    prompt = blocks.CharBlock(max_length=500, label="Question")
    choices = choices_block()
    lesson = lesson_block()

    class Meta:
        icon = "openquote"
        label = "Scenario"
        description = "A short case followed by a single-choice question."


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_response = MultipleResponseQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    scenario = ScenarioQuestionBlock()

    class Meta:
        min_num = 1
