"""Where uploaded files live: S3-compatible object storage or the local disk.

Media (images, documents, videos) and certificate PDFs go through Django's
default storage. With AWS_STORAGE_BUCKET_NAME set they are private objects in
that bucket, served through signed URLs that expire; without it they are files
under MEDIA_ROOT. Any S3-compatible service works (AWS, MinIO, Ceph, Scaleway,
OVH, Cloudflare R2...) through AWS_S3_ENDPOINT_URL.
"""

from urllib.parse import urlsplit

from .env import env_int, env_list, env_required, env_str

S3_BACKEND = "storages.backends.s3.S3Storage"


def _origin(url: str) -> str:
    parts = urlsplit(url if "://" in url else f"https://{url}")
    return f"{parts.scheme}://{parts.netloc}"


def media_storage_from_env() -> tuple[dict, list[str]]:
    """The default storage (STORAGES["default"]) and the origins the browser
    loads media from (for the Content Security Policy)."""
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if bucket is None:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}, []

    why = "object storage needs credentials for the bucket in AWS_STORAGE_BUCKET_NAME"
    endpoint_url = env_str("AWS_S3_ENDPOINT_URL")
    region = env_str("AWS_S3_REGION_NAME")
    custom_domain = env_str("AWS_S3_CUSTOM_DOMAIN")
    options = {
        "bucket_name": bucket,
        "access_key": env_required("AWS_S3_ACCESS_KEY_ID", why),
        "secret_key": env_required("AWS_S3_SECRET_ACCESS_KEY", why),
        "endpoint_url": endpoint_url,
        "region_name": region,
        "custom_domain": custom_domain,
        # Learners' evidence and certificates are not public: objects are
        # private and every URL the site hands out is signed and expires.
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 3600),
        # Two uploads with one name must never replace each other (a
        # certificate PDF is evidence): the second gets a suffix.
        "file_overwrite": False,
        "location": env_str("AWS_LOCATION", ""),
        "signature_version": "s3v4",
        "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE"),
    }

    sources = env_list("MEDIA_CSP_SOURCES")
    if not sources:
        if custom_domain:
            sources = [_origin(custom_domain)]
        elif endpoint_url:
            endpoint = urlsplit(endpoint_url)
            sources = [_origin(endpoint_url), f"{endpoint.scheme}://{bucket}.{endpoint.netloc}"]
        else:
            sources = [f"https://{bucket}.s3.amazonaws.com"]
            if region:
                sources.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}, sources


def document_serve_method(storage: dict) -> str:
    """WAGTAILDOCS_SERVE_METHOD for this storage. Documents are always asked for
    at /documents/, whose view checks who may open them first. From a bucket
    whose URLs are signed, the view then redirects to a signed URL that expires
    (the bucket answers the byte ranges videos ask for); otherwise (the local
    disk, or a custom domain, whose URLs are not signed) it sends the file itself."""
    options = storage.get("OPTIONS", {})
    signed = options.get("querystring_auth") and not options.get("custom_domain")
    return "redirect" if storage["BACKEND"] == S3_BACKEND and signed else "serve_view"
