"""Reading record ids from requests.

Primary keys are 64-bit integers. Anything else posted or passed as an id is
not one: "²" passes str.isdigit() but not int(), int() refuses strings of more
than 4,300 digits, and databases refuse integers past 64 bits.
"""

MAX_ID = 2**63 - 1


def plain_id(value) -> int | None:
    """The id in `value` ("42" → 42), or None if it is not a plain positive id."""
    text = str(value)
    if not (text.isascii() and text.isdigit() and len(text) <= 19):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
