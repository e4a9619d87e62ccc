"""The coordinators' admin for invitations."""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from django_filters import ChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic

from programs import selectors, services
from programs.forms import (
    InvitationForm,
)
from programs.models import (
    Invitation,
)
from training.columns import WhenColumn
from training.viewsets import (
    IndexView,
    ObjectMixin,
    RecordViewSet,
    RegisterAllPermissionsMixin,
    TrainingAdminFormView,
    TrainingAdminView,
)

# --- Invitations ----------------------------------------------------------------------

# The states are values (selectors.InvitationState); these are their words.
INVITATION_STATE_LABELS = {
    selectors.InvitationState.PENDING: gettext_lazy("Pending"),
    selectors.InvitationState.ACCEPTED: gettext_lazy("Accepted"),
    selectors.InvitationState.EXPIRED: gettext_lazy("Expired"),
}


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
        return _("Invite people")

    def get_delete_url(self, instance):
        # An accepted invitation is part of the record of how someone joined.
        if instance.accepted_at is None:
            return super().get_delete_url(instance)
        return None


class InvitationCreateView(TrainingAdminFormView):
    permission_required = "add"
    form_class = InvitationForm
    page_title = gettext_lazy("Invite people")
    submit_button_label = gettext_lazy("Send the invitations")
    intro = gettext_lazy(
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

    def save(self, form):
        data = form.cleaned_data
        result = services.invitation_bulk_create(
            text=data["emails"],
            role=data["role"],
            program=data["program"],
            cohort=data["cohort"],
            supervisor=data["supervisor"],
            invited_by=self.request.user,
        )
        if result.invited:
            count = len(result.invited)
            messages.success(
                self.request,
                ngettext(
                    "Sent %(count)s invitation: %(emails)s.",
                    "Sent %(count)s invitations: %(emails)s.",
                    count,
                )
                % {
                    "count": count,
                    "emails": ", ".join(invitation.email for invitation in result.invited),
                },
            )
        for email, why in result.refused:
            messages.warning(
                self.request, _("Not invited: %(email)s. %(why)s") % {"email": email, "why": why}
            )
        if not result.invited:
            form.add_error(None, _("No invitation was sent."))
            return self.form_invalid(form)
        return redirect(self.index_url_name)


class InvitationDetailView(ObjectMixin, TrainingAdminView, TemplateView):
    """What an invitation is for and where it stands. Invitations aren't edited."""

    permission_required = "view"
    template_name = "programs/admin/invitation_detail.html"
    delete_url_name = None

    def get_page_title(self):
        return _("Invitation for %(email)s") % {"email": self.object.email}

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
    name = "programs_invitation"
    icon = "mail"
    menu_label = gettext_lazy("Invitations")
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
        Column(
            "role", label=gettext_lazy("Invited as"), accessor="get_role_display", sort_key="role"
        ),
        Column("program", label=gettext_lazy("Program"), sort_key="program"),
        Column(
            "state",
            label=gettext_lazy("Status"),
            accessor=lambda i: INVITATION_STATE_LABELS[selectors.invitation_state(i)],
        ),
        WhenColumn("created_at", label=gettext_lazy("Sent"), sort_key="created_at"),
        WhenColumn("expires_at", label=gettext_lazy("Open until"), sort_key="expires_at"),
    ]

    @classmethod
    def url_name(cls, view_name: str) -> str:
        return f"{cls.name}:{view_name}"

    def get_add_view_kwargs(self, **kwargs):
        return kwargs

    def get_edit_view_kwargs(self, **kwargs):
        return kwargs
