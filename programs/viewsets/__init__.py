"""The coordinators' back office for programs and enrollment (Wagtail admin), one
module per record. Every view checks Wagtail's permission policy for its model
(Django model permissions granted to the roles by migrations), so the menu,
the buttons and the URLs agree on who may do what.
"""

from wagtail.admin.viewsets.base import ViewSetGroup

from .enrollment import EnrollmentViewSet
from .invitations import InvitationViewSet
from .join_requests import JoinRequestViewSet
from .programs import CohortViewSet, ProgramViewSet

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
