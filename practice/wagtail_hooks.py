"""Mounts the practice-hours admin (viewsets/) and the supervisor's home panel."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from training.viewsets import old_admin_paths_redirect

from . import selectors
from .viewsets import PracticeHoursViewSetGroup

# Where these screens were before issue #15 moved them under /admin/practice/
# (the daily digest emails already sent link to the old queue).
OLD_ADMIN_PATHS = {
    "practice-hours/review": "practice/review",
    "practice-hours/entries": "practice/entries",
    "practice-hours/report": "practice/report",
}


@hooks.register("register_admin_urls")
def redirect_old_admin_paths():
    return old_admin_paths_redirect(OLD_ADMIN_PATHS)


@hooks.register("register_admin_viewset")
def register_practice_hours_viewsets():
    return PracticeHoursViewSetGroup()


class SupervisorHomePanel(Component):
    """On a supervisor's admin home: what waits for their review (oldest first,
    with how long) and each mentee's hours against the program."""

    name = "supervision"
    order = 80
    template_name = "practice/admin/home_supervisor.html"

    def __init__(self, supervision: selectors.SupervisorHome):
        self.supervision = supervision

    def get_context_data(self, parent_context):
        return {"supervision": self.supervision}


@hooks.register("construct_homepage_panels")
def add_supervisor_home_panel(request, panels):
    supervision = selectors.supervisor_home_for(request.user)
    if supervision is not None:
        panels.append(SupervisorHomePanel(supervision))
