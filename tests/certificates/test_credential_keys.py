"""The Open Badges issuer: its Ed25519 keys and its did:web document."""

import json
import stat
import textwrap

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from pyld import jsonld

from certificates import credential_keys
from certificates.credential_keys import base58btc, did_web, generate_development_key
from certificates.jsonld import document_loader
from tests.training.factories import LearnerFactory
from tests.training.test_settings_and_health import production_environment, run_manage

DID_JSON = "/.well-known/did.json"


# --- Helpers: keys written as an operator would, decoded independently ------------------


def write_private_key(path):
    key = Ed25519PrivateKey.generate()
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return key


def write_public_key(path):
    key = Ed25519PrivateKey.generate()
    path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return key


def raw(key) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def decode_multikey(value: str) -> bytes:
    """A Multikey publicKeyMultibase back to the raw Ed25519 key, written here
    from the multibase and multicodec tables rather than with our encoder."""
    assert value[0] == "z"  # base58btc
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    number = 0
    for character in value[1:]:
        number = number * 58 + alphabet.index(character)
    decoded = number.to_bytes((number.bit_length() + 7) // 8, "big")
    assert decoded[:2] == b"\xed\x01"  # multicodec ed25519-pub
    return decoded[2:]


@pytest.fixture
def keys(settings, tmp_path):
    """A current key and two retired ones (one from its public half, one from
    its private key file), as settings name them."""
    current = write_private_key(tmp_path / "current.pem")
    retired_public = write_public_key(tmp_path / "retired-2025.pem")
    retired_private = write_private_key(tmp_path / "retired-2024.pem")
    settings.CREDENTIAL_SIGNING_KEY = str(tmp_path / "current.pem")
    settings.CREDENTIAL_RETIRED_KEYS = [
        str(tmp_path / "retired-2025.pem"),
        str(tmp_path / "retired-2024.pem"),
    ]
    return current, retired_public, retired_private


# --- The encoding ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoded"),
    [
        # The examples of the base58 encoding draft (draft-msporny-base58).
        (b"Hello World!", "2NEpo7TZRRrLZSi2U"),
        (
            b"The quick brown fox jumps over the lazy dog.",
            "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z",
        ),
        # (Draft 02 prints this one with a third leading "1", a known typo: two
        # zero bytes are two "1"s.)
        (bytes.fromhex("0000287fb4cd"), "11233QC4"),
        (b"\x00", "1"),
        (b"", ""),
    ],
)
def test_base58btc_matches_the_published_examples(data, encoded):
    assert base58btc(data) == encoded


@pytest.mark.parametrize(
    ("site_url", "did"),
    [
        ("https://peerpath.example.org", "did:web:peerpath.example.org"),
        ("https://Peerpath.Example.org/", "did:web:peerpath.example.org"),
        ("http://localhost:8000", "did:web:localhost%3A8000"),
        ("https://training.example.org:8443/", "did:web:training.example.org%3A8443"),
    ],
)
def test_the_issuer_did_is_did_web_of_the_site_host_with_the_port_encoded(site_url, did):
    assert did_web(site_url) == did


# --- The DID document, as a verifier fetches it ---------------------------------------------


@pytest.mark.django_db
def test_did_json_lists_every_key_current_first_for_an_anonymous_client(keys):
    current, retired_public, retired_private = keys
    client = Client(enforce_csrf_checks=True)
    response = client.get(DID_JSON)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+ld+json"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    # No session is started and no cookie is set for a verifier.
    assert response.cookies == {}
    document = json.loads(response.content)
    assert document["@context"] == [
        "https://www.w3.org/ns/did/v1",
        "https://w3id.org/security/multikey/v1",
    ]
    assert document["id"] == "did:web:testserver"
    methods = document["verificationMethod"]
    assert [decode_multikey(m["publicKeyMultibase"]) for m in methods] == [
        raw(current),
        raw(retired_public),
        raw(retired_private),
    ]
    for method in methods:
        assert method["type"] == "Multikey"
        assert method["controller"] == "did:web:testserver"
        assert method["id"].startswith("did:web:testserver#key-")
        assert method["publicKeyMultibase"].startswith("z6Mk")  # every Ed25519 Multikey
    assert len({m["id"] for m in methods}) == 3
    assert document["assertionMethod"] == [m["id"] for m in methods]


@pytest.mark.django_db
def test_a_signature_by_the_signing_key_verifies_with_the_published_key(keys):
    document = Client().get(DID_JSON).json()
    [published, *_] = document["verificationMethod"]
    signing = credential_keys.signing_key()
    assert published["id"] == signing.verification_method
    message = b"an Open Badges credential"
    signature = signing.private_key.sign(message)
    # Raises InvalidSignature if the published key were not the signing key's.
    Ed25519PublicKey.from_public_bytes(decode_multikey(published["publicKeyMultibase"])).verify(
        signature, message
    )


