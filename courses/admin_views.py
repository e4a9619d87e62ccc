"""The Lead trainer's "Ask learners to redo this course" screen (Wagtail admin).

It shows how many learners the request affects before anything changes; the
request itself is `courses.services.course_redo_request`."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods
from django.views.defaults import permission_denied

from training.errors import message_of

from .models import CoursePage, CourseRedoRequest
from .services import (
    REDO_PERMISSION,
    course_redo_request,
    quizzes_closed_after_a_pass,
    redo_affected,
)


class RedoForm(forms.Form):
    reason = forms.CharField(
        label="Why learners need to take the course again",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Every learner affected gets this in an email. Say what changed and why it "
        "matters for their work.",
        error_messages={"required": "Say why: learners read this in their email."},
    )
    confirm = forms.BooleanField(
        label="I understand these learners' completions will be set aside until they finish "
        "the course again",
        error_messages={"required": "Tick the box to confirm the request."},
    )


@require_http_methods(["GET", "POST"])
def redo(request, course_id: int):
    """Returned, not raised: Wagtail turns a raised PermissionDenied into a
    redirect to the admin home."""
    if not request.user.has_perm(REDO_PERMISSION):
        return permission_denied(request, PermissionDenied())
    course = get_object_or_404(CoursePage, pk=course_id)
    form = RedoForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                done = course_redo_request(
                    course=course,
                    requested_by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error(None, message_of(error))
            else:
                messages.success(
                    request,
                    f"{done.learners_affected} learner{'s' if done.learners_affected != 1 else ''}"
                    f" asked to redo “{course.title}”. Each of them has been emailed.",
                )
                return redirect("courses_admin_redo", course_id=course.pk)
        status = 400
    return TemplateResponse(
        request,
        "courses/admin/redo.html",
        {
            "course": course,
            "form": form,
            "affected": redo_affected(course),
            "has_quiz": bool(course.activities()),
            "closed_quizzes": quizzes_closed_after_a_pass(course),
            "earlier": CourseRedoRequest.objects.filter(course=course).select_related(
                "requested_by"
            )[:10],
        },
        status=status,
    )
