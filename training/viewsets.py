"""The coordinators' back office for programs and enrollment (Wagtail admin).

Every view checks Wagtail's permission policy for its model (Django model
permissions, granted to the roles in training/migrations/0007), so the menu,
the buttons and the URLs agree on who may do what. Writes go through
training/services.py; these views only validate input and report the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.defaults import permission_denied
from django.views.generic import FormView, TemplateView, View
from django_filters import ChoiceFilter, DateFilter, ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, UserColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permissions import policy_registry

from . import selectors, services
from .forms import (
    EnrollmentBulkForm,
    EnrollmentCohortForm,
    EnrollmentCreateForm,
    HoursCommentForm,
    HoursReopenForm,
    InvitationForm,
    JoinRequestApproveForm,
    JoinRequestDeclineForm,
    PersonMultipleChoiceField,
    SupervisorChangeForm,
)
from .hours import format_hours
from .inline_forms import CheckedInlinesMixin
from .models import Cohort, Domain, Enrollment, HoursEntry, Invitation, JoinRequest, Program

# --- Shared building blocks -----------------------------------------------------------


def person_label(user) -> str:
    if user is None:
        return ""
    name = user.get_full_name()
    return f"{name} ({user.email})" if name else user.email


class TrainingAdminView(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """Base of our custom admin pages: a model for the permission policy, the
    viewset's index in the breadcrumbs."""

    model = None
    index_url_name = None
    edit_url_name = None
    header_icon = ""
    page_title = ""

    def get_breadcrumbs_items(self):
        items = []
        if self.index_url_name:
            items.append(
                {
                    "url": reverse(self.index_url_name),
                    "label": self.model._meta.verbose_name_plural.capitalize(),
                }
            )
        items.append({"url": "", "label": self.get_page_title()})
        return self.breadcrumbs_items + items


class TrainingAdminFormView(TrainingAdminView, FormView):
    """A form in the admin's look (wagtailadmin/generic/form.html)."""

    template_name = "training/admin/form.html"
    submit_button_label = "Save"
    intro = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
            media=form.media,
            intro=self.intro,
        )
        return context

    def form_invalid_with(self, form, error: ValidationError):
        form.add_error(None, error)
        return self.form_invalid(form)


class ObjectMixin:
    """Loads the object named by the URL (a 404 for one that doesn't exist)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])

    def get_queryset(self):
        return self.model._default_manager.all()

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        if self.edit_url_name:
            items.insert(
                -1,
                {
                    "url": reverse(self.edit_url_name, args=[quote(self.object.pk)]),
                    "label": str(self.object),
                },
            )
        return items


class RegisterAllPermissionsMixin:
    """Offer every permission of the model (view included) in Wagtail's group editor,
    so editing a role there never drops a permission the roles migration granted."""

    def get_permissions_to_register(self):
        return Permission.objects.filter(content_type=ContentType.objects.get_for_model(self.model))


class RecordViewSet(ModelViewSet):
    """A viewset for records (enrollments, hours, attempts, certificates), not
    content. Wagtail indexes the references of every model a viewset registers,
    for its "Usage" counts; nobody reads that for a record, and keeping it
    cost eight queries on every save (logging an hour, approving one)."""

    add_to_reference_index = False


class NotAvailableView(TemplateView):
    """Stands in for a generic view a model doesn't offer (no link leads here)."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


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
                            f"The activity type “{form.instance.name}” has logged hours, so it "
                            "can't be deleted. Untick “accepting new entries” instead."
                        )
                    continue
                name = (form.cleaned_data.get("name") or "").strip().lower()
                if name and name in names:
                    form.add_error("name", "Two activity types have this name.")
                names.add(name)
        return cleaned


# Longer than anyone types; SQLite refuses LIKE patterns over 50,000 bytes.
SEARCH_MAX_LENGTH = 200


class IndexView(generic.IndexView):
    """Wagtail's listing, with a search term of sensible length: a longer one
    is ignored (the listing shows unfiltered) instead of failing the page."""

    def get_search_form(self):
        form = super().get_search_form()
        if form is not None:
            field = form.fields[self.search_kwarg]
            field.validators.append(MaxLengthValidator(SEARCH_MAX_LENGTH))
        return form


class ProgramIndexView(IndexView):
    def get_base_queryset(self):
        return selectors.programs_with_counts()


