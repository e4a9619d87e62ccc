"""Bitstring Status Lists (W3C Bitstring Status List v1.0) for the Open Badges
credentials: one list says which certificates are revoked, another which are
suspended. Each certificate holds one random position (`Certificate.status_index`),
the same in both lists, so a verifier reading a list learns nothing from the
order in which certificates were issued. This module is pure: the positions
are drawn by `certificates.models.free_status_index` and the lists read by
`certificates.selectors.encoded_status_list`.

A list is LIST_SIZE bits (131,072: the minimum the specification asks for, so
that one certificate hides among many). Bits are numbered from the most
significant bit of the first byte: position 0 is 0b1000_0000 of byte 0. The
published form (`encodedList`) is the GZIP-compressed bitstring, base64url
without padding, with the multibase prefix "u"."""

from __future__ import annotations

import base64
import gzip

LIST_SIZE = 131_072
REVOCATION = "revocation"
SUSPENSION = "suspension"
PURPOSES = (REVOCATION, SUSPENSION)
# Candidates drawn at once when looking for a free position: with the list a
# quarter full, the chance that all are taken is 0.25**16.
CANDIDATES = 16


def bitstring(indexes, size: int = LIST_SIZE) -> bytes:
    """`size` bits with the bits at `indexes` set, most significant bit first."""
    data = bytearray(size // 8)
    for index in indexes:
        if not 0 <= index < size:
            raise ValueError(f"Status index {index} is outside the list (0..{size - 1})")
        data[index // 8] |= 0x80 >> (index % 8)
    return bytes(data)


def bit_is_set(data: bytes, index: int) -> bool:
    return bool(data[index // 8] & (0x80 >> (index % 8)))


def encode(data: bytes) -> str:
    """The `encodedList` of a bitstring: multibase base64url of its GZIP."""
    # mtime=0: the same bits always give the same bytes (cacheable, comparable).
    compressed = gzip.compress(data, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("An encodedList starts with the multibase prefix 'u' (base64url).")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
