"""The holder's CE entry form. It collects values; the rules (the cycle's dates,
hours, the proof's type and size, likely identifiers) live in renewals.services
so they hold for every caller."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from practice.forms import ObjectChoiceField
from training.forms import SiteForm

from .models import CEEntry

NOTES_HELP = _(
    "Optional: what you learned, for your own record. <strong>Don't include anything "
    "that could identify a person you supported</strong>: no names or initials, phone "
    "numbers, email or street addresses, dates of birth, or case numbers."
)


class CEEntryForm(SiteForm):
    activity = forms.CharField(
        label=_("Course, workshop or activity"),
        max_length=200,
        help_text=_("As it appears on your certificate of attendance."),
    )
    provider = forms.CharField(
        label=_("Provider"),
        max_length=200,
        help_text=_("Who offered it, e.g. a training organisation."),
    )
    date = forms.DateField(
        label=_("Date completed"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("It must fall inside your current certification cycle and not in the future."),
    )
    hours = forms.DecimalField(
        label=_("CE hours"),
        max_digits=8,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "inputmode": "decimal"}),
        help_text=_("In quarter-hour steps, at most 40 in one entry."),
    )
    category = ObjectChoiceField(
        label=_("Category"),
        required=False,
        empty_label=_("General (counts toward the total only)"),
        error_messages={"invalid_choice": _("Choose one of the listed categories.")},
        help_text=_("If the activity counts toward a required category, such as Ethics."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=CEEntry._meta.get_field("notes").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NOTES_HELP,
    )
    proof = forms.FileField(
        label=_("Proof of attendance"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
        help_text=_(
            "Optional: a PDF, PNG or JPEG, up to 5 MB. Only you and the coordinators can open it."
        ),
    )

    def __init__(self, *args, categories, entry=None, ask_confirmation=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].set_objects(categories)
        self.fields["proof"].widget = forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"})
        if entry is not None and entry.proof:
            self.fields["proof"].label = gettext("Replace the proof")
            self.fields["remove_proof"] = forms.BooleanField(
                label=gettext("Remove the proof “%(name)s”") % {"name": entry.proof_name},
                required=False,
            )
        if ask_confirmation:
            self.fields["confirm_no_client_info"] = forms.BooleanField(
                label=gettext("I've checked: what was flagged isn't about a person I supported."),
                required=False,
            )

    @property
    def confirmed(self) -> bool:
        return bool(self.cleaned_data.get("confirm_no_client_info"))
