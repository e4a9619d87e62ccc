"""Certificate PDFs with WeasyPrint: tagged (PDF/UA-1), one landscape page,
with the project's own font so it renders the same on every machine.

Rendering never reads a server file or the network: the URL fetcher allows
only `data:` URLs and the files in `pdf_assets/`. One FontConfiguration is
reused across renders so memory stays flat.

`in_child_process` runs a render in a forked, short-lived child with a time
limit: a render that runs too long is killed instead of holding its worker,
and whatever memory it took goes back to the system when the child ends.
"""

import logging
import multiprocessing
import resource
import traceback
from pathlib import Path

import segno
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

ASSET_DIR = Path(__file__).resolve().parent / "pdf_assets"
ASSETS = {path.name: path for path in ASSET_DIR.iterdir() if path.is_file()}
ASSET_BASE_URL = ASSET_DIR.as_uri() + "/"

_font_config = None
_stylesheet = None


class RefusedResource(ValueError):
    pass


class AssetOnlyFetcher(URLFetcher):
    """Serves data: URLs and our own assets; refuses everything else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(ASSET_BASE_URL):
            name = url[len(ASSET_BASE_URL) :].split("?")[0].split("#")[0]
            path = ASSETS.get(name)
            if path is not None:
                return URLFetcherResponse(url, body=path.read_bytes())
        logger.warning("Certificate PDF: refused to load %r", url[:200])
        raise RefusedResource(f"Certificate PDFs load no outside resource: {url[:80]}")


def font_config() -> FontConfiguration:
    global _font_config
    if _font_config is None:
        _font_config = FontConfiguration()
    return _font_config


def stylesheet() -> CSS:
    global _stylesheet
    if _stylesheet is None:
        _stylesheet = CSS(
            url=ASSET_BASE_URL + "certificate.css",
            url_fetcher=AssetOnlyFetcher(),
            font_config=font_config(),
        )
    return _stylesheet


def qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_data_uri(scale=4, border=1)
    return svg


def render_pdf(context: dict) -> bytes:
    """The certificate PDF of `context` (certificates.rendering.pdf_context), in
    the certificate's language whatever language is active here."""
    with translation.override(context.get("language") or "en"):
        html = render_to_string("certificates/certificate_pdf.html", context)
    return html_to_pdf(html)


def html_to_pdf(html: str) -> bytes:
    document = HTML(string=html, base_url=ASSET_BASE_URL, url_fetcher=AssetOnlyFetcher())
    return document.write_pdf(
        stylesheets=[stylesheet()],
        font_config=font_config(),
        pdf_variant="pdf/ua-1",
        uncompressed_pdf=False,
        custom_metadata=True,
    )


class RenderFailed(Exception):
    pass


class RenderTimedOut(RenderFailed):
    pass


def in_child_process(render, *, seconds: float) -> bytes:
    """Return `render()`, run in a forked child process that is killed after
    `seconds` (see run_bounded)."""
    # Load the fonts and stylesheet here, once: a child that loaded them would
    # leave FontConfiguration's temporary folder behind (os._exit skips __del__).
    stylesheet()
    return run_bounded(render, seconds=seconds)


def run_bounded(work, *, seconds: float, memory_bytes: int | None = None):
    """Return `work()`, run in a forked child process that is killed after
    `seconds` and, with `memory_bytes`, may grow its address space by that
    much at most (certificates.pdf_check reads untrusted PDFs this way). The
    child shares nothing back but the picklable answer (or the traceback) and
    never touches the database; it ends with os._exit, so the parent's
    database connections stay as they were."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_run_and_send, args=(work, writer, memory_bytes), daemon=True)
    child.start()
    writer.close()
    try:
        if not reader.poll(seconds):
            raise RenderTimedOut(f"stopped after the {seconds:g} s time limit")
        succeeded, payload = reader.recv()
    except EOFError:
        child.join()
        raise RenderFailed(
            f"the render process ended without an answer (exit code {child.exitcode})"
        ) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        reader.close()
    if not succeeded:
        raise RenderFailed(payload)
    return payload


def _run_and_send(work, writer, memory_bytes=None) -> None:
    try:
        if memory_bytes is not None:
            _limit_address_space(memory_bytes)
        answer = (True, work())
    except BaseException:
        answer = (False, traceback.format_exc())
    writer.send(answer)
    writer.close()


def _limit_address_space(extra_bytes: int) -> None:
    """Let this (child) process grow by `extra_bytes` beyond the address space
    it was forked with: the parent's, which already holds Django and its
    libraries, so a fixed total would be too small on one machine and too
    large on another. An allocation past it raises MemoryError."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[0])
    limit = pages * resource.getpagesize() + extra_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
