"""The task worker gives the memory a PDF render freed back (training/memory.py)."""

import pytest

from certificates.tasks import render_certificate
from training.memory import _malloc_trim, release_freed_memory

from .factories import CertificateFactory


def test_freed_memory_is_handed_back_on_glibc():
    # Debian (production and CI) uses glibc, which has malloc_trim.
    assert _malloc_trim() is not None
    assert release_freed_memory() is None


@pytest.mark.django_db
def test_the_render_task_still_renders_and_stores_the_pdf(site):
    certificate = CertificateFactory()
    assert not certificate.pdf
    digest = render_certificate.call(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.pdf and len(digest) == 64 and digest == certificate.pdf_sha256
