"""The coordinators' admin for join requests: approve or decline."""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_filters import ChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column

from programs import selectors, services
from programs.forms import (
    JoinRequestApproveForm,
    JoinRequestDeclineForm,
)
from programs.models import (
    JoinRequest,
)
from training.columns import WhenColumn
from training.viewsets import (
    IndexView,
    NotAvailableView,
    ObjectMixin,
    RecordViewSet,
    RegisterAllPermissionsMixin,
    TrainingAdminView,
    person_label,
)

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
    template_name = "programs/admin/join_request_decide.html"
    approve_url_name = None
    decline_url_name = None
    approve_form = None
    decline_form = None

    def get_page_title(self):
        return _("Request from %(person)s") % {"person": self.object.person}

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
            approve_form=self.approve_form or self.approve_form_with_defaults(),
            decline_form=self.decline_form or JoinRequestDeclineForm(prefix="decline"),
            approve_url=reverse(self.approve_url_name, args=[quote(join_request.pk)]),
            decline_url=reverse(self.decline_url_name, args=[quote(join_request.pk)]),
        )
        context["view_forms"] = [context["approve_form"], context["decline_form"]]
        return context

    def approve_form_with_defaults(self) -> JoinRequestApproveForm:
        """The program's one open cohort is chosen already, when it has exactly one.
        (A join request names no supervisor, so that field starts empty.)"""
        open_cohort = selectors.the_open_cohort(self.object.program)
        form = JoinRequestApproveForm(
            program=self.object.program, prefix="approve", initial={"cohort": open_cohort}
        )
        if open_cohort is not None:
            form.fields["cohort"].help_text = _(
                "%(cohort)s is chosen because it is the program's only open cohort."
            ) % {"cohort": open_cohort.name}
        return form

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
            _("%(person)s is enrolled in %(program)s; they have been emailed.")
            % {"person": person_label(join_request.person), "program": join_request.program},
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
            _("The request from %(person)s is declined; they have been emailed.")
            % {"person": person_label(join_request.person)},
        )


class JoinRequestViewSet(RegisterAllPermissionsMixin, RecordViewSet):
    model = JoinRequest
    name = "programs_joinrequest"
    icon = "clipboard-list"
    menu_label = gettext_lazy("Join requests")
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
        Column("person_email", label=gettext_lazy("Email"), accessor="person.email"),
        Column("program", label=gettext_lazy("Program"), sort_key="program"),
        Column(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            sort_key="status",
        ),
        WhenColumn("created_at", label=gettext_lazy("Asked"), sort_key="created_at"),
        WhenColumn("decided_at", label=gettext_lazy("Answered"), sort_key="decided_at"),
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
