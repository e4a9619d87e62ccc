"""Forms of the practice log and its review. The forms collect values; the rules
(dates, caps, the program's activity types, likely identifiers) live in
practice/services so they hold for every caller.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from practice.models import HoursEntry
from programs import selectors as program_selectors
from training.forms import SiteForm

# --- Supervised practice hours ------------------------------------------------------
# The forms collect values; the rules (dates, caps, the program's activity types,
# likely identifiers) live in practice/services so they hold for every caller.

HOURS_NOTES_HELP = format_lazy(
    _(
        "A sentence or two about what you did and what you practised, for you and your "
        "supervisor. <strong>Don't include anything that could identify a person you "
        "supported</strong>: no names or initials, phone numbers, email or street addresses, "
        "dates of birth, or case and record numbers. Write “a peer” instead. Up to "
        "{limit} characters."
    ),
    limit=lazy(lambda: number_format(HoursEntry.NOTES_MAX_LENGTH, force_grouping=True), str)(),
)


class ObjectChoiceField(forms.ChoiceField):
    """A choice among model objects already in memory (kept with the published
    content): unlike ModelChoiceField, rendering the choices and checking the
    answer ask the database nothing. `cleaned_data` holds the chosen object."""

    def __init__(self, *, empty_label: str, **kwargs):
        super().__init__(**kwargs)
        self.empty_label = empty_label
        self.set_objects([])

    def set_objects(self, objects) -> None:
        self.objects_by_id = {str(item.pk): item for item in objects}
        self.choices = [("", self.empty_label)] + [(str(item.pk), str(item)) for item in objects]

    def prepare_value(self, value):
        # An initial value may be the object itself (an entry being edited).
        return getattr(value, "pk", value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        chosen = self.objects_by_id.get(str(value))
        if chosen is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return chosen

    def validate(self, value):
        # to_python already refused anything but one of the objects.
        forms.Field.validate(self, value)


class HoursEntryForm(SiteForm):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day you did this. It can't be in the future."),
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "inputmode": "decimal"}),
        help_text=_("In quarter-hour steps: 0.25 is 15 minutes, 1.5 is an hour and a half."),
    )
    domain = ObjectChoiceField(
        label=_("Domain"),
        empty_label=_("Choose a domain"),
        error_messages={"invalid_choice": _("Choose one of this program's domains.")},
    )
    activity_type = ObjectChoiceField(
        label=_("Activity"),
        empty_label=_("Choose an activity"),
        error_messages={"invalid_choice": _("Choose one of this program's activity types.")},
    )
    setting = forms.CharField(
        label=_("Setting"),
        max_length=HoursEntry._meta.get_field("setting").max_length,
        help_text=_(
            "Where it took place, in general terms: for example “recovery community "
            "centre”, “phone”, “online group” or “hospital emergency department”."
        ),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        # The length is checked by the service, which says how long the notes are.
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": HoursEntry.NOTES_MAX_LENGTH}),
        help_text=HOURS_NOTES_HELP,
    )

    def __init__(self, *args, enrollment, entry=None, ask_confirmation=False, **kwargs):
        super().__init__(*args, **kwargs)
        program = enrollment.program
        self.fields["domain"].set_objects(program_selectors.program_domain_list(program))
        self.fields["activity_type"].set_objects(
            program_selectors.activity_types_for(
                program, keep=entry.activity_type if entry else None
            )
        )
        if ask_confirmation:
            self.fields["confirm_no_client_info"] = forms.BooleanField(
                label=gettext("I've checked: what was flagged isn't about a person I supported."),
                required=False,
                help_text=gettext(
                    "Tick this only if it isn't client information (for example, your "
                    "own supervisor's name or a public place). We record that you confirmed it."
                ),
            )

    @property
    def confirmed(self) -> bool:
        return bool(self.cleaned_data.get("confirm_no_client_info"))


class HoursCommentForm(forms.Form):
    """A supervisor's comment when returning entries (admin)."""

    comment = forms.CharField(
        label=_("What should the learner change?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required to return entries. The learner sees it with each entry and by email."
        ),
    )


class HoursReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why reopen this entry?"),
        required=False,  # the service says why an empty reason is refused
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required. The learner sees it and is emailed; it stays in the entry's history."
        ),
    )
