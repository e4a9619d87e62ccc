"""The per-question statistics report in the admin, with CSV export."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from training.ids import plain_id

from .models import Attempt, QuizPage
from .statistics import question_statistics

VIEW_ATTEMPTS = "assessments.view_attempt"


def question_statistics_report(request):
    if not request.user.has_perm(VIEW_ATTEMPTS):
        raise PermissionDenied
    quizzes = QuizPage.objects.order_by("title")
    quiz = None
    rows = []
    count = 0
    quiz_id = plain_id(request.GET.get("quiz", ""))
    if quiz_id:
        quiz = quizzes.filter(pk=quiz_id).first()
    if quiz is not None:
        attempts = list(
            Attempt.objects.filter(quiz=quiz, status=Attempt.Status.GRADED).only(
                "snapshot", "responses"
            )
        )
        count = len(attempts)
        rows = question_statistics(attempts)
        if request.GET.get("export") == "csv":
            return statistics_csv(quiz, rows)
    return render(
        request,
        "assessments/admin/question_statistics.html",
        {"quizzes": quizzes, "quiz": quiz, "rows": rows, "attempt_count": count},
    )


def statistics_csv(quiz: QuizPage, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="question-statistics-{quiz.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [_("Question"), _("Drawn"), _("Answered"), _("Percent correct"), _("Discrimination")]
    )
    for row in rows:
        writer.writerow(
            [row.prompt, row.drawn, row.answered, row.percent_correct, row.discrimination]
        )
    return response
