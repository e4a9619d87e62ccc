"""Every page type of the project previews, in every preview mode, for the
editor (the draft view and the editor's preview panel) and for an anonymous
request (Wagtail's `make_preview_request`, as moderation and sharing use it).

The page types come from Wagtail's registry, so a new type is covered as soon
as it exists: `one_page_of_every_type` then fails until it makes one.
"""

import html

import pytest
from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html

from assessments.models import QuizPage
from tests.assessments.factories import make_quiz
from tests.courses.conftest import with_totp
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    catalogue,
    every_block_body,
)
from tests.training.factories import TrainerFactory, UserFactory

PAGE_TYPES = [model for model in get_page_models() if model is not Page]


@pytest.fixture
def one_page_of_every_type(site):
    """The site's home page and catalogue, a course, a lesson with every block
    and a quiz: one page of each type, keyed by its class."""
    course = CoursePageFactory(parent=catalogue(), title="Listening well")
    LessonPageFactory(parent=course, title="Open questions", body=every_block_body())
    make_quiz(course=course)
    pages = {model: model.objects.first() for model in PAGE_TYPES}
    missing = [model._meta.label for model, page in pages.items() if page is None]
    assert not missing, f"make a page of each new type in this fixture: {missing}"
    return pages


def editor_for(page):
    """A trainer where trainers author (the catalogue and below), otherwise an
    administrator: both with two-step sign-in, as the admin requires."""
    trainer = with_totp(TrainerFactory())
    if page.permissions_for_user(trainer).can_edit():
        return trainer
    return with_totp(UserFactory(is_superuser=True, is_staff=True))


def block_form_data(block, state):
    """A block's form state (what the admin's script starts from) as the fields
    the script posts, ids included (quiz questions keep theirs)."""
    if isinstance(block, (blocks.BaseStreamBlock, blocks.ListBlock)):
        items = {}
        for index, item in enumerate(state):
            if isinstance(block, blocks.BaseStreamBlock):
                child, fields = block.child_blocks[item["type"]], {"type": item["type"]}
            else:
                child, fields = block.child_block, {}
            items[str(index)] = {
                **fields,
                "value": block_form_data(child, item["value"]),
                "id": item.get("id") or "",
                "deleted": "",
                "order": str(index),
            }
        return {**items, "count": str(len(items))}
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_form_data(child, state.get(name))
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ChooserBlock):
        return state["id"] if state else ""
    if isinstance(block, blocks.ChoiceBlock):  # a select: its state is the chosen values
        return state[0] if state else ""
    if state is None or state is False:
        return ""
    return "on" if state is True else str(state)


def edit_form_data(client, page):
    """The page's edit form as the editor's browser posts it: the plain fields
    from the form's HTML, the StreamFields (which the admin's script fills in)
    from the page's stored value."""
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    data = querydict_from_html(edit.content.decode(), form_id="page-edit-form")
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(page, field.name)
            state = field.stream_block.get_form_state(value)
            stream = block_form_data(field.stream_block, state)
            data.update(nested_form_data({field.name: stream}))
    return data


def assert_shows(response, page):
    assert response.status_code == 200, response.content[:800]
    assert html.escape(page.title) in response.content.decode()


def preview_modes(page) -> list[str]:
    modes = [mode for mode, _label in page.preview_modes]
    assert modes, f"{type(page).__name__} has no preview mode"
    return modes


every_page_type = pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model._meta.label)


@every_page_type
def test_the_editor_views_the_draft_in_every_mode(client, one_page_of_every_type, model):
    page = one_page_of_every_type[model]
    client.force_login(editor_for(page))
    for mode in preview_modes(page):
        response = client.get(
            reverse("wagtailadmin_pages:view_draft", args=[page.pk]), {"mode": mode}
        )
        assert_shows(response, page)


@every_page_type
def test_the_editors_preview_panel_shows_every_mode(client, one_page_of_every_type, model):
    page = one_page_of_every_type[model]
    client.force_login(editor_for(page))
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    for mode in preview_modes(page):
        posted = client.post(f"{url}?mode={mode}", edit_form_data(client, page))
        assert posted.status_code == 200
        assert posted.json() == {"is_valid": True, "is_available": True}
        assert_shows(client.get(url, {"mode": mode}), page)


@every_page_type
def test_an_anonymous_preview_request_renders_every_mode(one_page_of_every_type, model):
    page = one_page_of_every_type[model]
    for mode in preview_modes(page):
        assert_shows(page.make_preview_request(None, mode), page)


def test_every_page_type_of_the_project_is_covered():
    # Guards the parametrisation itself: an empty registry would pass vacuously.
    labels = {model._meta.label for model in PAGE_TYPES}
    assert {"training.HomePage", "courses.CoursePage", "courses.LessonPage"} <= labels
    assert QuizPage in PAGE_TYPES
