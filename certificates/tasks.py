"""Background work for certificates: render and sign the evidence PDF after
issue, and the copy marked REVOKED after a revocation.

The task is idempotent (a stored file is left alone), so a requeued or
repeated run does no harm. A render runs in a child process within
CERTIFICATE_RENDER_TIME_LIMIT_SECONDS; one that runs out of time is retried
once by a new task, then left to the daily `render_pending_certificates`. Any
other failure leaves the certificate issued for that daily job to retry."""

import logging

from django_tasks import task

from training.memory import release_freed_memory

from .pdf import RenderTimedOut
from .rendering import certificate_render

logger = logging.getLogger(__name__)

# A render that ran out of time is tried this many times in all.
RENDER_ATTEMPTS = 2


@task()
def render_certificate(*, certificate_id: int, attempt: int = 1) -> str:
    try:
        certificate = certificate_render(certificate_id=certificate_id)
    except RenderTimedOut:
        if attempt < RENDER_ATTEMPTS:
            logger.warning(
                "Certificate %s: render ran out of time (attempt %s of %s); retrying once.",
                certificate_id,
                attempt,
                RENDER_ATTEMPTS,
            )
            render_certificate.enqueue(certificate_id=certificate_id, attempt=attempt + 1)
        else:
            logger.error(
                "Certificate %s: render ran out of time %s times; not retried before the "
                "daily render_pending_certificates.",
                certificate_id,
                RENDER_ATTEMPTS,
            )
        raise
    finally:
        release_freed_memory()
    return certificate.pdf_sha256
