from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import VIEW_ATTEMPTS, question_statistics_report
from .viewsets import QuizViewSetGroup


@hooks.register("register_admin_viewset")
def register_quiz_viewsets():
    return QuizViewSetGroup()


@hooks.register("register_admin_urls")
def register_statistics_url():
    return [
        path(
            "reports/question-statistics/",
            question_statistics_report,
            name="assessments_question_statistics",
        )
    ]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_ATTEMPTS)


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        "Question statistics",
        reverse("assessments_question_statistics"),
        icon_name="list-ul",
        order=700,
    )
