"""The learner's dashboard: gathers everything for one person.

It sits above every other app (see docs/architecture.md), so it may import
from training, courses, assessments and certificates.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from training.roles import is_staff_member

from .selectors import learning_for_dashboard


@login_required
def dashboard(request):
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "show_admin_link": is_staff_member(request.user),
            "programs": learning_for_dashboard(request.user),
        },
    )
