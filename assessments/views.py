import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from courses.selectors import can_study
from training.errors import message_of

from .grading import grade
from .models import Attempt, QuizPage
from .selectors import quiz_status_for, review_rows
from .services import (
    AttemptNotFound,
    NotEnrolled,
    attempt_save_answer,
    attempt_start,
    attempt_submit,
)

MAX_ANSWER_BODY = 8 * 1024


def serve_quiz(page: QuizPage, request, args, kwargs):
    """The quiz page, for a signed-in learner who may study its course, with
    their attempts. Mounted by assessments/wagtail_hooks.py."""
    request.is_preview = False
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_study(request.user, page.get_parent().specific):
        return page.not_enrolled_response(request)
    return TemplateResponse(
        request,
        page.get_template(request, *args, **kwargs),
        page.get_context(request, *args, status=quiz_status_for(request.user, page), **kwargs),
    )


def _own_attempt(request, attempt_id: int) -> Attempt:
    return get_object_or_404(Attempt, pk=attempt_id, learner=request.user)


@login_required
@require_POST
def start(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
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
            request, "Time was up, so your attempt was graded with the answers you saved."
        )
        return redirect("assessments:result", attempt_id=attempt.pk)
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
        },
    )


@login_required
@require_POST
def answer(request, attempt_id: int):
    """Autosave of one answer (JSON): {"question": id, "choices": [ids]}."""
    if len(request.body) > MAX_ANSWER_BODY:
        return JsonResponse({"error": "That answer is too large to save."}, status=400)
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # deep nesting fits in 8 kB
        return JsonResponse({"error": "That answer could not be read."}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"error": "That answer could not be read."}, status=400)
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
            {"error": "Time is up. Your saved answers were graded.", "closed": True}, status=409
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
        )
    except AttemptNotFound:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, message_of(error))
        return redirect("assessments:take", attempt_id=attempt.pk)
    return redirect("assessments:result", attempt_id=attempt.pk)


@login_required
@require_GET
def result(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if attempt.is_open:
        return redirect("assessments:take", attempt_id=attempt.pk)
    rows = review_rows(attempt, grade(attempt.snapshot, attempt.responses))
    return render(
        request,
        "assessments/result.html",
        {"attempt": attempt, "rows": rows, "quiz": attempt.quiz},
    )
