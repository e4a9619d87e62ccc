"""Serving the course pages to a person, and learner actions on lessons.
Thin: check the input, call one service or read, answer.

Reading the catalogue, a course or a lesson is Wagtail's page serving: the
`serve_*` views below are mounted by courses/wagtail_hooks.py and hand the
page models what the reader may see and has done (the models read only their
own content). The other views take the POSTs that change a learner's own
progress and reflections, serve the download of their own reflections, and
refuse documents to people who may not open them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from training.errors import message_of
from training.page_translations import content_lang, localized, source_page

from . import services
from .forms import ReflectionForm
from .models import CourseIndexPage, CoursePage, LessonPage
from .selectors import (
    NOT_SIGNED_IN,
    document_access,
    lesson_access,
    progress_for_courses,
    reflection_prompts,
    reflections_by_prompt,
    reflections_of,
    study_state_with_credit,
    studyable_course_ids,
)

# What a refusal from the services answers with.
REFUSAL_STATUS = {
    services.UNPUBLISHED: 404,
    services.NOT_ALLOWED: 403,
    services.LOCKED: 403,
    services.UNKNOWN_PROMPT: 400,
}


# --- Serving the pages ---------------------------------------------------------


def page_response(page, request, args, kwargs, **context):
    """What Page.serve answers, with the reader's `context` for `get_context`,
    in the reader's language where the page has a translation in it
    (training/page_translations.py)."""
    request.is_preview = False
    shown = localized(page)
    page_context = shown.get_context(request, *args, **context, **kwargs)
    page_context["content_lang"] = content_lang(shown)
    return TemplateResponse(request, shown.get_template(request, *args, **kwargs), page_context)


def serve_course_index(page: CourseIndexPage, request, args, kwargs):
    """The catalogue, with the reader's progress in the courses they may study."""
    courses = [localized(course) for course in page.live_courses()]
    studyable = studyable_course_ids(request.user)
    progress = progress_for_courses(
        request.user, [course for course in courses if course.pk in studyable]
    )
    return page_response(page, request, args, kwargs, courses=courses, progress=progress)


def serve_course(page: CoursePage, request, args, kwargs):
    """The overview is public; progress and lesson links only for a learner
    who may study the course."""
    lessons = page.lessons()
    may_study, done, completed = study_state_with_credit(
        request.user, page, [x.pk for x in lessons]
    )
    return page_response(
        page,
        request,
        args,
        kwargs,
        lessons=lessons,
        can_study=may_study,
        done=done,
        completed=completed,
    )


def serve_lesson(page: LessonPage, request, args, kwargs):
    """Lessons are for signed-in learners who may study the course (see
    `courses.selectors.can_study`); previews in the admin skip this (the
    admin has its own permissions) and go through `get_context` only."""
    request.is_preview = False
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access = lesson_access(request.user, page)
    if not access.allowed:
        return TemplateResponse(
            request,
            "courses/lesson_not_allowed.html",
            {"page": page, "course": access.course, "reason": access.reason},
            status=403,
        )
    if access.locked:
        return TemplateResponse(
            request,
            "courses/lesson_locked.html",
            {"page": page, "access": access, "course": access.course},
            status=403,
        )
    return page_response(page, request, args, kwargs, **lesson_context(request, page, access))


def lesson_context(request, lesson: LessonPage, access) -> dict:
    """What LessonPage.get_context takes for a reader the lesson is open to."""
    return {
        "access": access,
        # The learner's own answers only.
        "reflections": (
            reflections_by_prompt(request.user, lesson) if lesson.has_reflection_prompts else {}
        ),
    }


# Page type -> the view that serves it (courses/wagtail_hooks.py).
PAGE_VIEWS = {
    CourseIndexPage: serve_course_index,
    CoursePage: serve_course,
    LessonPage: serve_lesson,
}


# --- Learner actions -------------------------------------------------------------


def refused(request, error: ValidationError, lesson: LessonPage | None):
    code = getattr(error, "code", None)
    return TemplateResponse(
        request,
        "courses/action_refused.html",
        {
            "message": message_of(error),
            # Link back only to a lesson the person can still open.
            "lesson": lesson if lesson is not None and lesson.live else None,
        },
        status=REFUSAL_STATUS.get(code, 400),
    )


def find_lesson(lesson_id: int) -> LessonPage | None:
    """The lesson an action names; a translation's id stands for its English
    page, which progress and reflections are recorded against."""
    lesson = LessonPage.objects.filter(pk=lesson_id).first()
    return source_page(lesson) if lesson is not None else None


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = find_lesson(lesson_id)
    # The reflection boxes belong to the same form (templates/courses/
    # lesson_page.html), so an answer typed but not saved comes along.
    answers = {
        prompt_id: request.POST[key]
        for prompt_id in (reflection_prompts(lesson) if lesson is not None else {})
        if (key := f"{ReflectionForm.prefix_for(prompt_id)}-text") in request.POST
    }
    try:
        services.lesson_complete_with_reflections(
            learner=request.user, lesson=lesson, answers=answers
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            return refused(request, error, lesson)
        messages.error(
            request,
            _(
                "Your lesson isn't marked complete yet, and nothing was saved: "
                "please shorten your answer below, then press the button again."
            ),
        )
        forms = {
            prompt_id: ReflectionForm(request.POST, prefix=ReflectionForm.prefix_for(prompt_id))
            for prompt_id in answers
        }
        for prompt_id, problems in error.error_dict.items():
            forms[prompt_id].add_error("text", problems)
        return lesson_with_answer_errors(request, lesson, forms)
    messages.success(request, _("Well done: “%(lesson)s” is complete.") % {"lesson": lesson.title})
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
        form.add_error("text", error)
        return lesson_with_answer_errors(request, lesson, {prompt_id: form})
    messages.success(request, _("Your reflection is saved. Only you can read it."))
    return redirect(f"{lesson.get_url(request)}#reflection-{prompt_id}")


def lesson_with_answer_errors(request, lesson, forms: dict):
    """Show the lesson again with the answers (`forms`, prompt id -> bound form
    with its errors) and the messages in place, so nothing the learner wrote is
    lost. The service has already checked that the lesson is open to them."""
    access = lesson_access(request.user, lesson)
    return TemplateResponse(
        request,
        lesson.get_template(request),
        lesson.get_context(
            request,
            reflection_forms=forms,
            **lesson_context(request, lesson, access),
        ),
        status=400,
    )


@login_required
@require_GET
def reflections_download(request):
    """The signed-in person's own reflections as a Markdown file. Nobody can
    ask for anyone else's: there is no parameter to ask with."""
    lines = [
        "# " + _("My reflections"),
        "",
        _("Downloaded from Peerpath on %(date)s. Only you can read these answers.")
        # Translators: a date format (Django's `date` filter), "07 December 2026".
        % {"date": date_format(timezone.localdate(), _("d F Y"))},
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
            "_{}_".format(
                _("Last changed %(when)s")
                # Translators: a date and time format, "07 December 2026, 14:05".
                % {"when": date_format(timezone.localtime(reflection.updated_at), _("d F Y, H:i"))}
            ),
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
