"""Coordinators' listing of account closures; erasure is confirmed on its own
screen (dashboard.views.admin_confirm_erasure), never by editing a row."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from training.permission_policies import ViewOnlyPermissionPolicy
from training.viewsets import IndexView

from .models import AccountClosure

register_permission_policy(AccountClosure, ViewOnlyPermissionPolicy(AccountClosure))


def confirm_link(closure):
    if closure.is_erased:
        return "—"
    url = reverse("dashboard_admin_confirm_erasure", args=[closure.pk])
    return format_html('<a href="{}">{}</a>', url, gettext("Confirm erasure…"))


# Fields whose model field has no translated verbose name (one would need a migration).
LABELS = {
    "requested_at": gettext_lazy("Requested at"),
    "confirmed_by": gettext_lazy("Confirmed by"),
}


class AccountClosureIndexView(IndexView):
    page_title = gettext_lazy("Account closures")
    column_labels = LABELS


class AccountClosureFilterSet(WagtailFilterSet):
    """The filters `list_filter` gave, with the label the model can't translate."""

    class Meta:
        model = AccountClosure
        fields = ["requested_at", "confirmed_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["requested_at"].label = LABELS["requested_at"]


class AccountClosureInspectView(InspectView):
    def get_field_label(self, field_name, field):
        return LABELS.get(field_name) or super().get_field_label(field_name, field)


class AccountClosureViewSet(ModelViewSet):
    model = AccountClosure
    icon = "user"
    menu_label = gettext_lazy("Account closures")
    menu_order = 900
    add_to_admin_menu = True
    url_prefix = "account-closures"
    form_fields = ["user_email"]  # never shown: add and change are refused
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = AccountClosureIndexView
    inspect_view_class = AccountClosureInspectView
    list_display = [
        "user_email",
        "requested_at",
        "status",
        "confirmed_at",
        Column("confirm", label=gettext_lazy("Erasure"), accessor=lambda c: confirm_link(c)),
    ]
    filterset_class = AccountClosureFilterSet
    search_fields = ["user_email"]
    inspect_view_fields = ["user_email", "requested_at", "status", "confirmed_at", "confirmed_by"]

    def get_queryset(self, request):
        return AccountClosure.objects.select_related("confirmed_by")
