import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.selectors import study_state
from training.errors import message_of
from training.page_translations import content_lang, localized, source_page

from .grading import grade
from .models import Attempt, QuizPage
from .selectors import quiz_status_for, review_rows
from .services import (
    AttemptNotFound,
    NotEnrolled,
    UnansweredQuestions,
    attempt_save_answer,
    attempt_start,
    attempt_submit,
)

# The flag the "Submit anyway" button posts: grade even with questions unanswered.
CONFIRM_UNANSWERED = "confirm_unanswered"

MAX_ANSWER_BODY = 8 * 1024


def serve_quiz(page: QuizPage, request, args, kwargs):
    """The quiz page, for a signed-in learner who may study its course, with
    their attempts and the lessons they have left before it opens. Mounted by
    assessments/wagtail_hooks.py."""
    request.is_preview = False
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    course = page.get_parent().specific
    lessons = course.lessons()
    may_study, done = study_state(request.user, course, [lesson.pk for lesson in lessons])
    if not may_study:
        return page.not_enrolled_response(request)
    status = quiz_status_for(request.user, page, lessons=lessons, done=done)
    shown = localized(page)
    context = shown.get_context(request, *args, status=status, **kwargs)
    context["content_lang"] = content_lang(shown)
    return TemplateResponse(request, shown.get_template(request, *args, **kwargs), context)


def _own_attempt(request, attempt_id: int) -> Attempt:
    return get_object_or_404(Attempt, pk=attempt_id, learner=request.user)


@login_required
@require_POST
def start(request, quiz_id: int):
    # An attempt belongs to the English quiz; its questions are written down
    # in the reader's language (same question and choice ids in every one).
    quiz = localized(source_page(get_object_or_404(QuizPage.objects.live(), pk=quiz_id)))
    try:
        attempt = attempt_start(learner=request.user, quiz=quiz)
    except NotEnrolled:
        return quiz.not_enrolled_response(request)
    except ValidationError as error:
        messages.error(request, message_of(error))
        return redirect(quiz.url)
    return redirect("assessments:take", attempt_id=attempt.pk)


@login_required
@require_GET
def take(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if not attempt.is_open:
        return redirect("assessments:result", attempt_id=attempt.pk)
    if attempt.deadline and timezone.now() >= attempt.deadline:
        attempt_submit(attempt_id=attempt.pk, learner=request.user)
        messages.info(
            request, _("Time was up, so your attempt was graded with the answers you saved.")
        )
        return redirect("assessments:result", attempt_id=attempt.pk)
    return take_page(request, attempt)


def take_page(request, attempt: Attempt, unanswered: UnansweredQuestions | None = None):
    """The attempt's form, with the learner's saved answers ticked; after a
    submit with questions left blank, the warning naming them."""
    minutes_left = None
    if attempt.deadline:
        minutes_left = max(0, int((attempt.deadline - timezone.now()).total_seconds() // 60))
    return render(
        request,
        "assessments/take.html",
        {
            "attempt": attempt,
            "questions": attempt.snapshot["questions"],
            "page": attempt.quiz,
            "minutes_left": minutes_left,
            "unanswered": unanswered,
            "unanswered_ids": {q.id for q in unanswered.questions} if unanswered else set(),
        },
    )


@login_required
@require_POST
def answer(request, attempt_id: int):
    """Autosave of one answer (JSON): {"question": id, "choices": [ids]}."""
    if len(request.body) > MAX_ANSWER_BODY:
        return JsonResponse({"error": _("That answer is too large to save.")}, status=400)
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # deep nesting fits in 8 kB
        return JsonResponse({"error": _("That answer could not be read.")}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"error": _("That answer could not be read.")}, status=400)
    try:
        attempt = attempt_save_answer(
            attempt_id=attempt_id,
            learner=request.user,
            question_id=payload.get("question"),
            choice_ids=payload.get("choices"),
        )
    except AttemptNotFound:
        raise Http404 from None
    except ValidationError as error:
        return JsonResponse({"error": message_of(error)}, status=400)
    if not attempt.is_open:
        return JsonResponse(
            {"error": _("Time is up. Your saved answers were graded."), "closed": True}, status=409
        )
    return JsonResponse({"saved": True})


def responses_from_form(post, snapshot: dict) -> dict[str, list[str]]:
    """Read only the answer fields (q-<question id>); anything else posted
    (score, passed, user...) is ignored."""
    responses = {}
    for question in snapshot["questions"]:
        values = post.getlist(f"q-{question['id']}")
        if values:
            responses[question["id"]] = values
    return responses


@login_required
@require_POST
def submit(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    try:
        attempt = attempt_submit(
            attempt_id=attempt.pk,
            learner=request.user,
            responses=responses_from_form(request.POST, attempt.snapshot),
            confirm_unanswered=request.POST.get(CONFIRM_UNANSWERED) == "1",
        )
    except AttemptNotFound:
        raise Http404 from None
    except UnansweredQuestions as refusal:
        # Nothing graded: the form again, with the answers given (saved by the
        # service) and the questions left blank named, and "Submit anyway".
        attempt.refresh_from_db(fields=["responses"])
        return take_page(request, attempt, unanswered=refusal)
    except ValidationError as error:
        messages.error(request, message_of(error))
        return redirect("assessments:take", attempt_id=attempt.pk)
    return redirect("assessments:result", attempt_id=attempt.pk)


@login_required
@require_GET
def result(request, attempt_id: int):
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz"), pk=attempt_id, learner=request.user
    )
    if attempt.is_open:
        return redirect("assessments:take", attempt_id=attempt.pk)
    quiz = attempt.quiz
    # Whether and when "Try again" opens, shown before anyone clicks it.
    status = quiz_status_for(request.user, quiz) if quiz is not None else None
    rows = review_rows(
        attempt,
        grade(attempt.snapshot, attempt.responses),
        passed_quiz=bool(status and status["passed"]),
    )
    return render(
        request,
        "assessments/result.html",
        {"attempt": attempt, "rows": rows, "quiz": quiz, "status": status},
    )
