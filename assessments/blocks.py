"""Question blocks. Each question and each choice has a stable id (the
StreamField block id and the ListBlock item id), which attempts record."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

TEMPLATES = "assessments/blocks"


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300, label=_("Text"))
    correct = blocks.BooleanBlock(
        required=False, help_text=_("Tick if this is a right answer."), label=_("Correct")
    )
    feedback = blocks.TextBlock(
        help_text=_("Explain, without judgment, why this is or isn't the best response."),
        label=_("Feedback"),
    )

    class Meta:
        icon = "radio-full"


def choices_block():
    return blocks.ListBlock(ChoiceBlock(), min_num=2, collapsed=False)


def lesson_block():
    return blocks.PageChooserBlock(
        page_type="courses.LessonPage",
        required=False,
        help_text=_(
            "The lesson that teaches this. Learners who miss the question get a link to it."
        ),
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
            raise _choice_errors(gettext("Give at least two choices."))
        correct = sum(1 for choice in choices if choice.get("correct"))
        if self.exactly_one_correct and correct != 1:
            raise _choice_errors(gettext("Mark exactly one choice as correct."))
        if not self.exactly_one_correct and correct < 1:
            raise _choice_errors(gettext("Mark at least one choice as correct."))
        return value


class SingleChoiceQuestionBlock(_ChoiceQuestion):
    prompt = blocks.CharBlock(max_length=500, label=_("Question"))
    choices = choices_block()
    lesson = lesson_block()

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        description = _("One right answer among several choices.")


class MultipleResponseQuestionBlock(_ChoiceQuestion):
    exactly_one_correct = False
    prompt = blocks.CharBlock(max_length=500, label=_("Question"))
    choices = choices_block()
    scoring = blocks.ChoiceBlock(
        choices=[
            ("all_or_nothing", _("All or nothing: every right choice and no wrong one")),
            ("partial", _("Partial credit: each right pick counts, each wrong pick subtracts")),
        ],
        default="all_or_nothing",
        label=_("Scoring"),
    )
    lesson = lesson_block()

    class Meta:
        icon = "list-ul"
        label = _("Multiple response")
        description = _("Several right answers; learners tick every one that applies.")


class TrueFalseQuestionBlock(blocks.StructBlock):
    statement = blocks.CharBlock(max_length=500, label=_("Statement"))
    is_true = blocks.BooleanBlock(required=False, label=_("The statement is true"))
    feedback_true = blocks.TextBlock(label=_('Feedback for "True"'))
    feedback_false = blocks.TextBlock(label=_('Feedback for "False"'))
    lesson = lesson_block()

    class Meta:
        icon = "tick"
        label = _("True or false")
        description = _("A statement the learner judges true or false.")


class ScenarioQuestionBlock(_ChoiceQuestion):
    scenario = blocks.TextBlock(
        help_text=_("A short case, in a few sentences."), label=_("Scenario")
    )
    prompt = blocks.CharBlock(max_length=500, label=_("Question"))
    choices = choices_block()
    lesson = lesson_block()

    class Meta:
        icon = "openquote"
        label = _("Scenario")
        description = _("A short case followed by a single-choice question.")


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_response = MultipleResponseQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    scenario = ScenarioQuestionBlock()

    class Meta:
        min_num = 1
