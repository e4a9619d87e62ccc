from django.urls import path

from . import views

# Not namespaced: the site refers to the dashboard as plain "dashboard".
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("data/", views.data, name="dashboard_data"),
    path("data/export.zip", views.data_export, name="dashboard_data_export"),
    path("data/close/", views.data_close, name="dashboard_data_close"),
    path("closed/", views.closed, name="dashboard_closed"),
]
