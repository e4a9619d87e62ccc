"""Mounts the practice-hours admin (viewsets/) and the supervisor's home panel."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from training.viewsets import old_admin_paths_redirect

from . import selectors, services
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


class HoursWaitingPanel(Component):
    """On a supervisor's admin home: entries of their mentees waiting for review."""

    name = "hours_waiting"
    order = 80
    template_name = "practice/admin/home_hours_waiting.html"

    def __init__(self, count: int):
        self.count = count

    def get_context_data(self, parent_context):
        return {"count": self.count, "url": reverse("practice_review:index")}


@hooks.register("construct_homepage_panels")
def add_hours_waiting_panel(request, panels):
    if not request.user.has_perm(services.REVIEW_PERMISSION):
        return
    count = selectors.review_queue(request.user).count()
    if count:
        panels.append(HoursWaitingPanel(count))
