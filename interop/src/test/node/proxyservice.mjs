#!/usr/bin/env node
// An independent eIDAS v1.4 ProxyService stand-in built only on xml-crypto and xml-encryption:
// it writes its own signed IdP metadata and answers a connector's request with a signed Response
// around a signed, encrypted assertion, in the strict profile or with a legacy algorithm a
// connector must refuse. Nothing of Most is used: its answers test Most's connector.
//
//   node proxyservice.mjs metadata <key.pem> <cert.pem> <entityId> <ssoUrl> <country> <out.xml>
//   node proxyservice.mjs response <key.pem> <cert.pem> <connectorMetadata.xml> <entityId>
//                                  <inResponseTo> <personIdentifier> <level> <strict|tripledes|rsa15>
//
// Each prints one JSON object on stdout; a usage or I/O error exits 2.

import crypto from "node:crypto";
import fs from "node:fs";
import xmlenc from "xml-encryption";
import {
  ALG, BEARER, ENTITY, NS, PERSISTENT, POST, SUCCESS, URI_FORMAT, UsageError, attr, certToPem,
  descendants, elementChildren, esc, newId, parseXml, pemBody, readFile, sign, text,
} from "./common.mjs";

const LOA = "http://eidas.europa.eu/LoA/";
const ALG_MORE = {
  tripledes: "http://www.w3.org/2001/04/xmlenc#tripledes-cbc",
  rsa15: "http://www.w3.org/2001/04/xmlenc#rsa-1_5",
};

// How each variant encrypts: the strict profile, or one legacy algorithm a connector must refuse.
const VARIANTS = {
  strict: { data: ALG.aes256gcm, key: ALG.rsaOaep, digest: "sha256", mgf: "sha256" },
  tripledes: { data: ALG_MORE.tripledes, key: ALG.rsaOaepMgf1p, digest: "sha1" },
  rsa15: { data: ALG.aes256gcm, key: ALG_MORE.rsa15 },
};

