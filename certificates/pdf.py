"""Certificate PDFs with WeasyPrint: tagged (PDF/UA-1), one landscape page,
with the project's own font so it renders the same on every machine.

Rendering never reads a server file or the network: the URL fetcher allows
only `data:` URLs and the files in `pdf_assets/`. One FontConfiguration is
reused across renders so memory stays flat.
"""

import logging
from pathlib import Path

import segno
from django.template.loader import render_to_string
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
    return html_to_pdf(render_to_string("certificates/certificate_pdf.html", context))


def html_to_pdf(html: str) -> bytes:
    document = HTML(string=html, base_url=ASSET_BASE_URL, url_fetcher=AssetOnlyFetcher())
    return document.write_pdf(
        stylesheets=[stylesheet()],
        font_config=font_config(),
        pdf_variant="pdf/ua-1",
        uncompressed_pdf=False,
        custom_metadata=True,
    )
