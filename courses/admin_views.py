"""The Lead trainer's "Ask learners to redo this course" screen (Wagtail admin).

It shows how many learners the request affects before anything changes; the
request itself is `courses.services.course_redo_request`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from django.views.defaults import permission_denied

from training.errors import message_of

from .forms import RedoForm
from .models import CoursePage, CourseRedoRequest
from .review import confirmation
from .services import (
    REDO_PERMISSION,
    course_redo_request,
    quizzes_closed_after_a_pass,
    redo_affected,
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
    asked = request.GET.get("asked", "")
    if request.method == "GET" and asked.isascii() and asked.isdigit() and len(asked) < 19:
        # Wagtail's dashboard brings a Lead trainer here after "Approve and ask
        # learners to redo the course" (courses/review.py): say what was done.
        made = CourseRedoRequest.objects.filter(
            pk=int(asked), course=course, requested_by=request.user
        ).first()
        if made is not None:
            messages.success(request, confirmation(made))
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
                    ngettext(
                        "%(count)s learner asked to redo “%(course)s”. "
                        "Each of them has been emailed.",
                        "%(count)s learners asked to redo “%(course)s”. "
                        "Each of them has been emailed.",
                        done.learners_affected,
                    )
                    % {"count": done.learners_affected, "course": course.title},
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
