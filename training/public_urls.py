"""Public (learner-facing) URLs of the training layer: programs, join requests, invitations."""

from django.urls import path  # noqa: F401

app_name = "training"
urlpatterns: list = []
