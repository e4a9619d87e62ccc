"""Public URLs of programs: the list, join requests and invitations (under /programs/)."""

from django.urls import path

from . import views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="program_list"),
    path("requests/", views.join_request_list, name="join_request_list"),
    path("requests/<int:pk>/", views.join_request_detail, name="join_request_detail"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/join/", views.join_request_create, name="join_request_create"),
]
