"""The learner's supervised practice log: /programs/<program>/hours/…"""

from django.urls import path

from . import views

app_name = "practice"
urlpatterns = [
    path("<slug:slug>/hours/", views.hours_log, name="hours_log"),
    path("<slug:slug>/hours/new/", views.hours_add, name="hours_add"),
    path("<slug:slug>/hours/submit/", views.hours_submit, name="hours_submit"),
    path("<slug:slug>/hours/export.csv", views.hours_csv, name="hours_csv"),
    path("<slug:slug>/hours/summary/", views.hours_print, name="hours_print"),
    path("<slug:slug>/hours/<int:pk>/", views.hours_detail, name="hours_detail"),
    path("<slug:slug>/hours/<int:pk>/edit/", views.hours_edit, name="hours_edit"),
    path("<slug:slug>/hours/<int:pk>/withdraw/", views.hours_withdraw, name="hours_withdraw"),
    path("<slug:slug>/hours/<int:pk>/delete/", views.hours_delete, name="hours_delete"),
]
