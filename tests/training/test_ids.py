import pytest

from training.ids import MAX_ID, plain_id


@pytest.mark.parametrize(
    "value, expected",
    [
        ("42", 42),
        (7, 7),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("0", None),
        ("-3", None),
        ("²", None),
        ("٣", None),
        ("1e3", None),
        (" 4", None),
        ("9" * 5000, None),
        ("", None),
        ("NaN", None),
    ],
)
def test_only_plain_positive_64_bit_ids_are_ids(value, expected):
    assert plain_id(value) == expected