class ProgramViewSet(ModelViewSet):
    model = Program
    icon = "folder-open-inverse"
    menu_label = "Programs"
    menu_order = 100
    add_to_admin_menu = False
    index_view_class = ProgramIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    search_fields = ["title", "credential_title"]
    list_filter = ["accepts_join_requests"]
    list_display = [
        "title",
        "credential_title",
        BooleanColumn("accepts_join_requests", label="Takes requests"),
        Column("active_learner_count", label="Active learners", sort_key="active_learner_count"),
        Column("pending_request_count", label="Requests waiting"),
    ]
    inspect_view_fields = [
        "title",
        "credential_title",
        "description",
        "accepts_join_requests",
        "practice_hours_required",
        "supervision_hours_required",
        "max_hours_per_entry",
        "max_hours_per_day",
        "max_hours_per_week",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldPanel("credential_title"),
            FieldPanel("description"),
            FieldPanel("accepts_join_requests"),
            InlinePanel(
                "required_courses",
                heading="Required courses",
                label="Required course",
                help_text="Learners see them in this order. Drag or use the arrows to reorder.",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("practice_hours_required"),
                    FieldPanel("supervision_hours_required"),
                ],
                heading="Supervised practice required",
            ),
            InlinePanel(
                "domain_requirements",
                heading="Hours by domain",
                label="Domain",
                help_text=(
                    "Training hours (met by passed courses) and creditable practice hours the "
                    "program asks for in each domain. Learners log hours in these domains."
                ),
            ),
            InlinePanel(
                "activity_types",
                heading="Activity types learners can log",
                label="Activity type",
                help_text=(
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
                heading="Limits on logged hours",
            ),
        ],
        base_form_class=ProgramForm,
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
                help_text="People with the Coordinator role who look after this cohort.",
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be on or after the start date.")
        program, name = cleaned.get("program"), cleaned.get("name")
        if (
            program
            and name
            and Cohort.objects.filter(program=program, name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("name", f"{program} already has a cohort with this name.")
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
                "This cohort has enrollments or invitations, so it stays with its program.",
            )
        return cleaned


class CohortIndexView(IndexView):
    def get_base_queryset(self):
        return Cohort.objects.select_related("program")


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = "Cohorts"
    menu_order = 200
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_filter = ["program"]
    search_fields = ["name"]
    list_display = [
        "name",
        "program",
        DateColumn("start_date", label="Starts", sort_key="start_date"),
        DateColumn("end_date", label="Ends", sort_key="end_date"),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("program"),
            FieldPanel("name"),
            MultiFieldPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading="Dates"),
            FieldPanel("coordinators"),
        ],
        base_form_class=CohortForm,
    )


# --- Enrollments ----------------------------------------------------------------------


class EnrollmentFilterSet(WagtailFilterSet):
    status = ChoiceFilter(choices=Enrollment.Status.choices)
    supervisor = ModelChoiceFilter(queryset=lambda request: selectors.supervisors())

    class Meta:
        model = Enrollment
        fields = ["status", "program", "cohort", "supervisor"]


class EnrollmentIndexView(IndexView):
    bulk_url_name = None
    supervisor_url_name = None
    withdraw_url_name = None
    invite_url_name = None

    def get_base_queryset(self):
        return Enrollment.objects.select_related("learner", "program", "cohort", "supervisor")

    @cached_property
    def add_item_label(self):
        return "Enroll a learner"

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_permission("add"):
            buttons.append(
                HeaderButton("Add several", url=reverse(self.bulk_url_name), icon_name="list-ul")
            )
        invitations = policy_registry.get_by_type(Invitation)
        if invitations.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton("Invite people", url=reverse(self.invite_url_name), icon_name="mail")
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active and self.user_has_permission("change"):
            buttons += [
                MenuItem(
                    "Change supervisor",
                    reverse(self.supervisor_url_name, args=[quote(instance.pk)]),
                    icon_name="user",
                    priority=15,
                ),
                MenuItem(
                    "Withdraw",
                    reverse(self.withdraw_url_name, args=[quote(instance.pk)]),
                    icon_name="cross",
                    priority=40,
                ),
            ]
        return buttons


class EnrollmentCreateView(TrainingAdminFormView):
    """Enroll one person who has an account, found by email address."""

    permission_required = "add"
    form_class = EnrollmentCreateForm
    page_title = "Enroll a learner"
    submit_button_label = "Enroll"
    invite_url_name = None
    intro = (
        "Enroll someone who already has a Peerpath account. To add several people at "
        "once, use “Add several”; to invite someone without an account, send an invitation."
    )

    def get_initial(self):
        initial = super().get_initial()
        for name in ("program", "cohort"):
            if self.request.GET.get(name, "").isdigit():
                initial[name] = self.request.GET[name]
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        learner = selectors.users_by_email([data["email"]]).get(data["email"].lower())
        if learner is None:
            self.invite_url = (
                reverse(self.invite_url_name)
                + "?"
                + _query(emails=data["email"], program=data["program"], cohort=data["cohort"])
            )
            form.add_error(
                "email",
                "No one has an account with this address yet. You can invite them instead.",
            )
            return self.form_invalid(form)
        try:
            enrollment = services.enrollment_create(
                learner=learner,
                program=data["program"],
                cohort=data["cohort"],
                supervisor=data["supervisor"],
                enrolled_by=self.request.user,
            )
        except ValidationError as error:
            return self.form_invalid_with(form, error)
        messages.success(
            self.request, f"{person_label(learner)} is enrolled in {enrollment.program}."
        )
        return redirect(self.index_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invite_url"] = getattr(self, "invite_url", None)
        return context


def _query(**params) -> str:
    from urllib.parse import urlencode

    return urlencode({key: getattr(value, "pk", value) for key, value in params.items() if value})


class EnrollmentBulkView(TrainingAdminFormView):
    """Paste many addresses: enroll those with accounts, offer to invite the rest."""

    permission_required = "add"
    form_class = EnrollmentBulkForm
    page_title = "Add several learners"
    submit_button_label = "Enroll them"
    result_template_name = "training/admin/enrollment_bulk_result.html"
    invite_url_name = None

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = services.enrollment_bulk_create_from_emails(
                text=data["emails"],
                program=data["program"],
                cohort=data["cohort"],
                supervisor=data["supervisor"],
                enrolled_by=self.request.user,
            )
        except ValidationError as error:
            return self.form_invalid_with(form, error)
        context = self.get_context_data(form=form)
        context.update(
            result=result,
            program=data["program"],
            cohort=data["cohort"],
            supervisor=data["supervisor"],
            invite_url=reverse(self.invite_url_name),
            no_account_text="\n".join(result.no_account),
            page_title="Learners added",
            header_title="Learners added",
        )
        return TemplateResponse(self.request, self.result_template_name, context)


class EnrollmentEditView(generic.EditView):
    """An enrollment's page: who, where, supervisor history; the cohort can change here."""

    template_name = "training/admin/enrollment_edit.html"
    supervisor_url_name = None
    withdraw_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            Enrollment.objects.select_related("learner", "program", "cohort", "supervisor"),
            pk=self.object_pk,
        )

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.is_active:
            buttons += [
                Button(
                    "Change supervisor",
                    url=reverse(self.supervisor_url_name, args=[quote(self.object.pk)]),
                    icon_name="user",
                    priority=5,
                ),
                Button(
                    "Withdraw",
                    url=reverse(self.withdraw_url_name, args=[quote(self.object.pk)]),
                    icon_name="cross",
                    priority=40,
                ),
            ]
        return buttons

    def get_success_message(self):
        return f"The cohort of {self.object} is saved."

    def form_valid(self, form):
        self.form = form
        try:
            self.object = services.enrollment_change_cohort(
                enrollment=self.object,
                cohort=form.cleaned_data["cohort"],
                changed_by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return self.save_action()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            enrollment=self.object,
            history=selectors.supervisor_history(self.object),
            supervisor_url=reverse(self.supervisor_url_name, args=[quote(self.object.pk)]),
            withdraw_url=reverse(self.withdraw_url_name, args=[quote(self.object.pk)]),
        )
        return context


