"""Content review's approval step, with the choice to ask learners to redo the
course (issue #16).

`LeadTrainerApprovalTask` is Wagtail's group approval task (the Lead trainer
group approves: courses/site_setup.py) with one more action for a page that
belongs to a course (the course page, or a lesson or quiz in it) that someone
has completed: "Approve and ask learners to redo the course". Wagtail offers
it with its own actions, in
the page editor's action menu and on the admin dashboard, to the people who
may approve and may ask for a redo. It opens a modal with the number of
learners who completed the course and would be asked, the reason and a
confirmation box (`RedoApprovalForm`, checked again on the server). Confirmed,
the page is approved (and so published) exactly as "Approve" does, then
`courses.services.course_redo_request` sets the completions aside and emails
each learner: one transaction, so a refused request approves nothing.

A model outside courses/models.py, because it calls the services, which import
the models: courses/models.py cannot import it without an import circle
(.importlinter). courses/apps.py imports it when the app is ready, so Django
and its migrations know it (courses/0005).
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext
from wagtail.models import GroupApprovalTask, Page

from training.errors import message_of

from .forms import RedoForm
from .models import CoursePage, CourseRedoRequest
from .selectors import course_of_page
from .services import (
    REDO_PERMISSION,
    check_course_redo,
    course_redo_request,
    quizzes_closed_after_a_pass,
    redo_affected,
)

APPROVE_WITH_REDO = "approve_with_redo"
# Marked here and translated where it is offered (`get_actions`), so the
# constant itself stays plain text that other code can look for.
APPROVE_WITH_REDO_LABEL = gettext_noop("Approve and ask learners to redo the course")
MODAL_TEMPLATE = "courses/admin/approve_with_redo.html"
# Where the request made in this request is kept, on the user object (as Wagtail
# keeps its own per-request checks there), for the editor's confirmation.
MADE_ATTRIBUTE = "_courses_redo_request_made"


class RedoApprovalForm(RedoForm):
    """The redo's reason and confirmation, for one course and one Lead trainer:
    it also says how many learners the redo asks (`affected`) and refuses what
    the service would refuse, so the modal shows the message and approves nothing."""

    def __init__(self, *args, course: CoursePage | None, requested_by, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.requested_by = requested_by
        self.affected = redo_affected(course) if course is not None else 0
        self.has_quiz = bool(course.activities()) if course is not None else False
        self.closed_quizzes = quizzes_closed_after_a_pass(course) if course is not None else []

    def clean(self):
        cleaned = super().clean()
        if self.course is None:
            raise ValidationError(
                _("This page isn't part of a course, so there is no course to redo.")
            )
        if not self.affected:
            raise ValidationError(
                _(
                    "Nobody has a recorded completion of this course, so nobody needs to redo "
                    "it. Nothing was approved: choose “Approve” instead."
                )
            )
        if "reason" in cleaned:
            try:
                cleaned["reason"] = check_course_redo(
                    course=self.course, requested_by=self.requested_by, reason=cleaned["reason"]
                )
            except ValidationError as error:
                raise ValidationError(message_of(error)) from error
        return cleaned

    def error_text(self) -> str:
        return " ".join(message for errors in self.errors.values() for message in errors)


class LeadTrainerApprovalTask(GroupApprovalTask):
    class Meta:
        app_label = "courses"
        verbose_name = gettext_lazy("Lead trainer approval task")
        verbose_name_plural = gettext_lazy("Lead trainer approval tasks")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve. For a course, lesson or quiz they may also "
            "ask every learner who completed the course to redo it."
        )

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        # Wagtail tells `get_form_for_action` only the action's name; its
        # workflow views ask for the actions first, so the modal's form reads
        # the page and the person from here.
        self._acting = (obj, user)
        if actions and self.offers_redo(obj, user):
            actions.append((APPROVE_WITH_REDO, _(APPROVE_WITH_REDO_LABEL), True))
        return actions

    def offers_redo(self, obj, user) -> bool:
        """For a page of a course someone has completed, to a person who may
        ask for a redo (and approve: `get_actions`)."""
        course = self.course_of(obj)
        return (
            course is not None
            and course.has_standing_completions
            and user.has_perm(REDO_PERMISSION)
        )

    def course_of(self, obj) -> CoursePage | None:
        """The course of the page, asked once per page for this task object
        (Wagtail asks for the actions several times in one request)."""
        if not isinstance(obj, Page):
            return None
        known = self.__dict__.setdefault("_courses", {})
        if obj.pk not in known:
            known[obj.pk] = course_of_page(obj)
        return known[obj.pk]

    def get_form_for_action(self, action):
        if action == APPROVE_WITH_REDO:
            return self.redo_form
        return super().get_form_for_action(action)

    def redo_form(self, *args, **kwargs) -> RedoApprovalForm:
        obj, user = getattr(self, "_acting", (None, None))
        return RedoApprovalForm(*args, course=self.course_of(obj), requested_by=user, **kwargs)

    def get_template_for_action(self, action):
        if action == APPROVE_WITH_REDO:
            return MODAL_TEMPLATE
        return super().get_template_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != APPROVE_WITH_REDO:
            return super().on_action(task_state, user, action_name, **kwargs)
        page = task_state.workflow_state.content_object
        if APPROVE_WITH_REDO not in [name for name, *_ in self.get_actions(page, user)]:
            raise PermissionDenied
        # Checked again: from the page editor the modal's answers come back
        # inside the editor's own form, as JSON.
        form = self.redo_form(data=kwargs)
        if not form.is_valid():
            raise ValidationError(form.error_text())
        reason = form.cleaned_data["reason"]
        task_state.approve(
            user=user,
            comment=f"Approved, and asked the learners who completed the course to redo it: "
            f"{reason}",
        )
        # Read afresh: approving may just have published the course page itself.
        course = CoursePage.objects.get(pk=form.course.pk)
        made = course_redo_request(course=course, requested_by=user, reason=reason)
        setattr(user, MADE_ATTRIBUTE, made)
        # From the dashboard's modal Wagtail goes where this says: the course's
        # redo screen, which confirms the request.
        return reverse("courses_admin_redo", args=[course.pk]) + f"?asked={made.pk}"


# --- The page editor -----------------------------------------------------------------
# From the editor, Wagtail checks the modal's form in one request and performs
# the action in the next, with the answers as JSON in the editor's form, and
# says nothing of what the action did. These hooks (courses/wagtail_hooks.py)
# check the answers again before anything is saved, and confirm the request.


def _asks_for_redo(request) -> bool:
    return (
        request.method == "POST"
        and bool(request.POST.get("action-workflow-action"))
        and request.POST.get("workflow-action-name") == APPROVE_WITH_REDO
    )


def refuse_a_redo_approval_that_would_fail(request, page):
    """`before_edit_page`: when the redo can't be asked (another Lead trainer
    asked meanwhile, a quiz was closed to new attempts, a hand-made request),
    nothing is approved: the editor's changes are saved as a draft, as "Save
    draft" does, and the message says why."""
    if not _asks_for_redo(request):
        return None
    task = page.current_workflow_task
    if not isinstance(task, LeadTrainerApprovalTask):
        return None
    if APPROVE_WITH_REDO in [name for name, *_ in task.get_actions(page, request.user)]:
        try:
            answers = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
        except ValueError:
            answers = None
        form = task.redo_form(data=answers if isinstance(answers, dict) else {})
        if form.is_valid():
            return None
        why = form.error_text()
    else:
        why = _(
            "This page can't be approved with a redo: nobody has a recorded completion of "
            "its course now, or you may not ask for one."
        )
    request.POST = request.POST.copy()
    del request.POST["action-workflow-action"]
    messages.error(
        request,
        _("Nothing was approved. %(why)s Anything you changed is saved as a draft.") % {"why": why},
    )
    return None


def confirm_the_redo_request(request, page):
    """`after_edit_page`: say how many learners were asked."""
    made = getattr(request.user, MADE_ATTRIBUTE, None) if _asks_for_redo(request) else None
    if made is not None:
        messages.success(request, confirmation(made))


def confirmation(made: CourseRedoRequest) -> str:
    count = made.learners_affected
    return ngettext(
        "Approved and published. %(count)s learner asked to redo “%(course)s”. "
        "Each of them has been emailed.",
        "Approved and published. %(count)s learners asked to redo “%(course)s”. "
        "Each of them has been emailed.",
        count,
    ) % {"count": count, "course": made.course_title}
