import math
import re

from hypothesis import given
from hypothesis import strategies as st

from certificates.codes import ALPHABET, SYMBOLS, new_code, normalise

CODE = re.compile(r"^PRM-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def test_format_is_prefix_and_three_groups_of_four():
    for _ in range(200):
        assert CODE.match(new_code())


def test_sixty_bits_of_entropy_and_no_repeats_in_a_large_sample():
    assert SYMBOLS * math.log2(len(ALPHABET)) == 60
    codes = {new_code() for _ in range(20000)}
    assert len(codes) == 20000
    # Every symbol position uses the whole alphabet (no fixed or biased digit).
    for position in range(4, 18):
        if position in (8, 13):
            continue
        assert len({code[position] for code in codes}) == len(ALPHABET)


def test_lookups_ignore_case_dashes_and_confusable_letters():
    assert normalise("prm-7kq4-m2xd-9ht3") == "PRM-7KQ4-M2XD-9HT3"
    assert normalise("PRM7KQ4M2XD9HT3") == "PRM-7KQ4-M2XD-9HT3"
    assert normalise(" 7KQ4 M2XD 9HT3 ") == "PRM-7KQ4-M2XD-9HT3"
    assert normalise("PRM-IKQ4-M2XD-9HTO") == "PRM-1KQ4-M2XD-9HT0"
    assert normalise("PRM-lKQ4-M2XD-9HT3") == "PRM-1KQ4-M2XD-9HT3"


def test_malformed_and_overlong_input_is_not_a_code():
    for raw in [
        "",
        "PRM",
        "PRM-7KQ4-M2XD",
        "PRM-7KQ4-M2XD-9HT3-0000",
        "PRM-UUUU-M2XD-9HT3",
        "x" * 1000,
        "PRM-7KQ4-M2XD-9HT!",
        None,
        12345,
    ]:
        assert normalise(raw) is None


@given(st.text(max_size=60))
def test_normalise_never_crashes_and_is_idempotent(raw):
    result = normalise(raw)
    if result is not None:
        assert CODE.match(result)
        assert normalise(result) == result
