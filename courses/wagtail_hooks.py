"""Mounts the courses layer's views into Wagtail."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_views, review, views
from .models import CoursePage
from .services import REDO_PERMISSION

# Documents open only for the people who may study the course that uses them
# (and staff), or for everyone in the "Public documents" collection.
hooks.register("before_serve_document", views.document_refusal)


# Serving the catalogue, a course or a lesson: the views in courses/views.py
# read what the person may see and has done and hand it to the page models.
# Registered last (a high order) so it is the innermost step of Wagtail's
# serving chain: its own steps, such as the page's view restrictions, come first.
@hooks.register("on_serve_page", order=1000)
def serve_course_pages(serve_next):
    def serve(page, request, args, kwargs):
        view = views.PAGE_VIEWS.get(type(page))
        if view is None:
            return serve_next(page, request, args, kwargs)
        return view(page, request, args, kwargs)

    return serve


@hooks.register("register_admin_urls")
def register_course_admin_urls():
    return [path("courses/<int:course_id>/redo/", admin_views.redo, name="courses_admin_redo")]


def _redo_button(page, user, priority):
    if isinstance(page.specific_deferred, CoursePage) and user.has_perm(REDO_PERMISSION):
        yield Button(
            _("Ask learners to redo this course"),
            reverse("courses_admin_redo", args=[page.pk]),
            icon_name="redirect",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def redo_header_button(page, user, view_name=None, next_url=None):
    yield from _redo_button(page, user, 80)


@hooks.register("register_page_listing_more_buttons")
def redo_listing_button(page, user, next_url=None):
    yield from _redo_button(page, user, 80)


# "Approve and ask learners to redo the course" from the page editor
# (courses/review.py): the answers are checked again before anything is saved,
# and the Lead trainer is told how many learners were asked.
hooks.register("before_edit_page", review.refuse_a_redo_approval_that_would_fail)
hooks.register("after_edit_page", review.confirm_the_redo_request)
