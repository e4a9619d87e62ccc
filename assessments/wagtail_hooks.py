from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .admin_views import VIEW_ATTEMPTS, question_statistics_report
from .models import QuizPage
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


# Serving a quiz: assessments.views.serve_quiz checks the learner may study the
# course and hands the page their attempts. Registered last (a high order) so it
# is the innermost step of Wagtail's serving chain, after its own (such as the
# page's view restrictions).
@hooks.register("on_serve_page", order=1000)
def serve_quiz_pages(serve_next):
    def serve(page, request, args, kwargs):
        if type(page) is QuizPage:
            return views.serve_quiz(page, request, args, kwargs)
        return serve_next(page, request, args, kwargs)

    return serve
