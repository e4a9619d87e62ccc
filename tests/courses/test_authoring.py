"""Authoring: the catalogue, content review and the trainers' permissions (setup_site)."""

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from courses.models import CourseIndexPage, CoursePage
from courses.site_setup import WORKFLOW_NAME
from tests.training.factories import (
    CoordinatorFactory,
    LeadTrainerFactory,
    SupervisorFactory,
    TrainerFactory,
)
from training import roles

from .conftest import with_totp

pytestmark = pytest.mark.django_db

image_policy = policy_registry.get_by_type(get_image_model())
document_policy = policy_registry.get_by_type(get_document_model())


def test_setup_site_creates_the_catalogue_under_home_and_is_idempotent(site):
    call_command("setup_site", verbosity=0)
    counts = (
        Page.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )
    call_command("setup_site", verbosity=0)
    assert counts == (
        Page.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )
    catalogue = CourseIndexPage.objects.get()
    assert (catalogue.title, catalogue.slug, catalogue.live) == ("Courses", "courses", True)
    assert catalogue.get_parent().pk == site.root_page_id
    assert catalogue.url == "/courses/"


def test_the_catalogue_is_under_lead_trainer_content_review(catalogue):
    workflow = catalogue.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    [task] = [task.specific for task in workflow.tasks]
    assert list(task.groups.values_list("name", flat=True)) == [roles.LEAD_TRAINER]


def permissions_on(page, role):
    return set(
        GroupPagePermission.objects.filter(page=page, group__name=role).values_list(
            "permission__codename", flat=True
        )
    )


def test_trainers_add_and_edit_but_only_lead_trainers_publish(catalogue):
    assert permissions_on(catalogue, roles.TRAINER) == {"add_page", "change_page"}
    assert permissions_on(catalogue, roles.LEAD_TRAINER) >= {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    trainer, lead = TrainerFactory(), LeadTrainerFactory()
    assert catalogue.permissions_for_user(trainer).can_add_subpage()
    assert not catalogue.permissions_for_user(trainer).can_publish()
    assert catalogue.permissions_for_user(lead).can_publish()
    for person in (SupervisorFactory(), CoordinatorFactory()):
        assert not catalogue.permissions_for_user(person).can_add_subpage()
        assert not catalogue.permissions_for_user(person).can_edit()


@pytest.mark.parametrize("factory", [TrainerFactory, LeadTrainerFactory])
def test_trainers_can_add_edit_and_choose_images_and_documents(catalogue, factory):
    person = factory()
    for policy in (image_policy, document_policy):
        for action in ("add", "change", "choose"):
            assert policy.user_has_permission(person, action), (policy, action)
    supervisor = SupervisorFactory()
    assert not image_policy.user_has_permission(supervisor, "add")
    assert not document_policy.user_has_permission(supervisor, "add")


# --- The workflow through the admin ------------------------------------------------


def course_form(title="Ethics and boundaries", slug="ethics-and-boundaries", **actions):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Dual relationships, confidentiality and self-care.",
            "learning_objectives": rich_text("<p>Name the limits of the peer role.</p>"),
            "estimated_minutes": 120,
            "domain_credits": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data.update(actions)
    return data


def add_course_url(catalogue):
    return f"/admin/pages/add/courses/coursepage/{catalogue.pk}/"


def test_a_trainers_submit_goes_to_review_and_a_lead_trainers_approval_publishes(client, catalogue):
    trainer = with_totp(TrainerFactory())
    client.force_login(trainer)
    response = client.post(add_course_url(catalogue), course_form(**{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    course = CoursePage.objects.get(slug="ethics-and-boundaries")
    assert not course.live
    state = WorkflowState.objects.get(object_id=str(course.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    task_state = state.current_task_state

    # The trainer cannot approve their own submission.
    approve_url = f"/admin/pages/workflow/action/{course.pk}/approve/{task_state.pk}/"
    client.post(approve_url)
    course.refresh_from_db()
    assert not course.live

    lead = with_totp(LeadTrainerFactory())
    client.force_login(lead)
    response = client.post(approve_url)
    assert response.status_code == 302
    course.refresh_from_db()
    state.refresh_from_db()
    assert course.live
    assert state.status == WorkflowState.STATUS_APPROVED
    assert course.url == "/courses/ethics-and-boundaries/"


def test_a_trainer_cannot_publish_directly(client, catalogue):
    client.force_login(with_totp(TrainerFactory()))
    client.post(
        add_course_url(catalogue),
        course_form(title="Straight to live?", slug="straight", **{"action-publish": "1"}),
    )
    course = CoursePage.objects.get(slug="straight")
    assert not course.live
    assert not WorkflowState.objects.filter(
        object_id=str(course.pk), status=WorkflowState.STATUS_APPROVED
    ).exists()


def test_the_workflow_api_publishes_only_on_approval(catalogue):
    trainer, lead = TrainerFactory(), LeadTrainerFactory()
    course = catalogue.add_child(
        instance=CoursePage(title="Draft", slug="draft", summary="s", live=False, owner=trainer)
    )
    revision = course.save_revision(user=trainer)
    state = catalogue.get_workflow().start(course, trainer)
    course.refresh_from_db()
    assert not course.live
    assert state.current_task_state.revision == revision
    task = state.current_task_state.task.specific
    assert task.get_actions(course, trainer) == []
    assert [name for name, *_ in task.get_actions(course, lead)] == ["reject", "approve", "approve"]
    task.on_action(state.current_task_state, lead, "approve")
    course.refresh_from_db()
    assert course.live
