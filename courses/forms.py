from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from training.forms import SiteForm

from .limits import REFLECTION_MAX_LENGTH


class ReflectionForm(SiteForm):
    """A learner's private answer to one reflection prompt.

    One form per prompt on the page, told apart by a prefix made from the
    prompt's block id. The length limit is checked in `courses.services`
    (after line breaks are normalised); the form repeats it so the answer comes
    back with the message rather than being lost."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": REFLECTION_MAX_LENGTH}),
        strip=True,
        # Blank answers are refused by the service, with its message.
        required=False,
    )

    def __init__(self, *args, question: str = "", guidance: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.set_prompt(question=question, guidance=guidance)

    def set_prompt(self, *, question: str, guidance: str = "") -> None:
        field = self.fields["text"]
        field.label = question or gettext("Your answer")
        privacy = gettext("Only you can read your answer. Up to %(limit)s characters.") % {
            "limit": number_format(REFLECTION_MAX_LENGTH, force_grouping=True)
        }
        field.help_text = f"{guidance} {privacy}" if guidance else privacy
        # A bound form may have built its BoundField (with the old label) already.
        self._bound_fields_cache.pop("text", None)

    @staticmethod
    def prefix_for(prompt_id: str) -> str:
        return f"reflection-{prompt_id}"


class RedoForm(forms.Form):
    """Why learners need to redo a course, and the Lead trainer's confirmation:
    the "Ask learners to redo this course" screen (courses/admin_views.py) and
    the approval that asks for a redo (courses/review.py). Wagtail admin forms:
    they render with the admin's own field templates."""

    reason = forms.CharField(
        label=_("Why learners need to take the course again"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_(
            "Every learner affected gets this in an email. Say what changed and why it "
            "matters for their work."
        ),
        error_messages={"required": _("Say why: learners read this in their email.")},
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand these learners' completions will be set aside until they finish "
            "the course again"
        ),
        error_messages={"required": _("Tick the box to confirm the request.")},
    )
