"""Where CE proof documents are kept: a private FileSystemStorage outside
MEDIA_ROOT (settings.CE_PROOF_ROOT), with no URL. Only renewals.views serves a
proof, to its owner and to coordinators."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files on disk with no public address."""

    def url(self, name):
        raise ValueError("CE proofs have no public URL: renewals.views.ce_proof serves them.")


def proof_storage() -> FileSystemStorage:
    return PrivateStorage(location=settings.CE_PROOF_ROOT)


def proof_upload_to(instance, filename: str) -> str:
    # The stored name says nothing about the person or the original name.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"ce-proofs/{uuid.uuid4().hex}.{extension}"
