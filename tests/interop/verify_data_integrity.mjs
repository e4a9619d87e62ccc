// Verifies a Data Integrity proof (eddsa-rdfc-2022) made by Peerpath's Python
// code with Digital Bazaar's JavaScript implementation, offline: contexts come
// from certificates/jsonld_contexts, the issuer's DID document from stdin.
// Input (stdin): {"document": {...}, "didDocument": {...}, "contexts": {url: file}}
// Output: the verification result as JSON; exit 0 when verified, 1 otherwise.
import {readFileSync} from 'node:fs';
import jsigs from 'jsonld-signatures';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

const input = JSON.parse(readFileSync(0, 'utf8'));
const contexts = Object.fromEntries(
  Object.entries(input.contexts).map(([url, path]) => [url, JSON.parse(readFileSync(path, 'utf8'))]));
const did = input.didDocument;

async function documentLoader(url) {
  if (contexts[url]) {
    return {contextUrl: null, documentUrl: url, document: contexts[url]};
  }
  if (url === did.id) {
    return {contextUrl: null, documentUrl: url, document: did};
  }
  const method = did.verificationMethod.find(vm => vm.id === url);
  if (method) {
    return {contextUrl: null, documentUrl: url,
      document: {'@context': 'https://w3id.org/security/multikey/v1', ...method}};
  }
  throw new Error(`Refused to load ${url}: nothing is fetched from the network`);
}

const suite = new DataIntegrityProof({cryptosuite});
const result = await jsigs.verify(input.document, {
  suite, purpose: new jsigs.purposes.AssertionProofPurpose(), documentLoader});
const errors = (result.error?.errors || (result.error ? [result.error] : [])).map(e => String(e.message || e));
console.log(JSON.stringify({verified: result.verified, errors}));
process.exit(result.verified ? 0 : 1);
