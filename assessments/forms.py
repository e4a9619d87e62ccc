"""The quiz page's editor form. Loads no models, so models.py may name it as
the page's `base_form_class`."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel

from .rules import answers_can_be_copied

CONFIRM_FIELD = "confirm_answers_shown"

COPYABLE_WARNING = _(
    "With these settings a learner sees every right answer after a failed attempt, "
    "may try again as often as they like, and gets the same questions each time, so "
    "they can pass by copying the answers they were shown. To make the quiz measure "
    "what they learned, draw fewer questions than the pool holds, limit the attempts, "
    "or show the right answers only after passing. To keep these settings, tick the "
    "box below and save again."
)

# Shown when a draft is saved with those settings (assessments/wagtail_hooks.py):
# the draft is kept, the question waits for publishing.
COPYABLE_DRAFT_WARNING = _(
    "Before this quiz can be published or sent for review, you will be asked to confirm "
    "its settings: a learner sees every right answer after a failed attempt, may try again "
    "as often as they like, and gets the same questions each time, so they could pass by "
    "copying. To avoid that, draw fewer questions than the pool holds, limit the attempts, "
    "or show the right answers only after passing."
)


class QuizPageForm(WagtailAdminPageForm):
    confirm_answers_shown = forms.BooleanField(
        required=False,
        label=_("Keep these settings: learners may copy the answers shown after a fail"),
    )

    def clean(self):
        cleaned = super().clean()
        # Work in progress (a draft, the preview panel) is not held up: the question
        # is asked when the quiz can reach learners (publishing, sending for review).
        if self.is_deferred_validation or cleaned.get(CONFIRM_FIELD):
            return cleaned
        questions = cleaned.get("questions")
        copyable = answers_can_be_copied(
            review_policy=cleaned.get("review_policy") or "",
            max_attempts=cleaned.get("max_attempts") or 0,
            questions_per_attempt=cleaned.get("questions_per_attempt") or 0,
            pool=len(questions) if questions is not None else 0,
        )
        if copyable:
            self.add_error(CONFIRM_FIELD, COPYABLE_WARNING)
        return cleaned


class ConfirmPanel(FieldPanel):
    """The confirm box, shown only when the form asks for it (or it is ticked)."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            field = self.form[self.field_name]
            return bool(field.errors) or bool(field.value())


def confirm_panel() -> ConfirmPanel:
    return ConfirmPanel(
        CONFIRM_FIELD,
        help_text=_("Tick only if this quiz is for practice and copying does not matter."),
    )
