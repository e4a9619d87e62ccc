"""Learner actions on lessons. Thin: check the input, call one service, answer.

Reading a lesson is Wagtail's page serving (LessonPage.serve); these views
take the POSTs that change a learner's own progress and reflections, serve
the download of their own reflections, and refuse documents to people who may
not open them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from . import services
from .forms import ReflectionForm
from .models import LessonPage
from .selectors import NOT_SIGNED_IN, document_access, lesson_access, reflections_of

# What a refusal from the services answers with.
REFUSAL_STATUS = {
    services.UNPUBLISHED: 404,
    services.NOT_ALLOWED: 403,
    services.LOCKED: 403,
    services.UNKNOWN_PROMPT: 400,
}


def refused(request, error: ValidationError, lesson: LessonPage | None):
    code = getattr(error, "code", None)
    return TemplateResponse(
        request,
        "courses/action_refused.html",
        {
            "message": " ".join(error.messages),
            # Link back only to a lesson the person can still open.
            "lesson": lesson if lesson is not None and lesson.live else None,
        },
        status=REFUSAL_STATUS.get(code, 400),
    )


def find_lesson(lesson_id: int) -> LessonPage | None:
    return LessonPage.objects.filter(pk=lesson_id).first()


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = find_lesson(lesson_id)
    try:
        services.lesson_complete(learner=request.user, lesson=lesson)
    except ValidationError as error:
        return refused(request, error, lesson)
    messages.success(request, f"Well done: “{lesson.title}” is complete.")
    return redirect(lesson.get_url(request) + "#lesson-progress")


@login_required
@require_POST
def reflection_save(request, lesson_id: int, prompt_id: str):
    lesson = find_lesson(lesson_id)
    form = ReflectionForm(request.POST, prefix=ReflectionForm.prefix_for(prompt_id))
    try:
        services.reflection_save(
            author=request.user,
            lesson=lesson,
            prompt_id=prompt_id,
            text=request.POST.get(form.add_prefix("text"), ""),
        )
    except ValidationError as error:
        if getattr(error, "code", None) in REFUSAL_STATUS:
            return refused(request, error, lesson)
        return lesson_with_answer_error(request, lesson, prompt_id, form, error)
    messages.success(request, "Your reflection is saved. Only you can read it.")
    return redirect(f"{lesson.get_url(request)}#reflection-{prompt_id}")


def lesson_with_answer_error(request, lesson, prompt_id, form, error):
    """Show the lesson again with the answer and the message in place, so
    nothing the learner wrote is lost. The service has already checked that
    the lesson is open to them."""
    form.add_error("text", error)
    access = lesson_access(request.user, lesson)
    return TemplateResponse(
        request,
        lesson.get_template(request),
        lesson.get_context(request, access=access, reflection_forms={prompt_id: form}),
        status=400,
    )


@login_required
@require_GET
def reflections_download(request):
    """The signed-in person's own reflections as a Markdown file. Nobody can
    ask for anyone else's: there is no parameter to ask with."""
    lines = [
        "# My reflections",
        "",
        f"Downloaded from Peerpath on {timezone.localdate():%d %B %Y}. "
        "Only you can read these answers.",
        "",
    ]
    current_lesson = None
    for reflection in reflections_of(request.user):
        if reflection.lesson_title != current_lesson:
            current_lesson = reflection.lesson_title
            lines += [f"## {current_lesson}", ""]
        lines += [
            f"**{reflection.prompt_text}**",
            "",
            reflection.text,
            "",
            f"_Last changed {timezone.localtime(reflection.updated_at):%d %B %Y, %H:%M}_",
            "",
        ]
    response = HttpResponse("\n".join(lines), content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-reflections.md"'
    response["Cache-Control"] = "private, no-store"
    return response


def document_refusal(document, request):
    """Wagtail's `before_serve_document` hook (courses/wagtail_hooks.py): nothing
    when the person may open the document (`document_access`), otherwise the
    answer instead of the file: a sign-in for a visitor, a page saying why."""
    access = document_access(request.user, document)
    if access.allowed:
        return None
    if access.reason == NOT_SIGNED_IN:
        return redirect_to_login(request.get_full_path())
    return TemplateResponse(
        request,
        "courses/document_not_allowed.html",
        {"courses": access.courses, "reason": access.reason},
        status=403,
    )
