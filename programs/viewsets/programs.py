"""The coordinators' admin for programs and cohorts (Wagtail ModelViewSets).
Every view checks Wagtail's permission policy for its model.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from programs import selectors
from programs.forms import (
    PersonMultipleChoiceField,
)
from programs.models import (
    Cohort,
    Domain,
    Program,
)
from programs.requirements_preview import requirements_change_preview
from training.columns import WhenColumn, YesNoColumn
from training.inline_forms import CheckedInlinesMixin
from training.languages import in_language
from training.viewsets import IndexView

# --- Programs -----------------------------------------------------------------------


class ProgramForm(CheckedInlinesMixin, WagtailAdminModelForm):
    """Refuses, in plain words, what the database would refuse with an error page:
    deleting an activity type that entries use (and two activity types whose names
    differ only in case). Two rows for one domain are caught by the formset.
    Hand-edited inline rows (ids, counts, ORDER) are checked by CheckedInlinesMixin."""

    def clean(self):
        cleaned = super().clean()
        activity_types = self.formsets.get("activity_types")
        if activity_types is not None and activity_types.is_valid():  # cleans each row
            names = set()
            deleted = activity_types.deleted_forms
            for form in activity_types.forms:
                if not hasattr(form, "cleaned_data"):
                    continue
                if form in deleted:
                    if form.instance.pk and form.instance.entries.exists():
                        raise ValidationError(
                            _(
                                "The activity type “%(name)s” has logged hours, so it can't be "
                                "deleted. Untick “accepting new entries” instead."
                            )
                            % {"name": form.instance.name}
                        )
                    continue
                name = (form.cleaned_data.get("name") or "").strip().lower()
                if name and name in names:
                    form.add_error("name", _("Two activity types have this name."))
                names.add(name)
        return cleaned


# What a learner must do to be eligible: the program's own fields and inline
# rows below. Title, wording and join requests change nobody's eligibility.
REQUIREMENT_FIELDS = (
    "practice_hours_required",
    "supervision_hours_required",
    "max_hours_per_entry",
    "max_hours_per_day",
    "max_hours_per_week",
)
REQUIREMENT_INLINES = ("required_courses", "domain_requirements", "activity_types")
CONFIRM_REQUIREMENTS = "confirm_requirements"


def requirements_changed(form) -> bool:
    """Does the (valid) form change what learners must do? A new order of the
    required courses alone does not."""
    if any(name in form.changed_data for name in REQUIREMENT_FIELDS):
        return True
    for name in REQUIREMENT_INLINES:
        formset = form.formsets.get(name)
        if formset is None:
            continue
        if formset.deleted_forms:
            return True
        for row in formset.forms:
            if set(row.changed_data) - {"ORDER"}:
                return True
    return False


class ProgramEditView(EditView):
    """Saving new requirements first shows the coordinator who they would
    make eligible for the certificate or stop being eligible; a second click
    (the preview's button, which sends CONFIRM_REQUIREMENTS) saves. Without
    JavaScript too: the preview is the form returned with the counts."""

    requirements_preview = None

    def form_valid(self, form):
        if self.request.POST.get(CONFIRM_REQUIREMENTS) != "yes" and requirements_changed(form):
            preview = requirements_change_preview(program=self.object, apply_change=form.save)
            if preview is not None and preview.enrolled:
                self.requirements_preview = preview
                self.form = form
                return self.render_to_response(self.get_context_data(form=form))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["requirements_preview"] = self.requirements_preview
        context["confirm_requirements_name"] = CONFIRM_REQUIREMENTS
        return context


class ProgramIndexView(IndexView):
    def get_base_queryset(self):
        return selectors.programs_with_counts()


class ProgramViewSet(ModelViewSet):
    model = Program
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Programs")
    menu_order = 100
    add_to_admin_menu = False
    index_view_class = ProgramIndexView
    edit_view_class = ProgramEditView
    edit_template_name = "programs/admin/program_edit.html"
    copy_view_enabled = False
    inspect_view_enabled = True
    search_fields = ["title", "credential_title"]
    list_filter = ["accepts_join_requests"]
    list_display = [
        "title",
        Column(
            "credential_title",
            label=gettext_lazy("Credential title"),
            accessor=lambda program: in_language(program, "credential_title"),
            sort_key="credential_title",
        ),
        YesNoColumn(
            "accepts_join_requests",
            label=gettext_lazy("Takes requests"),
            sort_key="accepts_join_requests",
        ),
        Column(
            "active_learner_count",
            label=gettext_lazy("Active learners"),
            sort_key="active_learner_count",
        ),
        Column("pending_request_count", label=gettext_lazy("Requests waiting")),
    ]
    inspect_view_fields = [
        "title",
        "title_es",
        "credential_title",
        "credential_title_es",
        "description",
        "description_es",
        "accepts_join_requests",
        "practice_hours_required",
        "supervision_hours_required",
        "max_hours_per_entry",
        "max_hours_per_day",
        "max_hours_per_week",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("title", heading=gettext_lazy("Title")),
            FieldPanel("title_es"),
            FieldPanel("slug", heading=gettext_lazy("Slug")),
            FieldPanel("credential_title", heading=gettext_lazy("Credential title")),
            FieldPanel("credential_title_es"),
            FieldPanel("description", heading=gettext_lazy("Description")),
            FieldPanel("description_es"),
            FieldPanel("accepts_join_requests", heading=gettext_lazy("Accepts join requests")),
            InlinePanel(
                "required_courses",
                heading=gettext_lazy("Required courses"),
                label=gettext_lazy("Required course"),
                help_text=gettext_lazy(
                    "Learners see them in this order. Drag or use the arrows to reorder."
                ),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("practice_hours_required"),
                    FieldPanel("supervision_hours_required"),
                ],
                heading=gettext_lazy("Supervised practice required"),
            ),
            InlinePanel(
                "domain_requirements",
                heading=gettext_lazy("Hours by domain"),
                label=gettext_lazy("Domain"),
                help_text=gettext_lazy(
                    "Training hours (met by passed courses) and creditable practice hours the "
                    "program asks for in each domain. Learners log hours in these domains."
                ),
            ),
            InlinePanel(
                "activity_types",
                heading=gettext_lazy("Activity types learners can log"),
                label=gettext_lazy("Activity type"),
                help_text=gettext_lazy(
                    "Each counts as practice or as supervision received. To stop offering one "
                    "that has entries, untick “accepting new entries” rather than deleting it."
                ),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("max_hours_per_entry"),
                    FieldPanel("max_hours_per_day"),
                    FieldPanel("max_hours_per_week"),
                ],
                heading=gettext_lazy("Limits on logged hours"),
            ),
        ],
        base_form_class=ProgramForm,
    )


# --- Domains -------------------------------------------------------------------------
# The four IC&RC domains come with a migration; a program may add more. Here
# coordinators write their Spanish (or add one); a domain in use is protected
# from deletion by the rows that point at it.


class DomainViewSet(ModelViewSet):
    model = Domain
    icon = "tag"
    menu_label = gettext_lazy("Domains")
    menu_order = 150
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["name", "name_es"]
    list_display = [
        "name",
        Column("name_es", label=gettext_lazy("Name (Spanish)"), sort_key="name_es"),
        Column("sort_order", label=gettext_lazy("Order"), sort_key="sort_order"),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name", heading=gettext_lazy("Name")),
            FieldPanel("name_es"),
            FieldPanel("slug", heading=gettext_lazy("Slug")),
            FieldPanel("description", heading=gettext_lazy("Description")),
            FieldPanel("description_es"),
            FieldPanel("sort_order", heading=gettext_lazy("Sort order")),
        ]
    )


# --- Cohorts -------------------------------------------------------------------------


class CohortForm(WagtailAdminModelForm):
    """Names clashes and date order in plain words; coordinators chosen from the role."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "coordinators" in self.fields:
            self.fields["coordinators"] = PersonMultipleChoiceField(
                queryset=selectors.coordinators(),
                required=False,
                widget=self.fields["coordinators"].widget,
                help_text=_("People with the Coordinator role who look after this cohort."),
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        program, name = cleaned.get("program"), cleaned.get("name")
        if (
            program
            and name
            and Cohort.objects.filter(program=program, name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "name", _("%(program)s already has a cohort with this name.") % {"program": program}
            )
        # Its enrollments and invitations are to the old program: moving the
        # cohort would put them in a cohort of another program.
        if (
            program
            and self.instance.pk
            and program.pk != self.instance.program_id
            and (self.instance.enrollments.exists() or self.instance.invitations.exists())
        ):
            self.add_error(
                "program",
                _("This cohort has enrollments or invitations, so it stays with its program."),
            )
        return cleaned


class CohortIndexView(IndexView):
    def get_base_queryset(self):
        return Cohort.objects.select_related("program")


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = gettext_lazy("Cohorts")
    menu_order = 200
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_filter = ["program"]
    search_fields = ["name"]
    list_display = [
        "name",
        Column("program", label=gettext_lazy("Program"), sort_key="program"),
        WhenColumn("start_date", label=gettext_lazy("Starts"), sort_key="start_date"),
        WhenColumn("end_date", label=gettext_lazy("Ends"), sort_key="end_date"),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("program", heading=gettext_lazy("Program")),
            FieldPanel("name", heading=gettext_lazy("Name")),
            MultiFieldPanel(
                [
                    FieldPanel("start_date", heading=gettext_lazy("Start date")),
                    FieldPanel("end_date", heading=gettext_lazy("End date")),
                ],
                heading=gettext_lazy("Dates"),
            ),
            FieldPanel("coordinators", heading=gettext_lazy("Coordinators")),
        ],
        base_form_class=CohortForm,
    )