function entityAttribute(name, values) {
  return (
    `<saml:Attribute xmlns:saml="${NS.saml}" Name="${esc(name)}" NameFormat="${URI_FORMAT}">` +
    values.map((v) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`).join("") +
    `</saml:Attribute>`
  );
}

function cmdMetadata([keyPath, certPath, entityId, ssoUrl, country, outPath]) {
  if (!outPath) {
    throw new UsageError("usage: metadata <key.pem> <cert.pem> <entityId> <ssoUrl> <country> <out.xml>");
  }
  const key = readFile(keyPath, "key");
  const cert = readFile(certPath, "certificate");
  const validUntil = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
  const xml =
    `<md:EntityDescriptor xmlns:md="${NS.md}" xmlns:ds="${NS.ds}" ID="${newId()}" entityID="${esc(entityId)}" validUntil="${validUntil}">` +
    `<md:Extensions><mdattr:EntityAttributes xmlns:mdattr="${NS.mdattr}">` +
    entityAttribute("http://eidas.europa.eu/entity-attributes/protocol-version", ["1.4"]) +
    entityAttribute("urn:oasis:names:tc:SAML:attribute:assurance-certification", [
      LOA + "substantial",
      LOA + "high",
    ]) +
    `</mdattr:EntityAttributes></md:Extensions>` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `<md:Extensions><eidas:NodeCountry xmlns:eidas="${NS.eidas}">${esc(country)}</eidas:NodeCountry></md:Extensions>` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${pemBody(cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:NameIDFormat>${PERSISTENT}</md:NameIDFormat>` +
    `<md:SingleSignOnService Binding="${POST}" Location="${esc(ssoUrl)}"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`;
  const signed = sign(xml, key, cert, { reference: "/*/*[1]", action: "before" });
  try {
    fs.writeFileSync(outPath, signed);
  } catch (e) {
    throw new UsageError(`cannot write ${outPath}: ${e.message}`);
  }
  return { entityId, country };
}

// What the answer needs of the connector: its consumer service, its entity ID (the audience) and
// an RSA encryption certificate (xml-encryption transports keys with RSA only).
function readConnector(path) {
  const doc = parseXml(readFile(path, "connector metadata"), "connector metadata");
  const entity = doc.documentElement;
  const sp = elementChildren(entity, NS.md, "SPSSODescriptor")[0];
  if (!sp) throw new UsageError("the connector metadata has no SPSSODescriptor");
  const acs = elementChildren(sp, NS.md, "AssertionConsumerService").find(
    (a) => attr(a, "Binding") === POST,
  );
  let encryption = null;
  for (const kd of elementChildren(sp, NS.md, "KeyDescriptor")) {
    if (attr(kd, "use") !== "encryption") continue;
    const c = descendants(kd, NS.ds, "X509Certificate")[0];
    const pem = certToPem(text(c));
    if (new crypto.X509Certificate(pem).publicKey.asymmetricKeyType === "rsa") encryption = pem;
  }
  if (!acs || !encryption) throw new UsageError("the connector publishes no ACS or RSA encryption key");
  return { entityId: attr(entity, "entityID"), acs: attr(acs, "Location"), encryption };
}

// One natural-person attribute; each value is [text, native], native ones marked as the EU node does.
function naturalAttribute(name, values) {
  return (
    `<saml:Attribute FriendlyName="${name}" Name="http://eidas.europa.eu/attributes/naturalperson/${name}" NameFormat="${URI_FORMAT}">` +
    values
      .map(
        ([value, native]) =>
          `<saml:AttributeValue xmlns:xsi="${NS.xsi}" xmlns:eidas-natural="${NS.natural}" xsi:type="eidas-natural:${name}Type"` +
          (native ? ` eidas-natural:LatinScript="false"` : "") +
          `>${esc(value)}</saml:AttributeValue>`,
      )
      .join("") +
    `</saml:Attribute>`
  );
}

function encrypt(xml, certPem, variant) {
  const v = VARIANTS[variant];
  if (!v) throw new UsageError(`unknown variant ${variant}`);
  const options = {
    rsa_pub: crypto.createPublicKey(certPem).export({ type: "spki", format: "pem" }),
    pem: certPem,
    encryptionAlgorithm: v.data,
    keyEncryptionAlgorithm: v.key,
    disallowEncryptionWithInsecureAlgorithm: false,
    warnInsecureAlgorithm: false,
  };
  if (v.digest) options.keyEncryptionDigest = v.digest;
  if (v.mgf) options.keyEncryptionMgf = v.mgf;
  return new Promise((resolve, reject) =>
    xmlenc.encrypt(xml, options, (err, result) =>
      err ? reject(new UsageError(`encryption failed: ${err.message}`)) : resolve(result),
    ),
  );
}

async function cmdResponse([keyPath, certPath, connectorPath, entityId, inResponseTo, personIdentifier, level, variant]) {
  if (!variant) {
    throw new UsageError(
      "usage: response <key.pem> <cert.pem> <connectorMetadata.xml> <entityId> <inResponseTo> <personIdentifier> <level> <variant>",
    );
  }
  const key = readFile(keyPath, "key");
  const cert = readFile(certPath, "certificate");
  const connector = readConnector(connectorPath);
  const now = new Date();
  const issued = now.toISOString();
  const until = new Date(now.getTime() + 5 * 60 * 1000).toISOString();
  const issuer = `<saml:Issuer Format="${ENTITY}">${esc(entityId)}</saml:Issuer>`;
  const assertion =
    `<saml:Assertion xmlns:saml="${NS.saml}" ID="${newId()}" Version="2.0" IssueInstant="${issued}">` +
    issuer +
    `<saml:Subject><saml:NameID Format="${PERSISTENT}">${esc(personIdentifier)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="${BEARER}"><saml:SubjectConfirmationData InResponseTo="${esc(inResponseTo)}" NotOnOrAfter="${until}" Recipient="${esc(connector.acs)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${issued}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${esc(connector.entityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${issued}"><saml:AuthnContext><saml:AuthnContextClassRef>${LOA}${esc(level)}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>` +
    naturalAttribute("PersonIdentifier", [[personIdentifier]]) +
    naturalAttribute("CurrentFamilyName", [["Papadopoulou"], ["Παπαδοπούλου", true]]) +
    naturalAttribute("CurrentGivenName", [["Eleni"], ["Ελένη", true]]) +
    naturalAttribute("DateOfBirth", [["1990-05-17"]]) +
    `</saml:AttributeStatement></saml:Assertion>`;
  const signedAssertion = sign(assertion, key, cert, { reference: "/*/*[1]", action: "after" });
  const encrypted = await encrypt(signedAssertion, connector.encryption, variant);
  const response =
    `<samlp:Response xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${newId()}" Version="2.0" IssueInstant="${issued}" Destination="${esc(connector.acs)}" InResponseTo="${esc(inResponseTo)}">` +
    issuer +
    `<samlp:Status><samlp:StatusCode Value="${SUCCESS}"/></samlp:Status>` +
    `<saml:EncryptedAssertion>${encrypted}</saml:EncryptedAssertion>` +
    `</samlp:Response>`;
  const signed = sign(response, key, cert, { reference: "/*/*[1]", action: "after" });
  return { SAMLResponse: Buffer.from(signed, "utf8").toString("base64"), variant };
}

// ---------------------------------------------------------------- main

const commands = { metadata: cmdMetadata, response: cmdResponse };
const [command, ...args] = process.argv.slice(2);
try {
  const run = commands[command];
  if (!run) throw new UsageError("usage: proxyservice.mjs metadata|response ...");
  process.stdout.write(JSON.stringify(await run(args)) + "\n");
} catch (e) {
  process.stderr.write(`error: ${e instanceof UsageError ? e.message : `${e.name}: ${e.message}`}\n`);
  process.exit(2);
}