class EnrollmentSupervisorView(ObjectMixin, TrainingAdminFormView):
    permission_required = "change"
    form_class = SupervisorChangeForm
    page_title = "Change supervisor"
    submit_button_label = "Save the change"
    template_name = "training/admin/enrollment_supervisor.html"

    def get_queryset(self):
        return Enrollment.objects.select_related("learner", "program", "supervisor")

    def get_initial(self):
        return {"supervisor": self.object.supervisor_id}

    def form_valid(self, form):
        supervisor = form.cleaned_data["supervisor"]
        try:
            services.enrollment_change_supervisor(
                enrollment=self.object, supervisor=supervisor, changed_by=self.request.user
            )
        except ValidationError as error:
            return self.form_invalid_with(form, error)
        if supervisor:
            messages.success(
                self.request, f"{person_label(supervisor)} now supervises {self.object}."
            )
        else:
            messages.success(self.request, f"{self.object} has no supervisor now.")
        return redirect(self.edit_url_name, quote(self.object.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(enrollment=self.object, history=selectors.supervisor_history(self.object))
        return context


class EnrollmentWithdrawView(ObjectMixin, TrainingAdminView, TemplateView):
    permission_required = "change"
    page_title = "Withdraw enrollment"
    template_name = "training/admin/enrollment_withdraw.html"

    def get_queryset(self):
        return Enrollment.objects.select_related("learner", "program", "cohort")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["enrollment"] = self.object
        return context

    def post(self, request, *args, **kwargs):
        try:
            services.enrollment_withdraw(enrollment=self.object, withdrawn_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.edit_url_name, quote(self.object.pk))
        messages.success(request, f"{self.object.learner} is withdrawn from {self.object.program}.")
        return redirect(self.index_url_name)


class EnrollmentViewSet(RegisterAllPermissionsMixin, RecordViewSet):
    model = Enrollment
    icon = "user"
    menu_label = "Enrollments"
    menu_order = 300
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = EnrollmentIndexView
    add_view_class = EnrollmentCreateView
    edit_view_class = EnrollmentEditView
    filterset_class = EnrollmentFilterSet
    search_fields = ["learner__email", "learner__first_name", "learner__last_name"]
    list_display = [
        "learner",
        Column("learner_email", label="Email", accessor="learner.email", sort_key="learner__email"),
        "program",
        Column("cohort", label="Cohort", accessor="cohort.name", sort_key="cohort__name"),
        UserColumn("supervisor", label="Supervisor", blank_display_name="None yet"),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        DateColumn("enrolled_at", label="Enrolled", sort_key="enrolled_at"),
    ]
    list_export = [
        "learner",
        "program",
        "cohort",
        "supervisor",
        "status",
        "enrolled_at",
        "ended_at",
    ]
    export_headings = {"enrolled_at": "Enrolled", "ended_at": "Ended"}

    def get_form_class(self, for_update=False):
        return EnrollmentCohortForm

    def _extra_url_names(self):
        return {
            "bulk_url_name": self.get_url_name("bulk"),
            "supervisor_url_name": self.get_url_name("supervisor"),
            "withdraw_url_name": self.get_url_name("withdraw"),
            "invite_url_name": InvitationViewSet.url_name("add"),
        }

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**self._extra_url_names(), **kwargs)

    def get_add_view_kwargs(self, **kwargs):
        return kwargs

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("bulk/", self.construct_view(EnrollmentBulkView), name="bulk"),
            path(
                "supervisor/<int:pk>/",
                self.construct_view(EnrollmentSupervisorView),
                name="supervisor",
            ),
            path(
                "withdraw/<int:pk>/", self.construct_view(EnrollmentWithdrawView), name="withdraw"
            ),
        ]


# --- Invitations ----------------------------------------------------------------------


class InvitationStateFilterSet(WagtailFilterSet):
    role = ChoiceFilter(choices=Invitation.Role.choices)

    class Meta:
        model = Invitation
        fields = ["role", "program"]


