"""Publishing (or sending for review) a quiz whose right answers show after a
fail, with unlimited attempts and the whole pool drawn each time, warns the
author, who must confirm: otherwise the quiz can be passed by copying."""

import pytest
from django.urls import reverse

from assessments.models import QuizPage
from assessments.rules import answers_can_be_copied
from tests.access.test_previews_every_page_type import edit_form_data
from tests.courses.conftest import with_totp
from tests.training.factories import LeadTrainerFactory, TrainerFactory

from .factories import make_quiz

pytestmark = pytest.mark.django_db

WARNING = "every right answer after a failed attempt"


@pytest.fixture
def quiz(site):
    return make_quiz(review_policy="after_passing", max_attempts=0, questions_per_attempt=0)


def post_edit(client, quiz, **changes):
    data = edit_form_data(client, quiz)
    data.update(changes)
    return client.post(reverse("wagtailadmin_pages:edit", args=[quiz.pk]), data)


def live_policy(quiz) -> str:
    return QuizPage.objects.get(pk=quiz.pk).review_policy


def test_the_rule():
    copyable = dict(review_policy="after_each", max_attempts=0, questions_per_attempt=0, pool=4)
    assert answers_can_be_copied(**copyable)
    assert answers_can_be_copied(**{**copyable, "questions_per_attempt": 4})
    assert not answers_can_be_copied(**{**copyable, "questions_per_attempt": 3})
    assert not answers_can_be_copied(**{**copyable, "max_attempts": 3})
    assert not answers_can_be_copied(**{**copyable, "review_policy": "after_passing"})
    assert not answers_can_be_copied(**{**copyable, "review_policy": "never"})


def test_publishing_the_copyable_combination_asks_to_confirm(client, quiz):
    client.force_login(with_totp(LeadTrainerFactory()))
    revisions = quiz.revisions.count()

    response = post_edit(client, quiz, review_policy="after_each", **{"action-publish": "1"})

    assert response.status_code == 200
    page = response.content.decode()
    assert WARNING in page
    assert 'name="confirm_answers_shown"' in page
    assert live_policy(quiz) == "after_passing" and quiz.revisions.count() == revisions

    response = post_edit(
        client,
        quiz,
        review_policy="after_each",
        confirm_answers_shown="on",
        **{"action-publish": "1"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert live_policy(quiz) == "after_each"


def test_sending_it_for_review_asks_too(client, quiz):
    client.force_login(with_totp(TrainerFactory()))
    response = post_edit(client, quiz, review_policy="after_each", **{"action-submit": "1"})
    assert response.status_code == 200 and WARNING in response.content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"review_policy": "after_passing"},
        {"review_policy": "after_each", "max_attempts": "3"},
        {"review_policy": "after_each", "questions_per_attempt": "2"},
    ],
)
def test_other_settings_publish_without_the_question(client, quiz, changes):
    client.force_login(with_totp(LeadTrainerFactory()))
    response = post_edit(client, quiz, **changes, **{"action-publish": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert live_policy(quiz) == changes["review_policy"]


def test_a_draft_and_its_preview_are_not_held_up(client, quiz):
    # Only what can reach learners (publishing, review) asks; work in progress doesn't.
    client.force_login(with_totp(TrainerFactory()))
    response = post_edit(client, quiz, review_policy="after_each")
    assert response.status_code == 302
    assert QuizPage.objects.get(pk=quiz.pk).get_latest_revision_as_object().review_policy == (
        "after_each"
    )


# --- Saving a draft: kept, with a warning that publishing will ask -------------------

DRAFT_WARNING = "Before this quiz can be published or sent for review, you will be asked"


def messages_after(client, response) -> str:
    """The page the editor lands on after a save, with its messages."""
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


def test_saving_a_copyable_draft_keeps_it_and_warns_that_publishing_will_ask(client, quiz):
    client.force_login(with_totp(TrainerFactory()))

    landing = messages_after(client, post_edit(client, quiz, review_policy="after_each"))

    assert DRAFT_WARNING in landing
    assert "sees every right answer after a failed attempt" in landing
    draft = QuizPage.objects.get(pk=quiz.pk).get_latest_revision_as_object()
    assert draft.review_policy == "after_each"
    # The warning is shown once, not carried to the next page.
    next_page = client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk]))
    assert DRAFT_WARNING not in next_page.content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"review_policy": "after_passing"},
        {"review_policy": "after_each", "max_attempts": "3"},
        {"review_policy": "after_each", "questions_per_attempt": "2"},
        # Ticked already: the author has answered the question.
        {"review_policy": "after_each", "confirm_answers_shown": "on"},
    ],
)
def test_a_draft_with_other_settings_or_the_box_ticked_saves_without_the_warning(
    client, quiz, changes
):
    client.force_login(with_totp(TrainerFactory()))
    landing = messages_after(client, post_edit(client, quiz, **changes))
    assert DRAFT_WARNING not in landing
    assert "has been updated" in landing


def test_publishing_after_confirming_gets_no_draft_warning(client, quiz):
    client.force_login(with_totp(LeadTrainerFactory()))
    response = post_edit(
        client,
        quiz,
        review_policy="after_each",
        confirm_answers_shown="on",
        **{"action-publish": "1"},
    )
    assert DRAFT_WARNING not in messages_after(client, response)
    assert live_policy(quiz) == "after_each"


def test_a_new_quiz_saved_as_a_draft_with_copyable_settings_is_warned_too(client, site):
    source = make_quiz(review_policy="after_each", max_attempts=0, questions_per_attempt=0)
    course = source.get_parent()
    client.force_login(with_totp(LeadTrainerFactory()))
    data = edit_form_data(client, source)
    data.update(title="A second quiz", slug="second-quiz")

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["assessments", "quizpage", course.pk]), data
    )

    assert DRAFT_WARNING in messages_after(client, response)
    assert QuizPage.objects.get(slug="second-quiz").has_unpublished_changes
