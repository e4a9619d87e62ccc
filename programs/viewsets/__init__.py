"""The coordinators' back office for programs and enrollment (Wagtail admin), one
module per record. Every view checks Wagtail's permission policy for its model
(Django model permissions granted to the roles by migrations), so the menu,
the buttons and the URLs agree on who may do what.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from .enrollment import EnrollmentViewSet
from .invitations import InvitationViewSet
from .join_requests import JoinRequestViewSet
from .programs import CohortViewSet, DomainViewSet, ProgramViewSet

# --- The menu group -------------------------------------------------------------------


class EnrollmentViewSetGroup(ViewSetGroup):
    menu_label = _("Enrollment")
    menu_icon = "group"
    menu_order = 250
    items = (
        # URL names carry the app (programs_enrollment:index) and the paths sit
        # under /admin/programs/; the old paths redirect (wagtail_hooks.py).
        ProgramViewSet("programs_program", url_prefix="programs/programs"),
        DomainViewSet("programs_domain", url_prefix="programs/domains"),
        CohortViewSet("programs_cohort", url_prefix="programs/cohorts"),
        EnrollmentViewSet("programs_enrollment", url_prefix="programs/enrollments"),
        InvitationViewSet(url_prefix="programs/invitations"),
        JoinRequestViewSet(url_prefix="programs/join-requests"),
    )
