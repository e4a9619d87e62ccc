"""The organisation's logo and seal and the coordinators' signature images
printed on certificates.

They are kept like CE proofs: on the disk under settings.CERTIFICATE_IMAGE_ROOT,
outside MEDIA_ROOT, with no URL. Nobody downloads them; the PDF renderer reads
the bytes and embeds them as data: URIs, so a signature image is never a public
file anyone could copy.

An upload is checked before it is kept: PNG or JPEG by its first bytes, at most
CERTIFICATE_IMAGE_MAX_BYTES, and decoded by Pillow within
CERTIFICATE_IMAGE_MAX_PIXELS (read from the header first, so a small file that
claims a huge picture is refused before it is decoded).

A replaced image's file is kept (Django never deletes a replaced file): the
snapshot of each certificate names the files it printed with their SHA-256, so
a copy rendered later (REVOKED, SUSPENDED) looks the same as the original.
"""

import base64
import hashlib
import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

SIGNATURES = {b"\x89PNG\r\n\x1a\n": ("PNG", "png"), b"\xff\xd8\xff": ("JPEG", "jpg")}


class PrivateImageStorage(FileSystemStorage):
    """Files on disk with no public address."""

    def url(self, name):
        raise ValueError("Certificate images have no URL: the PDF renderer embeds their bytes.")


def image_storage() -> FileSystemStorage:
    return PrivateImageStorage(location=settings.CERTIFICATE_IMAGE_ROOT)


def image_upload_to(instance, filename: str) -> str:
    # A new name for every upload, so the file an issued certificate names is
    # never overwritten by a later upload.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"certificate-images/{uuid.uuid4().hex}.{extension}"


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def validate_certificate_image(upload) -> None:
    """Refuse anything but a PNG or JPEG picture of a sensible size."""
    limit = settings.CERTIFICATE_IMAGE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _(
                "This image is %(size)s MB and the limit is %(limit)s MB. Save it smaller "
                "(a logo or signature prints well at 600 pixels wide) and upload it again."
            )
            % {
                "size": number_format(upload.size / 1024 / 1024, 1),
                "limit": number_format(limit / 1024 / 1024, 0),
            }
        )
    data = _read(upload)
    kind = next((kind for magic, kind in SIGNATURES.items() if data.startswith(magic)), None)
    if kind is None:
        raise ValidationError(
            _(
                "This file is not a PNG or JPEG picture. Export the image as PNG (best for a "
                "logo, seal or signature on a transparent background) or JPEG and upload that."
            )
        )
    max_pixels = settings.CERTIFICATE_IMAGE_MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != kind[0]:
                raise ValidationError(_("This file's contents do not match its type."))
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    _(
                        "This image is %(width)s × %(height)s pixels, more than a certificate "
                        "needs (at most %(millions)s million pixels). Resize it, e.g. to 1200 "
                        "pixels wide, and upload it again."
                    )
                    % {"width": width, "height": height, "millions": max_pixels // 1_000_000}
                )
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            _(
                "This picture could not be read: the file may be damaged. Export it again as "
                "PNG or JPEG and upload that."
            )
        ) from None


def image_record(field) -> dict | None:
    """What a snapshot keeps of an image field: the stored file's name and its
    SHA-256, or None when there is no image."""
    if not field:
        return None
    with field.storage.open(field.name, "rb") as handle:
        data = handle.read()
    return {"file": field.name, "sha256": hashlib.sha256(data).hexdigest()}


def image_data_uri(record: dict | None) -> str:
    """The data: URI of an image a snapshot names; '' when it names none.
    The bytes must still be the ones issued with: a changed file is refused
    rather than printed on an issued certificate."""
    if not record:
        return ""
    with image_storage().open(record["file"], "rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != record["sha256"]:
        raise ValueError(f"Certificate image {record['file']} changed since it was issued.")
    mime = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"
