from wagtail.models import Page


class QuizPage(Page):
    """Placeholder so CoursePage can allow quizzes as children; the assessments
    issue gives it its fields."""

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
