"""Certificate codes people can read aloud and cannot guess.

12 symbols of Crockford's base32 (5 bits each: 60 random bits), shown with
a prefix and grouped by four: PRM-7KQ4-M2XD-9HT3. Lookups ignore case and
dashes and read I and L as 1 and O as 0, as Crockford's alphabet intends.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # no I, L, O, U
PREFIX = "PRM"
SYMBOLS = 12
GROUP = 4
# Longest input worth normalising: prefix, symbols and a few separators.
MAX_INPUT_LENGTH = 40

_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s\-_.]+")


def new_code() -> str:
    """A fresh code with 60 random bits (from the operating system's CSPRNG)."""
    value = secrets.randbits(SYMBOLS * 5)
    symbols = []
    for _ in range(SYMBOLS):
        symbols.append(ALPHABET[value & 31])
        value >>= 5
    return format_code("".join(reversed(symbols)))


def format_code(symbols: str) -> str:
    groups = [symbols[i : i + GROUP] for i in range(0, len(symbols), GROUP)]
    return "-".join([PREFIX, *groups])


def normalise(raw: str) -> str | None:
    """The canonical form of what someone typed, or None if it cannot be a code."""
    if not isinstance(raw, str) or len(raw) > MAX_INPUT_LENGTH:
        return None
    text = _SEPARATORS.sub("", raw.strip().upper())
    if text.startswith(PREFIX) and len(text) == len(PREFIX) + SYMBOLS:
        text = text[len(PREFIX) :]
    text = text.translate(_CONFUSABLE)
    if len(text) != SYMBOLS or any(symbol not in ALPHABET for symbol in text):
        return None
    return format_code(text)
