"""Learner actions on course content: completing lessons, reflections."""

from django.urls import path  # noqa: F401

app_name = "courses"
urlpatterns: list = []