class InvitationIndexView(IndexView):
    def get_base_queryset(self):
        return Invitation.objects.select_related("program", "cohort", "invited_by", "accepted_by")

    @cached_property
    def add_item_label(self):
        return "Invite people"

    def get_delete_url(self, instance):
        # An accepted invitation is part of the record of how someone joined.
        if instance.accepted_at is None:
            return super().get_delete_url(instance)
        return None


class InvitationCreateView(TrainingAdminFormView):
    permission_required = "add"
    form_class = InvitationForm
    page_title = "Invite people"
    submit_button_label = "Send the invitations"
    intro = (
        "Each person gets an email with a link to create their account. The link works "
        "once and stays open for 14 days. Signing up through it enrolls a learner in the "
        "program (and cohort, with the supervisor), or gives a supervisor their role."
    )

    def get_initial(self):
        initial = super().get_initial()
        query = self.request.GET
        if query.get("emails"):
            initial["emails"] = query["emails"]
        for name in ("program", "cohort", "supervisor"):
            if query.get(name, "").isdigit():
                initial[name] = query[name]
        if query.get("role") in Invitation.Role.values:
            initial["role"] = query["role"]
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = services.invitation_bulk_create(
                text=data["emails"],
                role=data["role"],
                program=data["program"],
                cohort=data["cohort"],
                supervisor=data["supervisor"],
                invited_by=self.request.user,
            )
        except ValidationError as error:
            return self.form_invalid_with(form, error)
        if result.invited:
            count = len(result.invited)
            messages.success(
                self.request,
                f"Sent {count} invitation{'s' if count != 1 else ''}: "
                + ", ".join(invitation.email for invitation in result.invited)
                + ".",
            )
        for email, why in result.refused:
            messages.warning(self.request, f"Not invited: {email}. {why}")
        if not result.invited:
            form.add_error(None, "No invitation was sent.")
            return self.form_invalid(form)
        return redirect(self.index_url_name)


class InvitationDetailView(ObjectMixin, TrainingAdminView, TemplateView):
    """What an invitation is for and where it stands. Invitations aren't edited."""

    permission_required = "view"
    template_name = "training/admin/invitation_detail.html"
    delete_url_name = None

    def get_page_title(self):
        return f"Invitation for {self.object.email}"

    def get_queryset(self):
        return Invitation.objects.select_related(
            "program", "cohort", "supervisor", "invited_by", "accepted_by"
        )

    def get_breadcrumbs_items(self):
        return TrainingAdminView.get_breadcrumbs_items(self)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_delete = (
            self.object.accepted_at is None
            and self.delete_url_name
            and self.user_has_permission("delete")
        )
        context.update(
            invitation=self.object,
            state=selectors.invitation_state(self.object),
            delete_url=reverse(self.delete_url_name, args=[quote(self.object.pk)])
            if can_delete
            else None,
        )
        return context


