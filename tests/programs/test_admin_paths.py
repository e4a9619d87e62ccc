"""The enrollment and practice-hours admin moved under /admin/programs/ and
/admin/practice/ (issue #15); the old paths, in bookmarks and in emails already
sent, still lead there."""

import pytest
from django.urls import reverse

from tests.programs.factories import EnrollmentFactory
from tests.programs.test_enrollment_admin import staff
from tests.training.factories import CoordinatorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/enrollment/", "/admin/programs/enrollments/"),
        ("/admin/program/add/", "/admin/programs/programs/add/"),
        ("/admin/cohort/", "/admin/programs/cohorts/"),
        (
            "/admin/invitation/add/?emails=a%40example.org",
            "/admin/programs/invitations/add/?emails=a%40example.org",
        ),
        ("/admin/joinrequest/?status=pending", "/admin/programs/join-requests/?status=pending"),
        ("/admin/practice-hours/review/", "/admin/practice/review/"),
        ("/admin/practice-hours/entries/", "/admin/practice/entries/"),
        ("/admin/practice-hours/report/results/", "/admin/practice/report/results/"),
    ],
)
def test_an_old_admin_path_redirects_to_its_new_place(client, site, old, new):
    client.force_login(staff(CoordinatorFactory))
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_the_new_paths_are_the_viewsets_own(client, site):
    enrollment = EnrollmentFactory()
    client.force_login(staff(CoordinatorFactory))
    url = reverse("programs_enrollment:edit", args=[enrollment.pk])
    assert url == f"/admin/programs/enrollments/edit/{enrollment.pk}/"
    assert client.get(url).status_code == 200
    assert reverse("practice_review:index") == "/admin/practice/review/"
