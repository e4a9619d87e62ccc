"""Byte ranges (RFC 9110, section 14) for files a view sends itself.

Django answers every request for a file in full. A phone's video player asks
for parts of the file, and Safari on iOS does not play a video whose server
answers those requests with the whole file. One range is served; several
ranges, or a header we cannot read, get the whole file, as the RFC allows.
"""

import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

ONE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
UNSATISFIABLE = "unsatisfiable"
CHUNK_SIZE = 64 * 1024
# What a part keeps from the whole file's answer.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Last-Modified",
    "ETag",
    "Content-Security-Policy",
    "X-Content-Type-Options",
)


def answer_range(request, response):
    """The part of `response` (a whole file) that the request's `Range:` asks
    for, answered 206; the response itself when there is no range to serve."""
    if (
        response.status_code != 200
        or not isinstance(response, FileResponse)
        or "Content-Length" not in response
    ):
        return response
    response["Accept-Ranges"] = "bytes"
    size = int(response["Content-Length"])
    wanted = requested_range(request.headers.get("Range", ""), size)
    if wanted is None or not _if_range_holds(request, response):
        return response
    if wanted == UNSATISFIABLE:
        # Only the file: response.close() would also signal the end of the
        # request, and Django would close the database connection mid-request.
        response.file_to_stream.close()
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    first, last = wanted
    file = response.file_to_stream  # now read (and closed) by the part
    file.seek(first)
    part = StreamingHttpResponse(_read(file, last - first + 1), status=206)
    for header in KEPT_HEADERS:
        if header in response:
            part[header] = response[header]
    part["Content-Range"] = f"bytes {first}-{last}/{size}"
    part["Content-Length"] = str(last - first + 1)
    part["Accept-Ranges"] = "bytes"
    return part


def requested_range(header: str, size: int):
    """(first, last) byte of the one range asked for, UNSATISFIABLE when it lies
    past the end, or None when there is no single range to serve."""
    match = ONE_RANGE.match(header.strip())
    if match is None or size == 0:
        return None
    start, end = match.groups()
    if start == "" and end == "":
        return None
    if start == "":  # a suffix: the last `end` bytes
        return (max(size - int(end), 0), size - 1) if int(end) else UNSATISFIABLE
    first = int(start)
    if end != "" and int(end) < first:
        return None  # not a valid range: ignored
    if first >= size:
        return UNSATISFIABLE
    return first, min(int(end), size - 1) if end != "" else size - 1


def _if_range_holds(request, response) -> bool:
    # If-Range: serve the part only if the file is still the one the client has.
    validator = request.headers.get("If-Range")
    return validator is None or validator in (response.get("ETag"), response.get("Last-Modified"))


def _read(file, length: int):
    # Reads the part only, and closes the file at the end or when the client leaves.
    try:
        while length > 0:
            chunk = file.read(min(CHUNK_SIZE, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        file.close()