@pytest.mark.django_db
def test_the_did_document_is_json_ld_that_the_shipped_contexts_expand(keys):
    """Data Integrity verifiers read the document as JSON-LD: every term must
    be defined by its two contexts, which are shipped (no fetch)."""
    document = Client().get(DID_JSON).json()
    [node] = jsonld.expand(document, {"documentLoader": document_loader})
    security = "https://w3id.org/security#"
    assert node["@id"] == "did:web:testserver"
    methods = node[f"{security}verificationMethod"]
    assert [m["@type"] for m in methods] == [[f"{security}Multikey"]] * 3
    assert (
        methods[0][f"{security}publicKeyMultibase"][0]["@value"]
        == (document["verificationMethod"][0]["publicKeyMultibase"])
    )
    assert [m["@id"] for m in node[f"{security}assertionMethod"]] == document["assertionMethod"]
    # Nothing in the document was dropped for want of a definition.
    compacted = jsonld.compact(node, document["@context"], {"documentLoader": document_loader})
    assert {key for key in compacted if key != "@context"} == {
        key for key in document if key != "@context"
    }


@pytest.mark.django_db
def test_a_key_keeps_its_id_after_it_is_retired(settings, tmp_path, keys):
    before = Client().get(DID_JSON).json()["verificationMethod"][0]
    write_private_key(tmp_path / "next.pem")
    settings.CREDENTIAL_SIGNING_KEY = str(tmp_path / "next.pem")
    settings.CREDENTIAL_RETIRED_KEYS = [str(tmp_path / "current.pem")]

    after = Client().get(DID_JSON).json()["verificationMethod"]
    assert len(after) == 2
    assert after[0]["id"] != before["id"]
    assert after[1] == before


@pytest.mark.django_db
def test_a_key_listed_twice_or_still_current_is_published_once(settings, tmp_path, keys):
    settings.CREDENTIAL_RETIRED_KEYS = [
        str(tmp_path / "current.pem"),
        str(tmp_path / "retired-2025.pem"),
        str(tmp_path / "retired-2025.pem"),
    ]
    methods = Client().get(DID_JSON).json()["verificationMethod"]
    assert len(methods) == 2


@pytest.mark.django_db
def test_the_did_follows_the_site_url_with_its_port(settings, keys):
    settings.SITE_URL = "http://127.0.0.1:8000"
    document = Client().get(DID_JSON).json()
    assert document["id"] == "did:web:127.0.0.1%3A8000"
    assert document["verificationMethod"][0]["id"].startswith("did:web:127.0.0.1%3A8000#key-")


@pytest.mark.django_db
def test_did_json_answers_a_signed_in_person_too(keys):
    client = Client()
    client.force_login(LearnerFactory())
    response = client.get(DID_JSON)
    assert response.status_code == 200
    assert response.json()["id"] == "did:web:testserver"


@pytest.mark.django_db
def test_did_json_is_not_rate_limited_where_verification_is(keys):
    cache.clear()
    client = Client(REMOTE_ADDR="198.51.100.23")
    verify_answers = [
        client.get(reverse("certificates:verify_json", args=["PP-NONE"])).status_code
        for _ in range(61)
    ]
    assert verify_answers[-1] == 429  # the verification limit (60 a minute) is reached
    assert {client.get(DID_JSON).status_code for _ in range(70)} == {200}


@pytest.mark.django_db
def test_did_json_only_answers_get(keys):
    client = Client()
    assert client.post(DID_JSON).status_code == 405
    assert client.delete(DID_JSON).status_code == 405


# --- Loading keys ----------------------------------------------------------------------------


def test_development_generates_one_private_key_once(settings, tmp_path):
    settings.CREDENTIAL_SIGNING_KEY = None
    settings.CERTIFICATE_SIGNING_AUTO_GENERATE = True
    settings.CERTIFICATE_SIGNING_DIR = tmp_path / "signing"

    first = credential_keys.signing_key()
    path = tmp_path / "signing" / "credential-key.pem"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert raw(first.public_key) == raw(
        serialization.load_pem_private_key(path.read_bytes(), password=None)
    )
    credential_keys.forget_keys()
    assert credential_keys.signing_key().key_id == first.key_id
    assert generate_development_key(tmp_path / "signing") == path
    assert [p.name for p in (tmp_path / "signing").iterdir()] == ["credential-key.pem"]