class InvitationDeleteView(generic.DeleteView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.object.accepted_at is not None:
            raise PermissionDenied


class InvitationViewSet(RegisterAllPermissionsMixin, RecordViewSet):
    model = Invitation
    name = "invitation"
    icon = "mail"
    menu_label = "Invitations"
    menu_order = 400
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = InvitationIndexView
    add_view_class = InvitationCreateView
    edit_view_class = InvitationDetailView
    delete_view_class = InvitationDeleteView
    filterset_class = InvitationStateFilterSet
    search_fields = ["email"]
    list_display = [
        "email",
        Column("role", label="Invited as", accessor="get_role_display", sort_key="role"),
        "program",
        Column(
            "state", label="Status", accessor=lambda i: selectors.invitation_state(i).capitalize()
        ),
        DateColumn("created_at", label="Sent", sort_key="created_at"),
        # A future date: DateColumn would show it as "just now".
        Column(
            "expires_at",
            label="Open until",
            accessor=lambda i: date_format(timezone.localtime(i.expires_at), "j M Y"),
            sort_key="expires_at",
        ),
    ]

    @classmethod
    def url_name(cls, view_name: str) -> str:
        return f"{cls.name}:{view_name}"

    def get_add_view_kwargs(self, **kwargs):
        return kwargs

    def get_edit_view_kwargs(self, **kwargs):
        return kwargs


# --- Join requests --------------------------------------------------------------------


class JoinRequestFilterSet(WagtailFilterSet):
    status = ChoiceFilter(choices=JoinRequest.Status.choices)

    class Meta:
        model = JoinRequest
        fields = ["status", "program"]


class JoinRequestIndexView(IndexView):
    def get_base_queryset(self):
        return JoinRequest.objects.select_related("person", "program")


class JoinRequestDecideView(ObjectMixin, TrainingAdminView, TemplateView):
    """A request with its message, and the two ways to answer it."""

    permission_required = "change"
    template_name = "training/admin/join_request_decide.html"
    approve_url_name = None
    decline_url_name = None
    approve_form = None
    decline_form = None

    def get_page_title(self):
        return f"Request from {self.object.person}"

    def get_queryset(self):
        return JoinRequest.objects.select_related("person", "program", "decided_by")

    def get_breadcrumbs_items(self):
        return TrainingAdminView.get_breadcrumbs_items(self)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        join_request = self.object
        enrollment = selectors.enrollment_of(
            person=join_request.person, program=join_request.program
        )
        context.update(
            join_request=join_request,
            enrollment=enrollment,
            approve_form=self.approve_form
            or JoinRequestApproveForm(program=join_request.program, prefix="approve"),
            decline_form=self.decline_form or JoinRequestDeclineForm(prefix="decline"),
            approve_url=reverse(self.approve_url_name, args=[quote(join_request.pk)]),
            decline_url=reverse(self.decline_url_name, args=[quote(join_request.pk)]),
        )
        context["view_forms"] = [context["approve_form"], context["decline_form"]]
        return context

    def answer(self, form, form_name: str, decide, done: str):
        """Approve or decline: `decide(cleaned_data)` (a service) when the form is
        valid, then back to the list saying what was `done`; otherwise this page
        again, with the form (kept as `form_name`) showing what is wrong."""
        if form.is_valid():
            try:
                decide(form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(self.request, done)
                return redirect(self.index_url_name)
        setattr(self, form_name, form)
        return self.render_to_response(self.get_context_data(), status=400)


class JoinRequestApproveView(JoinRequestDecideView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        join_request = self.object
        return self.answer(
            JoinRequestApproveForm(request.POST, program=join_request.program, prefix="approve"),
            "approve_form",
            lambda data: services.join_request_approve(
                join_request=join_request,
                decided_by=request.user,
                cohort=data["cohort"],
                supervisor=data["supervisor"],
            ),
            f"{person_label(join_request.person)} is enrolled in {join_request.program}; "
            "they have been emailed.",
        )


class JoinRequestDeclineView(JoinRequestDecideView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        join_request = self.object
        return self.answer(
            JoinRequestDeclineForm(request.POST, prefix="decline"),
            "decline_form",
            lambda data: services.join_request_decline(
                join_request=join_request, decided_by=request.user, note=data["note"]
            ),
            f"The request from {person_label(join_request.person)} is declined; "
            "they have been emailed.",
        )


class JoinRequestViewSet(RegisterAllPermissionsMixin, RecordViewSet):
    model = JoinRequest
    name = "joinrequest"
    icon = "clipboard-list"
    menu_label = "Join requests"
    menu_order = 500
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = JoinRequestIndexView
    # People ask on the public site; nobody creates a request in the admin.
    add_view_class = NotAvailableView
    edit_view_class = JoinRequestDecideView
    filterset_class = JoinRequestFilterSet
    search_fields = ["person__email", "person__first_name", "person__last_name"]
    ordering = ["-created_at"]
    list_display = [
        "person",
        Column("person_email", label="Email", accessor="person.email"),
        "program",
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        DateColumn("created_at", label="Asked", sort_key="created_at"),
        DateColumn("decided_at", label="Answered", sort_key="decided_at"),
    ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            approve_url_name=self.get_url_name("approve"),
            decline_url_name=self.get_url_name("decline"),
            **kwargs,
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)

    def get_add_view_kwargs(self, **kwargs):
        return kwargs

    def get_edit_view_kwargs(self, **kwargs):
        return kwargs

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("approve/<int:pk>/", self.construct_view(JoinRequestApproveView), name="approve"),
            path("decline/<int:pk>/", self.construct_view(JoinRequestDeclineView), name="decline"),
        ]


# --- The menu group -------------------------------------------------------------------


class EnrollmentViewSetGroup(ViewSetGroup):
    menu_label = "Enrollment"
    menu_icon = "group"
    menu_order = 250
    items = (
        ProgramViewSet("program"),
        CohortViewSet("cohort"),
        EnrollmentViewSet("enrollment"),
        InvitationViewSet("invitation"),
        JoinRequestViewSet("joinrequest"),
    )


# --- Supervised practice hours ---------------------------------------------------------
# Supervisors review the hours of the people they currently supervise (the
# queue); coordinators see every entry and the cohort report, never the notes,
# and may reopen an approved entry. Who may see an entry's notes is decided by
# the relationship (the enrollment's current supervisor), not by a permission.

REVIEW_PERMISSION = services.REVIEW_PERMISSION
VIEW_HOURS_PERMISSION = "training.view_hoursentry"
HOURS_PER_PAGE = 50


def may_review(user) -> bool:
    return user.has_perm(REVIEW_PERMISSION)


def may_view_all_hours(user) -> bool:
    return user.has_perm(VIEW_HOURS_PERMISSION)


class PermissionMenuMixin:
    """A plain ViewSet whose menu item shows only to people with `permission`."""

    permission = None

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        permission = self.permission
        return type(
            f"{type(self).__name__}MenuItem",
            (MenuItem,),
            {"is_shown": lambda _self, request: request.user.has_perm(permission)},
        )


class RequirePermissionMixin:
    permission = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site only: redirect() would read "5" or "index" as a view name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# Review queue (supervisors) ---------------------------------------------------------------

QUEUE_STATUSES = [
    ("", "Waiting for review"),
    (HoursEntry.Status.RETURNED, "Returned"),
    (HoursEntry.Status.APPROVED, "Approved"),
    ("all", "All submitted, returned and approved"),
]


class HoursQueueFilterSet(WagtailFilterSet):
    status = ChoiceFilter(
        choices=QUEUE_STATUSES[1:], empty_label=QUEUE_STATUSES[0][1], method="by_status"
    )
    enrollment = ModelChoiceFilter(
        label="Person",
        queryset=lambda request: selectors.mentees_of(request.user),
        empty_label="Everyone you supervise",
    )

    class Meta:
        model = HoursEntry
        fields = ["status", "enrollment"]

    def by_status(self, queryset, name, value):
        return queryset  # applied in the view, where "empty" means waiting for review


class HoursQueueView(RequirePermissionMixin, BaseListingView):
    """The supervisor's own mentees' entries: by default those waiting for review,
    the longest-waiting first, with approve and return for many at once."""

    permission = REVIEW_PERMISSION
    page_title = "Hours to review"
    header_icon = "time"
    template_name = "training/admin/hours_queue.html"
    results_template_name = "training/admin/hours_queue_results.html"
    filterset_class = HoursQueueFilterSet
    paginate_by = HOURS_PER_PAGE
    index_url_name = "hours_review:index"
    index_results_url_name = "hours_review:results"
    verbose_name_plural = "entries"

    @cached_property
    def status(self) -> str:
        value = self.request.GET.get("status", "")
        return value if value in dict(QUEUE_STATUSES) else ""

    def get_base_queryset(self):
        entries = selectors.mentee_hours(self.request.user).exclude(
            status=HoursEntry.Status.DRAFT  # drafts are the learner's own
        )
        if self.status == "":
            return entries.filter(status=HoursEntry.Status.SUBMITTED).order_by(
                "submitted_at", "date", "pk"
            )
        if self.status != "all":
            entries = entries.filter(status=self.status)
        return entries.order_by("-date", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            comment_form=HoursCommentForm(),
            approve_url=reverse("hours_review:approve"),
            return_url=reverse("hours_review:return"),
            next_url=self.request.get_full_path().replace("/results/", "/"),
            waiting=self.status == "",
        )
        return context


class HoursDecisionView(RequirePermissionMixin, View):
    """Approve or return the chosen entries (from the queue or an entry's page)."""

    permission = REVIEW_PERMISSION
    decision = None  # "approve" or "return"
    http_method_names = ["post"]

    def post(self, request):
        ids = [value for value in request.POST.getlist("entries") if value.isdigit()]
        back = _safe_next(request, reverse("hours_review:index"))
        try:
            if self.decision == "approve":
                entries = services.hours_entries_approve(entry_ids=ids, supervisor=request.user)
                verb = "Approved"
            else:
                entries = services.hours_entries_return(
                    entry_ids=ids, supervisor=request.user, comment=request.POST.get("comment", "")
                )
                verb = "Returned"
        except services.ReviewNotAllowed as error:
            # Returned, not raised: Wagtail turns a raised PermissionDenied
            # into a redirect to the admin home.
            return permission_denied(request, PermissionDenied(" ".join(error.messages)))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(back)
        count = len(entries)
        messages.success(
            request,
            f"{verb} {count} entr{'ies' if count != 1 else 'y'}; "
            f"the learner{'s have' if len({e.enrollment_id for e in entries}) > 1 else ' has'} "
            "been emailed.",
        )
        return redirect(back)


# One entry (supervisors of the person, coordinators) ------------------------------------------


class HoursEntryDetailView(WagtailAdminTemplateMixin, TemplateView):
    """An entry, its state and its whole history. The current supervisor sees the
    notes and may approve or return; a coordinator sees everything but the notes
    and may reopen an approved entry."""

    template_name = "training/admin/hours_entry_detail.html"
    header_icon = "time"
    reopen_form = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.entry = get_object_or_404(
            HoursEntry.objects.select_related(
                "enrollment__learner",
                "enrollment__program",
                "enrollment__cohort",
                "enrollment__supervisor",
                "domain",
                "activity_type",
                "reviewed_by",
            ),
            pk=kwargs["pk"],
        )
        user = request.user
        enrollment = self.entry.enrollment
        self.is_supervisor = (
            may_review(user)
            and enrollment.supervisor_id == user.pk
            and enrollment.is_active
            and enrollment.learner_id != user.pk
        )
        self.is_coordinator = may_view_all_hours(user)

    def dispatch(self, request, *args, **kwargs):
        # Drafts stay private to the learner; otherwise the person's current
        # supervisor or a coordinator.
        if not (self.is_supervisor or self.is_coordinator):
            raise PermissionDenied
        if self.entry.status == HoursEntry.Status.DRAFT and not self.is_coordinator:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        entry = self.entry
        return (
            f"{entry.enrollment.learner}: {format_hours(entry.hours)} h on "
            f"{date_format(entry.date, 'j M Y')}"
        )

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("wagtailadmin_home"), "label": "Home"}]
        if self.is_supervisor:
            items.append({"url": reverse("hours_review:index"), "label": "Hours to review"})
        elif self.is_coordinator:
            items.append({"url": reverse("hoursentry:index"), "label": "Hours entries"})
        return items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.entry
        user = self.request.user
        context.update(
            entry=entry,
            enrollment=entry.enrollment,
            history=selectors.hours_entry_history(entry),
            show_notes=self.is_supervisor,
            can_decide=self.is_supervisor and entry.status == HoursEntry.Status.SUBMITTED,
            can_reopen=user.has_perm(services.REOPEN_PERMISSION)
            and entry.status == HoursEntry.Status.APPROVED,
            comment_form=HoursCommentForm(),
            reopen_form=self.reopen_form or HoursReopenForm(),
            approve_url=reverse("hours_review:approve"),
            return_url=reverse("hours_review:return"),
            reopen_url=reverse("hours_review:reopen", args=[entry.pk]),
            next_url=self.request.path,
        )
        return context


class HoursEntryReopenView(HoursEntryDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = HoursReopenForm(request.POST)
        if form.is_valid():
            try:
                services.hours_entry_reopen(
                    entry=self.entry, coordinator=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    "The entry is reopened and back with the learner; they have been emailed.",
                )
                return redirect("hours_review:entry", self.entry.pk)
        self.reopen_form = form
        return self.render_to_response(self.get_context_data(), status=400)


class HoursReviewViewSet(PermissionMenuMixin, ViewSet):
    name = "hours_review"
    url_prefix = "practice-hours/review"
    icon = "time"
    menu_label = "Hours to review"
    permission = REVIEW_PERMISSION

    def get_urlpatterns(self):
        return [
            path("", HoursQueueView.as_view(), name="index"),
            path("results/", HoursQueueView.as_view(results_only=True), name="results"),
            path("approve/", HoursDecisionView.as_view(decision="approve"), name="approve"),
            path("return/", HoursDecisionView.as_view(decision="return"), name="return"),
            path("entry/<int:pk>/", HoursEntryDetailView.as_view(), name="entry"),
            path("entry/<int:pk>/reopen/", HoursEntryReopenView.as_view(), name="reopen"),
        ]


# Every entry (coordinators) ---------------------------------------------------------------


class HoursEntryFilterSet(WagtailFilterSet):
    status = ChoiceFilter(choices=HoursEntry.Status.choices)
    program = ModelChoiceFilter(field_name="enrollment__program", queryset=Program.objects.all())
    cohort = ModelChoiceFilter(
        field_name="enrollment__cohort", queryset=Cohort.objects.select_related("program")
    )
    domain = ModelChoiceFilter(queryset=Domain.objects.all())
    date_from = DateFilter(
        field_name="date", lookup_expr="gte", label="Dated from", widget=AdminDateInput
    )
    date_to = DateFilter(
        field_name="date", lookup_expr="lte", label="Dated until", widget=AdminDateInput
    )

    class Meta:
        model = HoursEntry
        fields = ["status", "program", "cohort", "domain"]


class HoursEntryIndexView(IndexView):
    def get_base_queryset(self):
        return selectors.hours_entries_for_staff()

    def get_edit_url(self, instance):
        return reverse("hours_review:entry", args=[instance.pk])

    def to_row_dict(self, item):
        return export_row(item)


class HoursEntryRedirectView(View):
    def get(self, request, pk):
        return redirect("hours_review:entry", pk)


class HoursEntryViewSet(RegisterAllPermissionsMixin, RecordViewSet):
    """Every entry, for coordinators: filters, spreadsheet export, no notes."""

    model = HoursEntry
    name = "hoursentry"
    url_prefix = "practice-hours/entries"
    icon = "list-ul"
    menu_label = "All entries"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = HoursEntryIndexView
    add_view_class = NotAvailableView
    edit_view_class = HoursEntryRedirectView
    delete_view_class = NotAvailableView
    filterset_class = HoursEntryFilterSet
    search_fields = [
        "enrollment__learner__email",
        "enrollment__learner__first_name",
        "enrollment__learner__last_name",
    ]
    ordering = ["-date", "-pk"]
    list_per_page = HOURS_PER_PAGE
    list_display = [
        Column("learner", label="Learner", accessor="enrollment.learner"),
        DateColumn("date", label="Date", sort_key="date"),
        Column("hours", label="Hours", accessor=lambda e: format_hours(e.hours), sort_key="hours"),
        Column("domain", label="Domain", accessor="domain.name"),
        Column("activity", label="Activity", accessor="activity_type.name"),
        Column("cohort", label="Cohort", accessor=lambda e: e.enrollment.cohort or "—"),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        UserColumn("reviewed_by", label="Reviewed by", blank_display_name="—"),
    ]
    # Notes are never exported: coordinators see totals and entries only.
    list_export = [
        "learner_name",
        "learner_email",
        "program_title",
        "cohort_name",
        "date",
        "hours_value",
        "domain_name",
        "activity_name",
        "counts_as",
        "setting",
        "status_label",
        "submitted_at",
        "reviewer",
        "reviewed_at",
    ]
    export_headings = {
        "learner_name": "Learner",
        "learner_email": "Email",
        "program_title": "Program",
        "cohort_name": "Cohort",
        "date": "Date",
        "hours_value": "Hours",
        "domain_name": "Domain",
        "activity_name": "Activity",
        "counts_as": "Counts as",
        "setting": "Setting",
        "status_label": "Status",
        "submitted_at": "Submitted",
        "reviewer": "Reviewed by",
        "reviewed_at": "Reviewed",
    }
    export_filename = "practice-hours-entries"

    def get_add_view_kwargs(self, **kwargs):
        return kwargs

    def get_edit_view_kwargs(self, **kwargs):
        return kwargs

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)


def export_row(entry) -> dict:
    """One exported entry. Built by hand so that nothing (the notes above all)
    leaves unless it is named here."""
    enrollment = entry.enrollment
    return {
        "learner_name": enrollment.learner.get_full_name(),
        "learner_email": enrollment.learner.email,
        "program_title": enrollment.program.title,
        "cohort_name": enrollment.cohort.name if enrollment.cohort else "",
        "date": entry.date,
        "hours_value": entry.hours,
        "domain_name": entry.domain.name,
        "activity_name": entry.activity_type.name,
        "counts_as": entry.activity_type.get_counts_as_display(),
        "setting": entry.setting,
        "status_label": entry.get_status_display(),
        "submitted_at": entry.submitted_at,
        "reviewer": str(entry.reviewed_by) if entry.reviewed_by else "",
        "reviewed_at": entry.reviewed_at,
    }


# The cohort report (coordinators) ----------------------------------------------------------


class HoursReportFilterSet(WagtailFilterSet):
    cohort = ModelChoiceFilter(queryset=Cohort.objects.select_related("program"))
    program = ModelChoiceFilter(queryset=Program.objects.all())
    status = ChoiceFilter(label="Enrollment", choices=Enrollment.Status.choices)
    date_from = DateFilter(label="Entries dated from", method="keep", widget=AdminDateInput)
    date_to = DateFilter(label="Entries dated until", method="keep", widget=AdminDateInput)

    class Meta:
        model = Enrollment
        fields = ["cohort", "program", "status"]

    def keep(self, queryset, name, value):
        return queryset  # the view counts only entries dated in the range


@dataclass
class ReportRow:
    enrollment: Enrollment
    summary: selectors.HoursSummary
    cells: list  # DomainHours or None, one per domain column


class HoursReportView(RequirePermissionMixin, ReportView):
    """Learners × domains: approved, waiting and creditable practice hours, with
    supervision, per cohort. Nothing from the notes."""

    permission = VIEW_HOURS_PERMISSION
    page_title = "Practice hours by cohort"
    header_icon = "table"
    filterset_class = HoursReportFilterSet
    template_name = "wagtailadmin/reports/base_report.html"
    results_template_name = "training/admin/hours_report_results.html"
    index_url_name = "hours_report:index"
    index_results_url_name = "hours_report:results"
    paginate_by = HOURS_PER_PAGE
    export_filename = "practice-hours-by-cohort"
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        Decimal: {"csv": format_hours, "xlsx": float},
    }

    def get_base_queryset(self):
        return Enrollment.objects.select_related(
            "learner", "program", "cohort", "supervisor"
        ).order_by("cohort__name", "learner__last_name", "learner__first_name", "pk")

    @cached_property
    def domains(self):
        return list(Domain.objects.all())

    def _date_filter(self, name):
        if self.filters is not None and self.filters.is_valid():
            return self.filters.form.cleaned_data.get(name)
        return None

    def decorate_paginated_queryset(self, object_list):
        enrollments = list(object_list)
        summaries = selectors.hours_summaries(
            enrollments,
            date_from=self._date_filter("date_from"),
            date_to=self._date_filter("date_to"),
        )
        rows = []
        for enrollment in enrollments:
            summary = summaries[enrollment.pk]
            cells = [summary.domain(domain.slug) for domain in self.domains]
            rows.append(ReportRow(enrollment, summary, cells))
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["domains"] = self.domains
        return context

    # Spreadsheet export: one row per learner, three numbers per domain.
    @cached_property
    def list_export(self):
        fields = ["learner", "email", "program", "cohort", "supervisor", "enrollment_status"]
        for domain in self.domains:
            fields += [f"{domain.slug}:{part}" for part in ("approved", "pending", "creditable")]
        return fields + [
            "practice_approved",
            "practice_pending",
            "practice_creditable",
            "practice_required",
            "supervision_approved",
            "supervision_pending",
            "supervision_creditable",
            "supervision_required",
            "requirements_met",
        ]

    @cached_property
    def export_headings(self):
        headings = {
            "learner": "Learner",
            "email": "Email",
            "program": "Program",
            "cohort": "Cohort",
            "supervisor": "Supervisor",
            "enrollment_status": "Enrollment",
            "practice_approved": "Practice approved",
            "practice_pending": "Practice waiting",
            "practice_creditable": "Practice creditable",
            "practice_required": "Practice required",
            "supervision_approved": "Supervision approved",
            "supervision_pending": "Supervision waiting",
            "supervision_creditable": "Supervision creditable",
            "supervision_required": "Supervision required",
            "requirements_met": "Practice and supervision met",
        }
        for domain in self.domains:
            headings[f"{domain.slug}:approved"] = f"{domain.name}: approved"
            headings[f"{domain.slug}:pending"] = f"{domain.name}: waiting"
            headings[f"{domain.slug}:creditable"] = f"{domain.name}: creditable"
        return headings

    def to_row_dict(self, item: ReportRow):
        enrollment, summary = item.enrollment, item.summary
        row = {
            "learner": enrollment.learner.get_full_name() or enrollment.learner.email,
            "email": enrollment.learner.email,
            "program": enrollment.program.title,
            "cohort": enrollment.cohort.name if enrollment.cohort else "",
            "supervisor": str(enrollment.supervisor) if enrollment.supervisor else "",
            "enrollment_status": enrollment.get_status_display(),
        }
        for domain in self.domains:
            hours = summary.domain(domain.slug)
            row[f"{domain.slug}:approved"] = hours.approved if hours else Decimal("0")
            row[f"{domain.slug}:pending"] = hours.pending if hours else Decimal("0")
            row[f"{domain.slug}:creditable"] = hours.creditable if hours else Decimal("0")
        row.update(
            practice_approved=summary.practice_approved,
            practice_pending=summary.practice_pending,
            practice_creditable=summary.practice_creditable,
            practice_required=summary.practice_required,
            supervision_approved=summary.supervision_approved,
            supervision_pending=summary.supervision_pending,
            supervision_creditable=summary.supervision_creditable,
            supervision_required=summary.supervision_required,
            requirements_met="Yes" if summary.requirements_met else "Not yet",
        )
        return row


class HoursReportViewSet(PermissionMenuMixin, ViewSet):
    name = "hours_report"
    url_prefix = "practice-hours/report"
    icon = "table"
    menu_label = "Cohort report"
    permission = VIEW_HOURS_PERMISSION

    def get_urlpatterns(self):
        return [
            path("", HoursReportView.as_view(), name="index"),
            path("results/", HoursReportView.as_view(results_only=True), name="results"),
        ]


class PracticeHoursViewSetGroup(ViewSetGroup):
    menu_label = "Practice hours"
    menu_icon = "time"
    menu_order = 260
    items = (
        HoursReviewViewSet(),
        HoursEntryViewSet(),
        HoursReportViewSet(),
    )
