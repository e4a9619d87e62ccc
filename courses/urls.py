"""Learner actions on course content: completing lessons, reflections."""

from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("lessons/<int:lesson_id>/complete/", views.lesson_complete, name="lesson_complete"),
    path(
        "lessons/<int:lesson_id>/reflections/<slug:prompt_id>/",
        views.reflection_save,
        name="reflection_save",
    ),
    path("reflections/download/", views.reflections_download, name="reflections_download"),
]
