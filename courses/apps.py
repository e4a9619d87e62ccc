from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"

    def ready(self):
        from training.content_cache import watch

        from .models import CourseDomainCredit, ProgramCourse

        # Kept with the content: a program's required courses, courses' credits.
        watch(ProgramCourse, CourseDomainCredit)
