from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks

from programs.wagtail_hooks import PendingJoinRequestsPanel

from . import views
from .cockpit import coordinator_cockpit
from .panels import cockpit_panels, sees_cockpit
from .viewsets import AccountClosureViewSet


@hooks.register("register_admin_viewset")
def register_account_closure_viewset():
    return AccountClosureViewSet("account_closures")


@hooks.register("register_admin_urls")
def register_account_closure_urls():
    return [
        path(
            "account-closures/<int:closure_id>/erase/",
            views.admin_confirm_erasure,
            name="dashboard_admin_confirm_erasure",
        )
    ]


@hooks.register("construct_homepage_panels")
def add_cockpit_panels(request, panels):
    """The coordinator's cockpit (dashboard/panels.py). For them it also shows
    the join requests waiting, so programs' own panel is left out."""
    if not sees_cockpit(request.user):
        return
    panels[:] = [panel for panel in panels if panel.name != PendingJoinRequestsPanel.name]
    panels.extend(cockpit_panels(coordinator_cockpit()))


@hooks.register("insert_global_admin_css")
def cockpit_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/cockpit.css"))
