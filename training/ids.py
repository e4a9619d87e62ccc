"""Reading record ids from requests.

Primary keys are 64-bit integers. Anything else posted or passed as an id is
not one: "²" passes str.isdigit() but not int(), int() refuses strings of more
than 4,300 digits, and databases refuse integers past 64 bits.
"""

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1


def plain_id(value) -> int | None:
    """The id in `value` ("42" → 42), or None if it is not a plain positive id."""
    text = str(value)
    if not (text.isascii() and text.isdigit() and len(text) <= 19):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


class PlainIdModelChoiceField(forms.ModelChoiceField):
    """A choice of record by id that refuses anything but a plain id before
    the database sees it: a page's id is looked up through its parent link,
    where Django does not check the integer's range (SQLite then raises
    OverflowError past 64 bits)."""

    def to_python(self, value):
        if value not in self.empty_values and plain_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)
