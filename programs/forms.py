"""Forms of programs and enrollment: joining, enrolling, inviting, deciding
join requests. They collect values; the rules live in programs/services.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from programs import selectors
from programs.models import (
    Cohort,
    Enrollment,
    Invitation,
    JoinRequest,
    Program,
)
from training.forms import SiteForm
from training.ids import plain_id

# --- Programs and enrollment ------------------------------------------------------
# Public forms subclass SiteForm; the admin forms below render in Wagtail's own
# form template (wagtailadmin/generic/form.html via training/admin/form.html).

JOIN_MESSAGE_MAX_LENGTH = JoinRequest._meta.get_field("message").max_length
NOTE_MAX_LENGTH = JoinRequest._meta.get_field("decision_note").max_length


class JoinRequestForm(SiteForm):
    message = forms.CharField(
        label=_("A message for the coordinator"),
        required=False,
        max_length=JOIN_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=format_lazy(
            _(
                "Optional. Say a little about why you'd like to join or what you hope to do. "
                "There's no need to share details of your own recovery or health. "
                "Up to {limit} characters."
            ),
            limit=JOIN_MESSAGE_MAX_LENGTH,
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
    kwargs.setdefault("label", _("Supervisor"))
    return PersonChoiceField(
        queryset=selectors.supervisors(),
        required=False,
        empty_label=_("No supervisor yet"),
        help_text=_("People with the Supervisor role."),
        **kwargs,
    )


class ProgramCohortMixin:
    """Program, cohort and supervisor fields that check the cohort fits the program."""

    def clean(self):
        cleaned = super().clean()
        program = cleaned.get("program")
        cohort = cleaned.get("cohort")
        if program and cohort and cohort.program_id != program.pk:
            self.add_error(
                "cohort",
                gettext("This cohort belongs to %(cohort_program)s, not %(program)s.")
                % {"cohort_program": cohort.program, "program": program},
            )
        return cleaned


def program_field(**kwargs):
    kwargs.setdefault("label", _("Program"))
    return forms.ModelChoiceField(queryset=Program.objects.order_by("title"), **kwargs)


def cohort_field(**kwargs):
    return forms.ModelChoiceField(
        queryset=Cohort.objects.select_related("program").order_by("program__title", "-start_date"),
        required=False,
        label=_("Cohort"),
        empty_label=_("No cohort"),
        help_text=_("Optional. The cohort must belong to the program."),
        **kwargs,
    )


class EnrollmentCreateForm(ProgramCohortMixin, forms.Form):
    email = forms.EmailField(
        label=_("Learner's email address"),
        help_text=_("The address they sign in with. To add several people, use “Add several”."),
    )
    program = program_field()
    cohort = cohort_field()
    supervisor = supervisor_field()


class EnrollmentBulkForm(ProgramCohortMixin, forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
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
        self.fields["cohort"].label = gettext("Cohort")
        self.fields["cohort"].empty_label = gettext("No cohort")


class SupervisorChangeForm(forms.Form):
    supervisor = supervisor_field(label=_("New supervisor"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].empty_label = gettext(
            "No supervisor (end the current assignment)"
        )


class InvitationForm(ProgramCohortMixin, forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One or several, one a line or separated by commas."),
    )
    role = forms.ChoiceField(
        label=_("Invite as"),
        choices=Invitation.Role.choices,
        initial=Invitation.Role.LEARNER,
        widget=forms.RadioSelect,
        help_text=_("A supervisor invitation grants the Supervisor role and ignores the program."),
    )
    program = program_field(required=False, help_text=_("Required for learners."))
    cohort = cohort_field()
    supervisor = supervisor_field()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Invitation.Role.LEARNER and not cleaned.get("program"):
            self.add_error("program", gettext("Choose the program to invite learners to."))
        return cleaned


class JoinRequestApproveForm(forms.Form):
    cohort = forms.ModelChoiceField(
        queryset=Cohort.objects.none(),
        required=False,
        label=_("Cohort"),
        empty_label=_("No cohort"),
    )
    supervisor = supervisor_field()

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = selectors.cohorts_of(program)


class JoinRequestDeclineForm(forms.Form):
    note = forms.CharField(
        label=_("A note for the person"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Optional. It is sent to them by email. Be kind and, if you can, say what they "
            "could do next."
        ),
    )