def test_without_a_key_and_without_generation_there_is_no_signing(settings):
    settings.CREDENTIAL_SIGNING_KEY = None
    settings.CERTIFICATE_SIGNING_AUTO_GENERATE = False
    with pytest.raises(ImproperlyConfigured, match="CREDENTIAL_SIGNING_KEY"):
        credential_keys.signing_key()


def test_a_key_of_another_kind_is_refused(settings, tmp_path):
    ec_key = ec.generate_private_key(ec.SECP256R1())
    (tmp_path / "ec.pem").write_bytes(
        ec_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    write_private_key(tmp_path / "current.pem")
    settings.CREDENTIAL_SIGNING_KEY = str(tmp_path / "ec.pem")
    with pytest.raises(ImproperlyConfigured, match="not an Ed25519 key"):
        credential_keys.signing_key()
    settings.CREDENTIAL_SIGNING_KEY = str(tmp_path / "current.pem")
    settings.CREDENTIAL_RETIRED_KEYS = [str(tmp_path / "ec.pem")]
    with pytest.raises(ImproperlyConfigured, match="CREDENTIAL_RETIRED_KEYS .* not an Ed25519"):
        credential_keys.published_keys()
    (tmp_path / "junk.pem").write_text("not a key")
    settings.CREDENTIAL_RETIRED_KEYS = [str(tmp_path / "junk.pem")]
    with pytest.raises(ImproperlyConfigured, match="neither a PEM public key"):
        credential_keys.published_keys()


# --- Production ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def production_env(tmp_path_factory) -> dict[str, str]:
    return production_environment(tmp_path_factory.mktemp("signing"))


def test_production_publishes_the_configured_keys_under_the_site_host(production_env, tmp_path):
    retired = write_public_key(tmp_path / "retired.pem")
    result = run_manage(
        "shell",
        "-c",
        textwrap.dedent(
            """
            import json
            from certificates.credential_keys import did_document
            print(json.dumps(did_document()))
            """
        ),
        env_overrides={
            **production_env,
            "SITE_URL": "https://peerpath.example.org",
            "CREDENTIAL_RETIRED_KEYS": str(tmp_path / "retired.pem"),
        },
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout.strip().splitlines()[-1])
    assert document["id"] == "did:web:peerpath.example.org"
    current = serialization.load_pem_private_key(
        open(production_env["CREDENTIAL_SIGNING_KEY"], "rb").read(), password=None
    )
    assert [decode_multikey(m["publicKeyMultibase"]) for m in document["verificationMethod"]] == [
        raw(current),
        raw(retired),
    ]


def one_line_refusal(result) -> str:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Peerpath cannot start: ")
    return lines[0]


@pytest.mark.parametrize(
    ("variable", "wrong_file", "expected"),
    [
        # The PDF signing key is an ECDSA key: a plausible mix-up.
        ("CREDENTIAL_SIGNING_KEY", "CERTIFICATE_SIGNING_KEY", "unencrypted PEM private key"),
        # A certificate is not a key.
        (
            "CREDENTIAL_RETIRED_KEYS",
            "CERTIFICATE_SIGNING_CERT",
            "PEM public or unencrypted private key",
        ),
    ],
)
def test_production_refuses_a_credential_key_that_is_not_ed25519(
    variable, wrong_file, expected, production_env
):
    env = {**production_env, variable: production_env[wrong_file]}
    line = one_line_refusal(run_manage("check", env_overrides=env))
    assert line == (
        f"Peerpath cannot start: {variable} names {env[variable]}, "
        f"which is not an Ed25519 {expected} (see docs/deploy.md)"
    )


def test_production_refuses_a_public_key_as_the_signing_key(production_env, tmp_path):
    write_public_key(tmp_path / "public.pem")
    env = {**production_env, "CREDENTIAL_SIGNING_KEY": str(tmp_path / "public.pem")}
    line = one_line_refusal(run_manage("check", env_overrides=env))
    assert "CREDENTIAL_SIGNING_KEY names" in line and "private key" in line


def test_production_refuses_a_credential_key_path_that_is_not_a_file(production_env, tmp_path):
    env = {**production_env, "CREDENTIAL_SIGNING_KEY": str(tmp_path / "missing.pem")}
    line = one_line_refusal(run_manage("check", env_overrides=env))
    assert line.endswith(
        f"CREDENTIAL_SIGNING_KEY names {tmp_path / 'missing.pem'}, which is not a readable file"
    )


def test_production_refuses_a_retired_key_path_that_is_not_a_file(production_env, tmp_path):
    env = {**production_env, "CREDENTIAL_RETIRED_KEYS": str(tmp_path / "gone.pem")}
    line = one_line_refusal(run_manage("check", env_overrides=env))
    assert "CREDENTIAL_RETIRED_KEYS names" in line
