"""Mounts the programs admin (viewsets/) and names its log actions."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from training.viewsets import old_admin_paths_redirect

from . import selectors, services
from .models import JoinRequest
from .viewsets import EnrollmentViewSetGroup

# Where these screens were before issue #15 moved them under /admin/programs/.
OLD_ADMIN_PATHS = {
    "program": "programs/programs",
    "cohort": "programs/cohorts",
    "enrollment": "programs/enrollments",
    "invitation": "programs/invitations",
    "joinrequest": "programs/join-requests",
}


@hooks.register("register_admin_urls")
def redirect_old_admin_paths():
    return old_admin_paths_redirect(OLD_ADMIN_PATHS)


@hooks.register("register_admin_viewset")
def register_enrollment_viewsets():
    return EnrollmentViewSetGroup()


@hooks.register("register_log_actions")
def register_enrollment_log_actions(actions):
    register = actions.register_action
    register(services.LOG_ENROLL, _("Enroll"), _("Enrolled"))
    register(services.LOG_REACTIVATE, _("Re-enroll"), _("Enrolled again"))
    register(services.LOG_SUPERVISOR_CHANGE, _("Change supervisor"), _("Changed the supervisor"))
    register(services.LOG_COHORT_CHANGE, _("Change cohort"), _("Changed the cohort"))
    register(services.LOG_WITHDRAW, _("Withdraw"), _("Withdrew the enrollment"))
    register(services.LOG_INVITE, _("Invite"), _("Sent the invitation"))
    register(services.LOG_INVITATION_ACCEPT, _("Accept"), _("Accepted the invitation"))
    register(services.LOG_JOIN_REQUEST, _("Ask to join"), _("Asked to join"))
    register(services.LOG_JOIN_APPROVE, _("Approve"), _("Approved the request"))
    register(services.LOG_JOIN_DECLINE, _("Decline"), _("Declined the request"))


class PendingJoinRequestsPanel(Component):
    """On the admin home: how many people are waiting for an answer."""

    name = "pending_join_requests"
    order = 90
    template_name = "programs/admin/home_pending_join_requests.html"

    def __init__(self, count: int):
        self.count = count

    def get_context_data(self, parent_context):
        return {
            "count": self.count,
            "url": reverse("programs_joinrequest:index") + "?status=pending",
        }


@hooks.register("construct_homepage_panels")
def add_pending_join_requests_panel(request, panels):
    policy = policy_registry.get_by_type(JoinRequest)
    if not policy.user_has_permission(request.user, "change"):
        return
    count = selectors.pending_join_requests().count()
    if count:
        panels.append(PendingJoinRequestsPanel(count))
