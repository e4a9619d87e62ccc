from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

ITEMS = ["Listening", "Sharing", "Boundaries", "Follow-up", "Self-care"]


def plain(request):
    """A small template, rendered: the floor a Django page stands on."""
    return render(request, "plain.html", {"title": "Plain view", "items": ITEMS})


def healthz(request):
    return HttpResponse("ok")


urlpatterns = [path("plain/", plain), path("healthz", healthz)]
