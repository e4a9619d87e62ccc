"""The coordinators' admin for enrollments: enrol one person or a list, change
supervisor or cohort, withdraw. Writes go through programs/services.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, UserColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permissions import policy_registry

from programs import selectors, services
from programs.forms import (
    EnrollmentBulkForm,
    EnrollmentCohortForm,
    EnrollmentCreateForm,
    SupervisorChangeForm,
)
from programs.models import (
    Enrollment,
    Invitation,
)
from training.columns import WhenColumn
from training.errors import message_of
from training.viewsets import (
    IndexView,
    ObjectMixin,
    RecordViewSet,
    RegisterAllPermissionsMixin,
    TrainingAdminFormView,
    TrainingAdminView,
    person_label,
)

from .invitations import InvitationViewSet

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
        return _("Enroll a learner")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_permission("add"):
            buttons.append(
                HeaderButton(_("Add several"), url=reverse(self.bulk_url_name), icon_name="list-ul")
            )
        invitations = policy_registry.get_by_type(Invitation)
        if invitations.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton(
                    _("Invite people"), url=reverse(self.invite_url_name), icon_name="mail"
                )
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active and self.user_has_permission("change"):
            buttons += [
                MenuItem(
                    _("Change supervisor"),
                    reverse(self.supervisor_url_name, args=[quote(instance.pk)]),
                    icon_name="user",
                    priority=15,
                ),
                MenuItem(
                    _("Withdraw"),
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
    page_title = gettext_lazy("Enroll a learner")
    submit_button_label = gettext_lazy("Enroll")
    invite_url_name = None
    intro = gettext_lazy(
        "Enroll someone who already has a Peerpath account. To add several people at "
        "once, use “Add several”; to invite someone without an account, send an invitation."
    )

    def get_initial(self):
        initial = super().get_initial()
        for name in ("program", "cohort"):
            if self.request.GET.get(name, "").isdigit():
                initial[name] = self.request.GET[name]
        return initial

    def save(self, form):
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
                _("No one has an account with this address yet. You can invite them instead."),
            )
            return self.form_invalid(form)
        enrollment = services.enrollment_create(
            learner=learner,
            program=data["program"],
            cohort=data["cohort"],
            supervisor=data["supervisor"],
            enrolled_by=self.request.user,
        )
        messages.success(
            self.request,
            _("%(person)s is enrolled in %(program)s.")
            % {"person": person_label(learner), "program": enrollment.program},
        )
        return redirect(self.index_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invite_url"] = getattr(self, "invite_url", None)
        return context


def _query(**params) -> str:

    return urlencode({key: getattr(value, "pk", value) for key, value in params.items() if value})


class EnrollmentBulkView(TrainingAdminFormView):
    """Paste many addresses: enroll those with accounts, offer to invite the rest."""

    permission_required = "add"
    form_class = EnrollmentBulkForm
    page_title = gettext_lazy("Add several learners")
    submit_button_label = gettext_lazy("Enroll them")
    result_template_name = "programs/admin/enrollment_bulk_result.html"
    invite_url_name = None

    def save(self, form):
        data = form.cleaned_data
        result = services.enrollment_bulk_create_from_emails(
            text=data["emails"],
            program=data["program"],
            cohort=data["cohort"],
            supervisor=data["supervisor"],
            enrolled_by=self.request.user,
        )
        context = self.get_context_data(form=form)
        context.update(
            result=result,
            program=data["program"],
            cohort=data["cohort"],
            supervisor=data["supervisor"],
            invite_url=reverse(self.invite_url_name),
            no_account_text="\n".join(result.no_account),
            page_title=_("Learners added"),
            header_title=_("Learners added"),
        )
        return TemplateResponse(self.request, self.result_template_name, context)


class EnrollmentEditView(generic.EditView):
    """An enrollment's page: who, where, supervisor history; the cohort can change here."""

    template_name = "programs/admin/enrollment_edit.html"
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
                    _("Change supervisor"),
                    url=reverse(self.supervisor_url_name, args=[quote(self.object.pk)]),
                    icon_name="user",
                    priority=5,
                ),
                Button(
                    _("Withdraw"),
                    url=reverse(self.withdraw_url_name, args=[quote(self.object.pk)]),
                    icon_name="cross",
                    priority=40,
                ),
            ]
        return buttons

    def get_success_message(self):
        return _("The cohort of %(enrollment)s is saved.") % {"enrollment": self.object}

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
    page_title = gettext_lazy("Change supervisor")
    submit_button_label = gettext_lazy("Save the change")
    template_name = "programs/admin/enrollment_supervisor.html"

    def get_queryset(self):
        return Enrollment.objects.select_related("learner", "program", "supervisor")

    def get_initial(self):
        return {"supervisor": self.object.supervisor_id}

    def save(self, form):
        supervisor = form.cleaned_data["supervisor"]
        services.enrollment_change_supervisor(
            enrollment=self.object, supervisor=supervisor, changed_by=self.request.user
        )
        if supervisor:
            messages.success(
                self.request,
                _("%(person)s now supervises %(enrollment)s.")
                % {"person": person_label(supervisor), "enrollment": self.object},
            )
        else:
            messages.success(
                self.request,
                _("%(enrollment)s has no supervisor now.") % {"enrollment": self.object},
            )
        return redirect(self.edit_url_name, quote(self.object.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(enrollment=self.object, history=selectors.supervisor_history(self.object))
        return context


class EnrollmentWithdrawView(ObjectMixin, TrainingAdminView, TemplateView):
    permission_required = "change"
    page_title = gettext_lazy("Withdraw enrollment")
    template_name = "programs/admin/enrollment_withdraw.html"

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
            messages.error(request, message_of(error))
            return redirect(self.edit_url_name, quote(self.object.pk))
        messages.success(
            request,
            _("%(person)s is withdrawn from %(program)s.")
            % {"person": self.object.learner, "program": self.object.program},
        )
        return redirect(self.index_url_name)


class EnrollmentViewSet(RegisterAllPermissionsMixin, RecordViewSet):
    model = Enrollment
    icon = "user"
    menu_label = gettext_lazy("Enrollments")
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
        Column(
            "learner_email",
            label=gettext_lazy("Email"),
            accessor="learner.email",
            sort_key="learner__email",
        ),
        Column("program", label=gettext_lazy("Program"), sort_key="program"),
        Column(
            "cohort", label=gettext_lazy("Cohort"), accessor="cohort.name", sort_key="cohort__name"
        ),
        UserColumn(
            "supervisor",
            label=gettext_lazy("Supervisor"),
            blank_display_name=gettext_lazy("None yet"),
        ),
        Column(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            sort_key="status",
        ),
        WhenColumn("enrolled_at", label=gettext_lazy("Enrolled"), sort_key="enrolled_at"),
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
    export_headings = {"enrolled_at": gettext_lazy("Enrolled"), "ended_at": gettext_lazy("Ended")}

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
