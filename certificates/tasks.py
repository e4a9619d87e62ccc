"""Background work for certificates: render and sign the evidence PDF after issue.

The task is idempotent (a certificate that has its PDF is left alone), so a
requeued or repeated run does no harm. If rendering fails the certificate stays
issued; `requeue_stuck_tasks`/a later run retries, and a download before that
renders it on the spot."""

from django_tasks import task


@task()
def render_certificate(*, certificate_id: int) -> str:
    from training.memory import release_freed_memory

    from .services import certificate_render

    try:
        certificate = certificate_render(certificate_id=certificate_id)
    finally:
        release_freed_memory()
    return certificate.pdf_sha256
