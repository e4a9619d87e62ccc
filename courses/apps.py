from django.apps import AppConfig

from training.content_cache import watch


class CoursesConfig(AppConfig):
    name = "courses"

    def ready(self):
        # Deferred: Django loads apps.py before any models module (the app registry).
        from .models import CourseDomainCredit, ProgramCourse

        # Kept with the content: a program's required courses, courses' credits.
        watch(ProgramCourse, CourseDomainCredit)
