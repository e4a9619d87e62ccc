"""JSON-LD without the network: the contexts Open Badges 3.0 credentials use,
served from certificates/jsonld_contexts/ (their sources and licences are in
its README).

A JSON-LD processor fetches every context a document names. Issuing and
verifying credentials must not depend on another site being up, nor let a
document someone sends us make the server fetch an address of its choosing;
so `document_loader` answers only for the contexts shipped here and refuses
every other URL.
"""

import copy
import json
from functools import cache
from pathlib import Path

CONTEXTS_DIR = Path(__file__).resolve().parent / "jsonld_contexts"

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"

CONTEXT_FILES = {
    CREDENTIALS_V2: "credentials-v2.jsonld",
    OPEN_BADGES_V3: "open-badges-context-3.0.3.json",
    DATA_INTEGRITY_V2: "data-integrity-v2.jsonld",
    MULTIKEY_V1: "multikey-v1.jsonld",
    DID_V1: "did-v1.jsonld",
}


class UnknownContextError(LookupError):
    """A document named a context that is not shipped with Peerpath."""


@cache
def _read(filename: str) -> dict:
    return json.loads((CONTEXTS_DIR / filename).read_text(encoding="utf-8"))


def document_loader(url: str, options: dict | None = None) -> dict:
    """pyld's document loader: the shipped context for `url`, or an error.

    URLs are matched exactly: another scheme, a trailing slash or a fragment
    is another URL, and is refused like any other.
    """
    filename = CONTEXT_FILES.get(url)
    if filename is None:
        raise UnknownContextError(
            f"JSON-LD context {url!r} is not shipped with Peerpath; "
            "documents are never fetched from the network"
        )
    # A copy: a processor that changes what it was given must not change the
    # next caller's context.
    return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(_read(filename))}
