"""The status lists behind the Open Badges credentials (issue #18): random,
distinct positions; bits numbered from the most significant; revoking and
suspending flip exactly the certificate's own bit."""

import pytest

from certificates import status_lists
from certificates.selectors import encoded_status_list
from certificates.services import certificate_reinstate, certificate_revoke, certificate_suspend
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db


def changed_bits(before: str, after: str) -> list[int]:
    old, new = status_lists.decode(before), status_lists.decode(after)
    assert len(old) == len(new) == status_lists.LIST_SIZE // 8
    return [
        index
        for index in range(status_lists.LIST_SIZE)
        if status_lists.bit_is_set(old, index) != status_lists.bit_is_set(new, index)
    ]


def test_bits_are_numbered_from_the_most_significant_bit():
    data = status_lists.bitstring([0, 9, 131_071])
    assert data[0] == 0b1000_0000 and data[1] == 0b0100_0000 and data[-1] == 0b0000_0001
    assert sum(bin(byte).count("1") for byte in data) == 3
    with pytest.raises(ValueError):
        status_lists.bitstring([status_lists.LIST_SIZE])


def test_the_encoded_list_is_multibase_base64url_of_gzip_and_round_trips():
    encoded = status_lists.encode(status_lists.bitstring([5, 77]))
    assert encoded.startswith("u") and "=" not in encoded and "+" not in encoded
    decoded = status_lists.decode(encoded)
    assert len(decoded) * 8 >= 131_072
    assert [i for i in (4, 5, 6, 77) if status_lists.bit_is_set(decoded, i)] == [5, 77]


def test_each_certificate_holds_its_own_random_position(site):
    certificates = [CertificateFactory() for _ in range(30)]
    positions = [c.status_index for c in certificates]
    assert len(set(positions)) == 30
    assert all(0 <= p < status_lists.LIST_SIZE for p in positions)
    assert positions != sorted(positions)  # issued in order, placed at random


def test_revoking_flips_exactly_the_certificates_bit(site):
    certificate, _others = CertificateFactory(), [CertificateFactory() for _ in range(5)]
    before = encoded_status_list(status_lists.REVOCATION)
    certificate_revoke(certificate_id=certificate.pk, revoked_by=CoordinatorFactory(), reason="X.")
    after = encoded_status_list(status_lists.REVOCATION)
    assert changed_bits(before, after) == [certificate.status_index]
    assert encoded_status_list(status_lists.SUSPENSION) == status_lists.encode(
        status_lists.bitstring([])
    )


def test_suspending_sets_and_reinstating_clears_the_suspension_bit(site):
    certificate, coordinator = CertificateFactory(), CoordinatorFactory()
    CertificateFactory()
    clear = encoded_status_list(status_lists.SUSPENSION)
    certificate_suspend(certificate_id=certificate.pk, by=coordinator, reason="A review.")
    suspended = encoded_status_list(status_lists.SUSPENSION)
    assert changed_bits(clear, suspended) == [certificate.status_index]
    certificate_reinstate(certificate_id=certificate.pk, by=coordinator)
    assert encoded_status_list(status_lists.SUSPENSION) == clear


def test_a_list_is_read_in_one_query(site, django_assert_num_queries):
    for _ in range(3):
        CertificateFactory()
    with django_assert_num_queries(1):
        encoded_status_list(status_lists.SUSPENSION)
