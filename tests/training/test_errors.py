from django.core.exceptions import ValidationError

from training.errors import message_of


def test_one_message_is_itself():
    assert message_of(ValidationError("Nothing was saved.")) == "Nothing was saved."


def test_several_messages_are_joined_with_a_space_in_order():
    error = ValidationError(["The lesson is locked.", "Finish the one before it."])
    assert message_of(error) == "The lesson is locked. Finish the one before it."


def test_messages_per_field_are_included_without_the_field_names():
    error = ValidationError({"reason": "Record why.", "name": ["Too short.", "Too long."]})
    assert message_of(error) == "Record why. Too short. Too long."


def test_params_are_filled_in():
    error = ValidationError("%(count)s entries were refused.", params={"count": 3})
    assert message_of(error) == "3 entries were refused."
