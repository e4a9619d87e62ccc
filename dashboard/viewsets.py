"""Coordinators' listing of account closures; erasure is confirmed on its own
screen (dashboard.views.admin_confirm_erasure), never by editing a row."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from training.permission_policies import ViewOnlyPermissionPolicy

from .models import AccountClosure

register_permission_policy(AccountClosure, ViewOnlyPermissionPolicy(AccountClosure))


def confirm_link(closure):
    if closure.is_erased:
        return "—"
    url = reverse("dashboard_admin_confirm_erasure", args=[closure.pk])
    return format_html('<a href="{}">Confirm erasure…</a>', url)


class AccountClosureViewSet(ModelViewSet):
    model = AccountClosure
    icon = "user"
    menu_label = "Account closures"
    menu_order = 900
    add_to_admin_menu = True
    url_prefix = "account-closures"
    form_fields = ["user_email"]  # never shown: add and change are refused
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "user_email",
        "requested_at",
        "status",
        "confirmed_at",
        Column("confirm", label="Erasure", accessor=lambda c: confirm_link(c)),
    ]
    list_filter = ["requested_at", "confirmed_at"]
    search_fields = ["user_email"]
    inspect_view_fields = ["user_email", "requested_at", "status", "confirmed_at", "confirmed_by"]

    def get_queryset(self, request):
        return AccountClosure.objects.select_related("confirmed_by")
