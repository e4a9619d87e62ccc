"""The JSON-LD document loader: the shipped contexts, and nothing from the network."""

import json
import socket
from pathlib import Path

import pytest
from pyld import jsonld

from certificates.jsonld import UnknownContextError, document_loader

CONTEXTS = Path(__file__).resolve().parents[2] / "certificates" / "jsonld_contexts"

SHIPPED = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "open-badges-context-3.0.3.json",
    "https://w3id.org/security/data-integrity/v2": "data-integrity-v2.jsonld",
    "https://w3id.org/security/multikey/v1": "multikey-v1.jsonld",
    "https://www.w3.org/ns/did/v1": "did-v1.jsonld",
}

OB = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#"
CRED = "https://www.w3.org/2018/credentials#"


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection or look up a host fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield attempts
    assert attempts == []


@pytest.mark.parametrize(("url", "filename"), SHIPPED.items())
def test_the_loader_serves_each_shipped_context_as_pyld_expects(url, filename):
    answer = document_loader(url)
    assert answer == {
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads((CONTEXTS / filename).read_text()),
    }
    assert "@context" in answer["document"]


def test_every_shipped_context_file_is_listed_with_its_licence_in_the_readme():
    readme = (CONTEXTS / "README.md").read_text()
    files = {path.name for path in CONTEXTS.iterdir() if path.suffix in {".json", ".jsonld"}}
    assert files == set(SHIPPED.values())
    for url, filename in SHIPPED.items():
        assert f"`{url}`" in readme and f"`{filename}`" in readme
    for licence in (CONTEXTS / "licences").iterdir():
        assert f"licences/{licence.name}" in readme


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/context.json",
        # Near misses of shipped URLs are other URLs.
        "http://www.w3.org/ns/credentials/v2",
        "https://www.w3.org/ns/credentials/v2/",
        "https://www.w3.org/ns/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        "file:///etc/passwd",
        "",
    ],
)
def test_any_other_url_is_refused(url, no_network):
    with pytest.raises(UnknownContextError, match="not shipped"):
        document_loader(url)


def test_a_changed_answer_does_not_change_the_next_one():
    first = document_loader("https://w3id.org/security/multikey/v1")
    first["document"]["@context"]["Multikey"] = "https://attacker.example/"
    again = document_loader("https://w3id.org/security/multikey/v1")
    assert again["document"]["@context"]["Multikey"] != "https://attacker.example/"


def credential(context_extra=()):
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            *context_extra,
        ],
        "id": "https://peerpath.example.org/verify/PP-TEST/credential.json",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": "did:web:peerpath.example.org",
            "type": ["Profile"],
            "name": "Peerpath",
        },
        "validFrom": "2026-12-07T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://peerpath.example.org/programs/peer-mentor/",
                "type": ["Achievement"],
                "name": "Peer recovery mentor",
                "description": "Completed the peer recovery mentor program.",
                "criteria": {"narrative": "Courses, quizzes and supervised hours."},
            },
        },
    }


def test_pyld_expands_an_open_badges_credential_with_no_network(no_network):
    loaded = []

    def loader(url, options=None):
        loaded.append(url)
        return document_loader(url, options)

    expanded = jsonld.expand(credential(), {"documentLoader": loader})

    assert sorted(set(loaded)) == sorted(
        [
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            "https://www.w3.org/ns/credentials/v2",
        ]
    )
    [node] = expanded
    assert set(node["@type"]) == {f"{CRED}VerifiableCredential", f"{OB}OpenBadgeCredential"}
    [subject] = node[f"{CRED}credentialSubject"]
    [achievement] = subject[f"{OB}achievement"]
    assert achievement["@id"] == "https://peerpath.example.org/programs/peer-mentor/"
    assert achievement["https://schema.org/name"] == [{"@value": "Peer recovery mentor"}]
    # And canonical N-Quads (what an eddsa-rdfc-2022 proof signs) come out too.
    nquads = jsonld.normalize(
        credential(),
        {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader},
    )
    assert f"<{OB}OpenBadgeCredential>" in nquads


def test_a_credential_naming_an_unshipped_context_is_refused_not_fetched(no_network):
    with pytest.raises(jsonld.JsonLdError) as raised:
        jsonld.expand(
            credential(["https://example.org/extra-terms.json"]),
            {"documentLoader": document_loader},
        )
    assert "https://example.org/extra-terms.json" in str(raised.value)
