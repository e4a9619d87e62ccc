"""The task worker gives the memory a PDF render freed back (training/memory.py)."""

import resource

import pytest

from certificates.tasks import render_certificate
from training.memory import _malloc_trim, release_freed_memory

from .factories import CertificateFactory


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def test_freed_memory_is_handed_back_on_glibc():
    # Debian (production and CI) uses glibc, which has malloc_trim.
    assert _malloc_trim() is not None
    # About 60 MB in blocks glibc allocates, one in 200 kept alive so that the
    # freed pages sit between live ones and glibc keeps them for reuse.
    blocks = [bytes(2000) for _ in range(30_000)]
    kept = blocks[::200]
    del blocks
    before = resident_bytes()
    release_freed_memory()
    assert before - resident_bytes() > 20_000_000
    del kept  # alive until here


@pytest.mark.django_db
def test_the_render_task_still_renders_and_stores_the_pdf(site):
    certificate = CertificateFactory()
    assert not certificate.pdf
    digest = render_certificate.call(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.pdf and len(digest) == 64 and digest == certificate.pdf_sha256
