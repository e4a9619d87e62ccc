"""Coordinators' listing of account closures; erasure is confirmed on its own
screen (dashboard.views.admin_confirm_erasure), never by editing a row."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import AccountClosure


class AccountClosurePermissionPolicy(ModelPermissionPolicy):
    """Closures are asked for by the person and confirmed with the erasure
    action: nobody adds, edits or deletes them as plain rows."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(AccountClosure, AccountClosurePermissionPolicy(AccountClosure))


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
