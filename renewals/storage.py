"""Where CE proof documents are kept: a private FileSystemStorage outside
MEDIA_ROOT (settings.CE_PROOF_ROOT), with no URL. Only renewals.views serves a
proof, to its owner and to coordinators."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def proof_storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.CE_PROOF_ROOT, base_url=None)


def proof_upload_to(instance, filename: str) -> str:
    # The stored name says nothing about the person or the original name.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"ce-proofs/{uuid.uuid4().hex}.{extension}"
