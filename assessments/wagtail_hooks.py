from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from . import views
from .admin_views import VIEW_ATTEMPTS, question_statistics_report
from .forms import CONFIRM_FIELD, COPYABLE_DRAFT_WARNING
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
        _("Question statistics"),
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


# A draft is saved whatever its settings (QuizPageForm asks for the confirmation
# only when publishing or sending for review), but its author hears at once that
# the question will come. Publishing or sending for review with such settings
# gets here only with the box ticked, so the warning is for drafts alone. An
# autosave (answered with JSON) shows no messages, so it gets none.
@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_copyable_quiz_drafts(request, page):
    if (
        isinstance(page, QuizPage)
        and page.answers_copyable
        and not request.POST.get(CONFIRM_FIELD)
        and request.accepts("text/html")
    ):
        messages.warning(request, COPYABLE_DRAFT_WARNING)
