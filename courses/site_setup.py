"""The course catalogue, its content-review workflow and the trainers' permissions,
created idempotently by `manage.py setup_site` (after training's own setup).

- The catalogue page "Courses" (/courses/) under the home page.
- A "Content review" workflow on the catalogue: every course, lesson and quiz
  below it goes to a Lead trainer for approval before it is published. Its
  one step is a `LeadTrainerApprovalTask` (courses/review.py), which can also
  ask the learners who completed the course to redo it.
- Page permissions on the catalogue: Trainers add and edit (and submit for
  review) but cannot publish; Lead trainers also publish, lock and unlock.
- The "Public documents" collection: the one place a document is open to
  everyone (`document_access` in courses/selectors.py); any other document is
  for the people who may study the course that uses it, and for staff.
- Collection permissions on the root collection so both can add, edit and
  choose images and documents. In Wagtail 8 images and documents are governed
  by GroupCollectionPermission rows (wagtail/permission_policies/collections.py
  reads only those); model permissions on the group would have no effect.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from training import roles
from training.models import HomePage
from training.site_setup import ensure_page_translation

from .limits import PUBLIC_DOCUMENTS_COLLECTION
from .models import CourseIndexPage
from .review import LeadTrainerApprovalTask

CATALOGUE_TITLE = "Courses"
CATALOGUE_SLUG = "courses"
CATALOGUE_INTRO = (
    "<p>Short, practical courses for peer recovery mentors. Read any course's "
    "overview; lessons open once you are enrolled in a program.</p>"
)
WORKFLOW_NAME = "Content review"
TASK_NAME = "Lead trainer approval"

PAGE_PERMISSIONS = {
    roles.TRAINER: ["add_page", "change_page"],
    roles.LEAD_TRAINER: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    roles.TRAINER: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
}
COLLECTION_PERMISSIONS[roles.LEAD_TRAINER] = COLLECTION_PERMISSIONS[roles.TRAINER]


# The catalogue in the other languages offered: trainers translate courses
# under it, with the same review workflow and permissions as in English.
CATALOGUE_WORDS = {
    "es": {
        "title": "Cursos",
        "intro": (
            "<p>Cursos breves y prácticos para mentores de recuperación entre pares. Puedes "
            "leer la presentación de cualquier curso; las lecciones se abren cuando te "
            "inscribes en un programa.</p>"
        ),
    },
}


@transaction.atomic
def setup_site(*, log=print) -> None:
    catalogue = ensure_catalogue(log=log)
    catalogues = [catalogue]
    for language in settings.PEERPATH_TRANSLATED_LANGUAGES:
        translated = ensure_page_translation(
            catalogue, language, CATALOGUE_WORDS.get(language), log=log
        )
        if translated is not None:
            catalogues.append(translated)
    for each in catalogues:
        ensure_content_review_workflow(each, log=log)
        ensure_page_permissions(each, log=log)
    ensure_collection_permissions(log=log)
    ensure_public_documents_collection(log=log)


def ensure_catalogue(*, log=print) -> CourseIndexPage:
    existing = CourseIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if existing is not None:
        return existing
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        raise RuntimeError(
            "Run training's setup_site first: the catalogue lives under the home page."
        )
    catalogue = home.add_child(
        instance=CourseIndexPage(title=CATALOGUE_TITLE, slug=CATALOGUE_SLUG, intro=CATALOGUE_INTRO)
    )
    catalogue.save_revision().publish()
    log("Created the course catalogue at /courses/.")
    return catalogue


def ensure_content_review_workflow(catalogue: Page, *, log=print) -> Workflow:
    lead_trainers = Group.objects.get(name=roles.LEAD_TRAINER)
    workflow, created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if created:
        log(f"Created the “{WORKFLOW_NAME}” workflow.")
    task = ensure_approval_task(log=log)
    task.groups.add(lead_trainers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    link = WorkflowPage.objects.filter(page=catalogue).first()
    if link is None:
        WorkflowPage.objects.create(page=catalogue, workflow=workflow)
        log("Course pages now go through content review.")
    return workflow


def ensure_approval_task(*, log=print) -> LeadTrainerApprovalTask:
    """The "Lead trainer approval" step, as a `LeadTrainerApprovalTask`. A site
    set up before it has a plain GroupApprovalTask of that name (migration
    courses/0005 converts it; this does too, should it still be one): it becomes
    the new type in place, with the same id, groups and workflows, so reviews
    in progress carry on."""
    task = LeadTrainerApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is not None:
        return task
    plain = GroupApprovalTask.objects.filter(
        name=TASK_NAME, content_type=ContentType.objects.get_for_model(GroupApprovalTask)
    ).first()
    if plain is None:
        return LeadTrainerApprovalTask.objects.create(name=TASK_NAME)
    # Only the new type's own row: `raw` leaves the task's existing rows as they are.
    LeadTrainerApprovalTask(pk=plain.pk).save_base(raw=True)
    Task.objects.filter(pk=plain.pk).update(
        content_type=ContentType.objects.get_for_model(LeadTrainerApprovalTask)
    )
    log(f"“{TASK_NAME}” can now also ask learners to redo a course.")
    return LeadTrainerApprovalTask.objects.get(pk=plain.pk)


def page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def ensure_page_permissions(catalogue: Page, *, log=print) -> None:
    for role, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        for codename in codenames:
            _, created = GroupPagePermission.objects.get_or_create(
                group=group, page=catalogue, permission=page_permission(codename)
            )
            if created:
                log(f"{role}: {codename} on the catalogue.")


def ensure_collection_permissions(*, log=print) -> None:
    root = Collection.get_first_root_node()
    for role, permissions in COLLECTION_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        for app_label, codename in permissions:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            _, created = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )
            if created:
                log(f"{role}: {codename} in every collection.")


def ensure_public_documents_collection(*, log=print) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=PUBLIC_DOCUMENTS_COLLECTION).first()
    if existing is not None:
        return existing
    collection = root.add_child(name=PUBLIC_DOCUMENTS_COLLECTION)
    log(f"Created the “{PUBLIC_DOCUMENTS_COLLECTION}” collection (open to everyone).")
    return collection
