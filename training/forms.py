from django import forms
from django.core.exceptions import ValidationError

from . import selectors
from .ids import plain_id
from .models import (
    Cohort,
    Enrollment,
    HoursEntry,
    Invitation,
    JoinRequest,
    Program,
)


class SiteForm(forms.Form):
    """Base for the public site's forms: renders with templates/forms/."""

    template_name = "forms/form.html"


class SiteModelForm(forms.ModelForm):
    template_name = "forms/form.html"


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls `signup`)."""

    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        # The adapter has already stored the names; nothing else to save yet.
        pass


# --- Programs and enrollment ------------------------------------------------------
# Public forms subclass SiteForm; the admin forms below render in Wagtail's own
# form template (wagtailadmin/generic/form.html via training/admin/form.html).

JOIN_MESSAGE_MAX_LENGTH = JoinRequest._meta.get_field("message").max_length
NOTE_MAX_LENGTH = JoinRequest._meta.get_field("decision_note").max_length


class JoinRequestForm(SiteForm):
    message = forms.CharField(
        label="A message for the coordinator",
        required=False,
        max_length=JOIN_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            "Optional. Say a little about why you'd like to join or what you hope to do. "
            "There's no need to share details of your own recovery or health. "
            f"Up to {JOIN_MESSAGE_MAX_LENGTH} characters."
        ),
    )


class PersonChoiceField(forms.ModelChoiceField):
    """Shows people as "Name (email)" so two people with one name can be told apart."""

    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.email})" if name else obj.email


class PersonMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.email})" if name else obj.email

    def _check_values(self, value):
        # An id past 64 bits reaches the database in the pk__in query and fails
        # there (OverflowError on SQLite, an aborted transaction on PostgreSQL).
        for pk in value:
            if plain_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


def supervisor_field(**kwargs) -> PersonChoiceField:
    return PersonChoiceField(
        queryset=selectors.supervisors(),
        required=False,
        empty_label="No supervisor yet",
        help_text="People with the Supervisor role.",
        **kwargs,
    )


class ProgramCohortMixin:
    """Program, cohort and supervisor fields that check the cohort fits the program."""

    def clean(self):
        cleaned = super().clean()
        program = cleaned.get("program")
        cohort = cleaned.get("cohort")
        if program and cohort and cohort.program_id != program.pk:
            self.add_error("cohort", f"This cohort belongs to {cohort.program}, not {program}.")
        return cleaned


def program_field(**kwargs):
    return forms.ModelChoiceField(queryset=Program.objects.order_by("title"), **kwargs)


def cohort_field(**kwargs):
    return forms.ModelChoiceField(
        queryset=Cohort.objects.select_related("program").order_by("program__title", "-start_date"),
        required=False,
        empty_label="No cohort",
        help_text="Optional. The cohort must belong to the program.",
        **kwargs,
    )


class EnrollmentCreateForm(ProgramCohortMixin, forms.Form):
    email = forms.EmailField(
        label="Learner's email address",
        help_text="The address they sign in with. To add several people, use “Add several”.",
    )
    program = program_field()
    cohort = cohort_field()
    supervisor = supervisor_field()


class EnrollmentBulkForm(ProgramCohortMixin, forms.Form):
    emails = forms.CharField(
        label="Email addresses",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "Paste addresses one a line, or separated by commas. People who already have "
            "an account are enrolled; you can invite the others on the next screen."
        ),
    )
    program = program_field()
    cohort = cohort_field()
    supervisor = supervisor_field()


class EnrollmentCohortForm(forms.ModelForm):
    """Edit an enrollment's cohort; the choices are the program's own cohorts."""

    class Meta:
        model = Enrollment
        fields = ["cohort"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = selectors.cohorts_of(self.instance.program)
        self.fields["cohort"].empty_label = "No cohort"


class SupervisorChangeForm(forms.Form):
    supervisor = supervisor_field(label="New supervisor")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].empty_label = "No supervisor (end the current assignment)"


class InvitationForm(ProgramCohortMixin, forms.Form):
    emails = forms.CharField(
        label="Email addresses",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One or several, one a line or separated by commas.",
    )
    role = forms.ChoiceField(
        label="Invite as",
        choices=Invitation.Role.choices,
        initial=Invitation.Role.LEARNER,
        widget=forms.RadioSelect,
        help_text="A supervisor invitation grants the Supervisor role and ignores the program.",
    )
    program = program_field(required=False, help_text="Required for learners.")
    cohort = cohort_field()
    supervisor = supervisor_field()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Invitation.Role.LEARNER and not cleaned.get("program"):
            self.add_error("program", "Choose the program to invite learners to.")
        return cleaned


class JoinRequestApproveForm(forms.Form):
    cohort = forms.ModelChoiceField(
        queryset=Cohort.objects.none(), required=False, empty_label="No cohort"
    )
    supervisor = supervisor_field()

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = selectors.cohorts_of(program)


class JoinRequestDeclineForm(forms.Form):
    note = forms.CharField(
        label="A note for the person",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Optional. It is sent to them by email. Be kind and, if you can, say what they "
            "could do next."
        ),
    )


# --- Supervised practice hours ------------------------------------------------------
# The forms collect values; the rules (dates, caps, the program's activity types,
# likely identifiers) live in training/services.py so they hold for every caller.

HOURS_NOTES_HELP = (
    "A sentence or two about what you did and what you practised, for you and your "
    "supervisor. <strong>Don't include anything that could identify a person you "
    "supported</strong>: no names or initials, phone numbers, email or street addresses, "
    "dates of birth, or case and record numbers. Write “a peer” instead. Up to "
    f"{HoursEntry.NOTES_MAX_LENGTH:,} characters."
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
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The day you did this. It can't be in the future.",
    )
    hours = forms.DecimalField(
        label="Hours",
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "inputmode": "decimal"}),
        help_text="In quarter-hour steps: 0.25 is 15 minutes, 1.5 is an hour and a half.",
    )
    domain = ObjectChoiceField(
        label="Domain",
        empty_label="Choose a domain",
        error_messages={"invalid_choice": "Choose one of this program's domains."},
    )
    activity_type = ObjectChoiceField(
        label="Activity",
        empty_label="Choose an activity",
        error_messages={"invalid_choice": "Choose one of this program's activity types."},
    )
    setting = forms.CharField(
        label="Setting",
        max_length=HoursEntry._meta.get_field("setting").max_length,
        help_text=(
            "Where it took place, in general terms: for example “recovery community "
            "centre”, “phone”, “online group” or “hospital emergency department”."
        ),
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        # The length is checked by the service, which says how long the notes are.
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": HoursEntry.NOTES_MAX_LENGTH}),
        help_text=HOURS_NOTES_HELP,
    )

    def __init__(self, *args, enrollment, entry=None, ask_confirmation=False, **kwargs):
        super().__init__(*args, **kwargs)
        program = enrollment.program
        self.fields["domain"].set_objects(selectors.program_domain_list(program))
        self.fields["activity_type"].set_objects(
            selectors.activity_types_for(program, keep=entry.activity_type if entry else None)
        )
        if ask_confirmation:
            self.fields["confirm_no_client_info"] = forms.BooleanField(
                label="I've checked: what was flagged isn't about a person I supported.",
                required=False,
                help_text="Tick this only if it isn't client information (for example, your "
                "own supervisor's name or a public place). We record that you confirmed it.",
            )

    @property
    def confirmed(self) -> bool:
        return bool(self.cleaned_data.get("confirm_no_client_info"))


class HoursCommentForm(forms.Form):
    """A supervisor's comment when returning entries (admin)."""

    comment = forms.CharField(
        label="What should the learner change?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required to return entries. The learner sees it with each entry and by email.",
    )


class HoursReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why reopen this entry?",
        required=False,  # the service says why an empty reason is refused
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required. The learner sees it and is emailed; it stays in the entry's history.",
    )
