#!/usr/bin/env node
// An independent eIDAS v1.4 connector stand-in built only on xml-crypto and xml-encryption:
// it writes its own signed SP metadata, makes signed AuthnRequests, and checks a ProxyService's
// Response strictly. Nothing of Most is used, so a pass here is a third party's judgement.
//
//   node connector.mjs metadata <key.pem> <cert.pem> <entityId> <acsUrl> <out.xml>
//   node connector.mjs request  <key.pem> <cert.pem> <entityId> <destination> <level>
//   node connector.mjs response <key.pem> <idpMetadata.xml> <base64 SAMLResponse> <requestId> <entityId> <acsUrl>
//
// Each prints one JSON object on stdout. A failed check exits 1 with "refused: <reason>" on stderr;
// a usage or I/O error exits 2.


import crypto from "node:crypto";
import fs from "node:fs";
import { SignedXml } from "xml-crypto";
import xmlenc from "xml-encryption";
import {
  ALG, BEARER, ENTITY, NATURAL_ATTRS, NS, PERSISTENT, POST, Refusal, SKEW_MS, SUCCESS, URI_FORMAT,
  UsageError, attr, certToPem, descendants, elementChildren, esc, isA, newId, oneChild,
  optionalChild, parseInstant, parseXml, pemBody, readFile, refuse, resolvePrefix, sign, text,
} from "./common.mjs";

function cmdMetadata([keyPath, certPath, entityId, acsUrl, outPath]) {
  if (!outPath) throw new UsageError("usage: metadata <key.pem> <cert.pem> <entityId> <acsUrl> <out.xml>");
  const key = readFile(keyPath, "key");
  const cert = readFile(certPath, "certificate");
  const certB64 = pemBody(cert);
  const validUntil = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
  const keyInfo = `<ds:KeyInfo xmlns:ds="${NS.ds}"><ds:X509Data><ds:X509Certificate>${certB64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>`;
  const xml =
    `<md:EntityDescriptor xmlns:md="${NS.md}" xmlns:saml2="${NS.saml}" xmlns:mdattr="${NS.mdattr}" xmlns:eidas="${NS.eidas}"` +
    ` entityID="${esc(entityId)}" validUntil="${validUntil}" ID="${newId()}">` +
    `<md:Extensions>` +
    `<mdattr:EntityAttributes>` +
    `<saml2:Attribute Name="http://eidas.europa.eu/entity-attributes/protocol-version" NameFormat="${URI_FORMAT}">` +
    `<saml2:AttributeValue>1.4</saml2:AttributeValue>` +
    `</saml2:Attribute>` +
    `</mdattr:EntityAttributes>` +
    `<eidas:SPType>public</eidas:SPType>` +
    `</md:Extensions>` +
    `<md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `<md:Extensions><eidas:NodeCountry>BG</eidas:NodeCountry></md:Extensions>` +
    `<md:KeyDescriptor use="signing">${keyInfo}</md:KeyDescriptor>` +
    `<md:KeyDescriptor use="encryption">${keyInfo}` +
    `<md:EncryptionMethod Algorithm="${ALG.aes256gcm}"/>` +
    `<md:EncryptionMethod Algorithm="${ALG.rsaOaep}"/>` +
    `</md:KeyDescriptor>` +
    `<md:NameIDFormat>${PERSISTENT}</md:NameIDFormat>` +
    `<md:AssertionConsumerService Binding="${POST}" Location="${esc(acsUrl)}" index="0" isDefault="true"/>` +
    `</md:SPSSODescriptor>` +
    `</md:EntityDescriptor>`;
  // The metadata schema puts ds:Signature first in EntityDescriptor.
  const signed = sign(xml, key, cert, { reference: "/*", action: "prepend" });
  fs.writeFileSync(outPath, signed);
  return { entityId, file: outPath };
}

function cmdRequest([keyPath, certPath, entityId, destination, level]) {
  if (!level) throw new UsageError("usage: request <key.pem> <cert.pem> <entityId> <destination> <level>");
  const key = readFile(keyPath, "key");
  const cert = readFile(certPath, "certificate");
  const id = newId();
  // Notified levels are ordered, so "minimum" fits; NotNotified ones are not, so only "exact" makes sense.
  const comparison = level.includes("NotNotified") ? "exact" : "minimum";
  const requested = (name, required) =>
    `<eidas:RequestedAttribute Name="${NATURAL_ATTRS}${name}" NameFormat="${URI_FORMAT}" isRequired="${required}"/>`;
  const xml =
    `<saml2p:AuthnRequest xmlns:saml2p="${NS.samlp}" xmlns:saml2="${NS.saml}" xmlns:eidas="${NS.eidas}"` +
    ` ID="${id}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${esc(destination)}"` +
    ` ForceAuthn="true" IsPassive="false">` +
    `<saml2:Issuer Format="${ENTITY}">${esc(entityId)}</saml2:Issuer>` +
    `<saml2p:Extensions><eidas:RequestedAttributes>` +
    requested("PersonIdentifier", true) +
    requested("CurrentFamilyName", true) +
    requested("CurrentGivenName", true) +
    requested("DateOfBirth", true) +
    requested("Gender", false) +
    `</eidas:RequestedAttributes></saml2p:Extensions>` +
    `<saml2p:NameIDPolicy Format="${PERSISTENT}" AllowCreate="true"/>` +
    `<saml2p:RequestedAuthnContext Comparison="${comparison}">` +
    `<saml2:AuthnContextClassRef>${esc(level)}</saml2:AuthnContextClassRef>` +
    `</saml2p:RequestedAuthnContext>` +
    `</saml2p:AuthnRequest>`;
  // SAML core: the Signature of a protocol message follows its Issuer.
  const signed = sign(xml, key, cert, { reference: "/*/*[local-name(.)='Issuer']", action: "after" });
  return { id, SAMLRequest: Buffer.from(signed, "utf8").toString("base64") };
}

// ---------------------------------------------------------------- verification

// Verifies the single enveloped signature of `root` (the document element) and returns the
// document re-parsed from the signed octets, so that nothing unsigned is read afterwards.
function verifyEnveloped(xmlText, doc, certPem, what) {
  const root = doc.documentElement;
  const id = attr(root, "ID");
  if (!id) refuse(`${what} has no ID`);
  const all = descendants(doc, NS.ds, "Signature");
  const own = elementChildren(root, NS.ds, "Signature");
  if (own.length !== 1) refuse(`${what}: expected exactly one ds:Signature child of the root, found ${own.length}`);
  if (all.length !== 1) refuse(`${what}: ${all.length} ds:Signature elements in the document, only the root's is allowed`);
  const sigEl = own[0];

  const signedInfo = oneChild(sigEl, NS.ds, "SignedInfo", `${what} Signature`);
  const c14n = attr(oneChild(signedInfo, NS.ds, "CanonicalizationMethod", `${what} SignedInfo`), "Algorithm");
  if (c14n !== ALG.excC14n) refuse(`${what} SignedInfo canonicalization is ${c14n}, expected ${ALG.excC14n}`);
  const sigAlg = attr(oneChild(signedInfo, NS.ds, "SignatureMethod", `${what} SignedInfo`), "Algorithm");
  if (sigAlg !== ALG.pss) refuse(`${what} signature algorithm is ${sigAlg}, expected RSASSA-PSS ${ALG.pss}`);
  const refs = elementChildren(signedInfo, NS.ds, "Reference");
  if (refs.length !== 1) refuse(`${what} signature has ${refs.length} References, expected exactly one`);
  const uri = attr(refs[0], "URI");
  // Wrapping defence: the only signed element must be the root, named by its own ID.
  if (uri !== `#${id}`) refuse(`${what} signature Reference URI is ${JSON.stringify(uri)}, not the root's own ID #${id}`);
  const transforms = [];
  const tEl = optionalChild(refs[0], NS.ds, "Transforms", `${what} Reference`);
  if (tEl) for (const t of elementChildren(tEl, NS.ds, "Transform")) transforms.push(attr(t, "Algorithm"));
  if (transforms[0] !== ALG.enveloped || transforms.length > 2 || (transforms.length === 2 && transforms[1] !== ALG.excC14n)) {
    refuse(`${what} signature transforms ${JSON.stringify(transforms)} are not enveloped-signature (+ exclusive C14N)`);
  }
  const digest = attr(oneChild(refs[0], NS.ds, "DigestMethod", `${what} Reference`), "Algorithm");
  if (digest !== ALG.sha256) refuse(`${what} digest algorithm is ${digest}, expected ${ALG.sha256}`);

  // Only the key we were given counts; a KeyInfo in the message is never trusted.
  const sig = new SignedXml({ publicCert: certPem, getCertFromKeyInfo: () => null });
  sig.loadSignature(sigEl);
  let ok;
  try {
    ok = sig.checkSignature(xmlText);
  } catch (e) {
    refuse(`${what} signature does not verify: ${e.message}`);
  }
  if (!ok) {
    const detail = (sig.references || []).map((r) => r.validationError?.message).filter(Boolean).join("; ");
    refuse(`${what} signature does not verify${detail ? `: ${detail}` : " (SignatureValue mismatch)"}`);
  }
  const signed = sig.getSignedReferences();
  if (signed.length !== 1) refuse(`${what}: ${signed.length} signed references, expected one`);
  const signedDoc = parseXml(signed[0], `${what} (signed content)`);
  const sroot = signedDoc.documentElement;
  if (sroot.namespaceURI !== root.namespaceURI || sroot.localName !== root.localName || attr(sroot, "ID") !== id) {
    refuse(`${what}: the signed element is not the root ${root.localName} ${id}`);
  }
  return signedDoc;
}

function rsaBits(certPem) {
  const key = new crypto.X509Certificate(certPem).publicKey;
  return { type: key.asymmetricKeyType, bits: key.asymmetricKeyDetails?.modulusLength };
}

function readIdpMetadata(path) {
  const xml = readFile(path, "IdP metadata");
  const doc = parseXml(xml, "IdP metadata");
  const root = doc.documentElement;
  if (!isA(root, NS.md, "EntityDescriptor")) refuse("IdP metadata root is not md:EntityDescriptor");
  const idp = oneChild(root, NS.md, "IDPSSODescriptor", "IdP metadata");
  const signing = elementChildren(idp, NS.md, "KeyDescriptor").filter((k) => attr(k, "use") === "signing");
  if (!signing.length) refuse("IdP metadata has no KeyDescriptor use=\"signing\"");
  const certOf = (kd) => {
    const ki = oneChild(kd, NS.ds, "KeyInfo", "signing KeyDescriptor");
    const x509 = oneChild(oneChild(ki, NS.ds, "X509Data", "signing KeyInfo"), NS.ds, "X509Certificate", "signing X509Data");
    return certToPem(text(x509));
  };
  const certPem = certOf(signing[0]);
  const { type, bits } = rsaBits(certPem);
  if (type !== "rsa" || bits < 3072) refuse(`IdP signing key is ${type} ${bits ?? ""} bits; RSASSA-PSS needs RSA of 3072 bits or more`);

  const signedDoc = verifyEnveloped(xml, doc, certPem, "IdP metadata");
  const sroot = signedDoc.documentElement;
  const validUntil = attr(sroot, "validUntil");
  if (!validUntil) refuse("IdP metadata has no validUntil");
  if (parseInstant(validUntil, "IdP metadata validUntil") <= Date.now()) refuse(`IdP metadata expired at ${validUntil}`);
  const sIdp = oneChild(sroot, NS.md, "IDPSSODescriptor", "IdP metadata (signed)");
  if (!(attr(sIdp, "protocolSupportEnumeration") || "").split(/\s+/).includes(NS.samlp)) {
    refuse("IdP metadata IDPSSODescriptor does not support SAML 2.0");
  }
  const sSigning = elementChildren(sIdp, NS.md, "KeyDescriptor").filter((k) => attr(k, "use") === "signing");
  if (!sSigning.length || pemBody(certOf(sSigning[0])) !== pemBody(certPem)) {
    refuse("IdP metadata signing certificate differs between the document and its signed content");
  }
  const entityId = attr(sroot, "entityID");
  if (!entityId) refuse("IdP metadata has no entityID");
  return { entityId, certPem, bits };
}

function checkIssuer(parent, entityId, what) {
  const issuer = oneChild(parent, NS.saml, "Issuer", what);
  const format = attr(issuer, "Format");
  if (format !== null && format !== ENTITY) refuse(`${what} Issuer Format is ${format}, expected ${ENTITY}`);
  if (text(issuer) !== entityId) refuse(`${what} Issuer is ${JSON.stringify(text(issuer))}, expected the metadata's entityID ${entityId}`);
  return text(issuer);
}

function checkEncryptedAssertion(encAssertion, privateKeyPem) {
  const encData = oneChild(encAssertion, NS.xenc, "EncryptedData", "EncryptedAssertion");
  const type = attr(encData, "Type");
  if (type !== null && type !== ALG.elementType) refuse(`EncryptedData Type is ${type}, expected ${ALG.elementType}`);
  const dataAlg = attr(oneChild(encData, NS.xenc, "EncryptionMethod", "EncryptedData"), "Algorithm");
  if (dataAlg !== ALG.aes256gcm) refuse(`EncryptedData algorithm is ${dataAlg}, expected ${ALG.aes256gcm}`);

  // The key may sit in EncryptedData/KeyInfo or beside it; there must be exactly one either way.
  const keys = descendants(encAssertion, NS.xenc, "EncryptedKey");
  if (keys.length !== 1) refuse(`EncryptedAssertion holds ${keys.length} EncryptedKey elements, expected exactly one`);
  const encKey = keys[0];
  const km = oneChild(encKey, NS.xenc, "EncryptionMethod", "EncryptedKey");
  const keyAlg = attr(km, "Algorithm");
  if (keyAlg === ALG.rsaOaepMgf1p) refuse(`EncryptedKey uses ${ALG.rsaOaepMgf1p} (MGF1 with SHA-1); eIDAS 1.4 requires ${ALG.rsaOaep} with MGF1-SHA256`);
  if (keyAlg !== ALG.rsaOaep) refuse(`EncryptedKey algorithm is ${keyAlg}, expected ${ALG.rsaOaep}`);
  const dm = optionalChild(km, NS.ds, "DigestMethod", "EncryptedKey EncryptionMethod");
  if (!dm) refuse("EncryptedKey EncryptionMethod has no ds:DigestMethod (defaults to SHA-1)");
  if (attr(dm, "Algorithm") !== ALG.sha256) refuse(`EncryptedKey OAEP digest is ${attr(dm, "Algorithm")}, expected ${ALG.sha256}`);
  const mgf = optionalChild(km, NS.xenc11, "MGF", "EncryptedKey EncryptionMethod");
  if (!mgf) refuse("EncryptedKey EncryptionMethod has no xenc11:MGF (defaults to MGF1-SHA1)");
  if (attr(mgf, "Algorithm") !== ALG.mgf1sha256) refuse(`EncryptedKey MGF is ${attr(mgf, "Algorithm")}, expected ${ALG.mgf1sha256}`);

  // A certificate named in the EncryptedKey must be ours, or decryption would fail obscurely.
  const certEl = descendants(encKey, NS.ds, "X509Certificate")[0];
  if (certEl) {
    const theirs = new crypto.X509Certificate(certToPem(text(certEl))).publicKey.export({ type: "spki", format: "der" });
    const ours = crypto.createPublicKey(privateKeyPem).export({ type: "spki", format: "der" });
    if (!theirs.equals(ours)) refuse("EncryptedKey is addressed to a certificate that is not this connector's");
  }

  // xml-encryption calls back synchronously; refusing inside its callback would re-enter its catch.
  let plain;
  let failure;
  xmlenc.decrypt(encAssertion, { key: privateKeyPem, disallowDecryptionWithInsecureAlgorithm: true, warnInsecureAlgorithm: false }, (err, result) => {
    failure = err;
    plain = result;
  });
  if (failure) refuse(`EncryptedAssertion cannot be decrypted: ${failure.message}`);
  if (typeof plain !== "string" || !plain) refuse("EncryptedAssertion decrypted to nothing");
  return { plain, encryption: { data: dataAlg, key: keyAlg, digest: attr(dm, "Algorithm"), mgf: attr(mgf, "Algorithm") } };
}

function checkAttributes(assertion) {
  const attributes = {};
  const statements = elementChildren(assertion, NS.saml, "AttributeStatement");
  if (statements.length > 1) refuse("more than one AttributeStatement");
  if (!statements.length) refuse("assertion has no AttributeStatement");
  for (const a of elementChildren(statements[0], NS.saml)) {
    if (!isA(a, NS.saml, "Attribute")) refuse(`AttributeStatement holds ${a.localName}, not Attribute (encrypted attributes are not eIDAS)`);
    const name = attr(a, "Name") || "";
    if (attr(a, "NameFormat") !== URI_FORMAT) refuse(`attribute ${name} NameFormat is ${attr(a, "NameFormat")}, expected ${URI_FORMAT}`);
    if (!name.startsWith(NATURAL_ATTRS)) refuse(`attribute ${name} is not a natural person attribute`);
    const local = name.slice(NATURAL_ATTRS.length);
    if (!/^[A-Za-z]+$/.test(local)) refuse(`attribute name ${name} is malformed`);
    if (attributes[local]) refuse(`attribute ${name} appears twice`);
    const values = elementChildren(a, NS.saml, "AttributeValue");
    if (!values.length) refuse(`attribute ${name} has no AttributeValue`);
    attributes[local] = values.map((v) => {
      const xsiType = v.getAttributeNS(NS.xsi, "type");
      if (!xsiType) refuse(`a value of ${local} has no xsi:type`);
      const m = /^(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)$/.exec(xsiType);
      if (!m) refuse(`a value of ${local} has a malformed xsi:type ${JSON.stringify(xsiType)}`);
      const typeNs = resolvePrefix(v, m[1] || "");
      if (typeNs === null) refuse(`xsi:type ${xsiType} of ${local}: prefix ${JSON.stringify(m[1] || "")} is not declared in the signed content`);
      if (typeNs !== NS.natural) refuse(`xsi:type ${xsiType} of ${local} is in ${typeNs}, not ${NS.natural}`);
      let latinScript = null;
      let qualified = null;
      for (const at of Array.from(v.attributes)) {
        if (at.localName !== "LatinScript") continue;
        if (latinScript !== null) refuse(`a value of ${local} carries LatinScript twice`);
        if (at.namespaceURI === NS.natural) qualified = true;
        else if (!at.namespaceURI) qualified = false;
        else refuse(`LatinScript on ${local} is in the foreign namespace ${at.namespaceURI}`);
        if (at.value === "true" || at.value === "1") latinScript = true;
        else if (at.value === "false" || at.value === "0") latinScript = false;
        else refuse(`LatinScript on ${local} is not an xs:boolean: ${JSON.stringify(at.value)}`);
      }
      if (elementChildren(v).length) refuse(`a value of ${local} has element content; only simple natural person types are expected`);
      return { value: v.textContent, latinScript, qualified };
    });
  }
  return attributes;
}

function cmdResponse([keyPath, metadataPath, samlResponse, requestId, entityId, acsUrl]) {
  if (!acsUrl) throw new UsageError("usage: response <key.pem> <idpMetadata.xml> <base64 SAMLResponse> <requestId> <entityId> <acsUrl>");
  const privateKeyPem = readFile(keyPath, "key");
  const idp = readIdpMetadata(metadataPath);
  const now = Date.now();

  const b64 = samlResponse.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) refuse("SAMLResponse is not base64");
  const xml = Buffer.from(b64, "base64").toString("utf8");
  const doc = parseXml(xml, "Response");
  if (!isA(doc.documentElement, NS.samlp, "Response")) refuse(`root is ${doc.documentElement.nodeName}, not samlp:Response`);

  const signedDoc = verifyEnveloped(xml, doc, idp.certPem, "Response");
  const response = signedDoc.documentElement;
  if (attr(response, "Version") !== "2.0") refuse(`Response Version is ${attr(response, "Version")}`);
  const issueInstant = parseInstant(attr(response, "IssueInstant"), "Response IssueInstant");
  if (issueInstant > now + SKEW_MS) refuse(`Response IssueInstant ${attr(response, "IssueInstant")} is in the future`);
  const issuer = checkIssuer(response, idp.entityId, "Response");
  if (attr(response, "Destination") !== acsUrl) refuse(`Response Destination is ${JSON.stringify(attr(response, "Destination"))}, expected ${acsUrl}`);
  if (attr(response, "InResponseTo") !== requestId) refuse(`Response InResponseTo is ${JSON.stringify(attr(response, "InResponseTo"))}, expected ${requestId}`);
  const status = oneChild(response, NS.samlp, "Status", "Response");
  const code = oneChild(status, NS.samlp, "StatusCode", "Status");
  if (attr(code, "Value") !== SUCCESS) {
    const sub = elementChildren(code, NS.samlp, "StatusCode").map((c) => attr(c, "Value"));
    const msg = elementChildren(status, NS.samlp, "StatusMessage").map(text);
    refuse(`Response status is ${attr(code, "Value")}${sub.length ? ` / ${sub.join(", ")}` : ""}${msg.length ? `: ${msg.join(" ")}` : ""}`);
  }

  if (descendants(signedDoc, NS.saml, "Assertion").length || descendants(doc, NS.saml, "Assertion").length) {
    refuse("Response carries a plain (unencrypted) Assertion");
  }
  const encAssertions = elementChildren(response, NS.saml, "EncryptedAssertion");
  if (encAssertions.length !== 1 || descendants(signedDoc, NS.saml, "EncryptedAssertion").length !== 1) {
    refuse(`Response holds ${descendants(signedDoc, NS.saml, "EncryptedAssertion").length} EncryptedAssertion elements, expected exactly one`);
  }
  const { plain, encryption } = checkEncryptedAssertion(encAssertions[0], privateKeyPem);

  const aDoc = parseXml(plain, "decrypted Assertion");
  if (!isA(aDoc.documentElement, NS.saml, "Assertion")) refuse(`decrypted content is ${aDoc.documentElement.nodeName}, not saml2:Assertion`);
  const assertion = verifyEnveloped(plain, aDoc, idp.certPem, "Assertion").documentElement;
  if (attr(assertion, "Version") !== "2.0") refuse(`Assertion Version is ${attr(assertion, "Version")}`);
  const aInstant = parseInstant(attr(assertion, "IssueInstant"), "Assertion IssueInstant");
  if (aInstant > now + SKEW_MS) refuse(`Assertion IssueInstant ${attr(assertion, "IssueInstant")} is in the future`);
  checkIssuer(assertion, idp.entityId, "Assertion");

  const subject = oneChild(assertion, NS.saml, "Subject", "Assertion");
  const nameIdEl = oneChild(subject, NS.saml, "NameID", "Subject");
  const nameId = text(nameIdEl);
  if (!nameId) refuse("Subject NameID is empty");
  if (attr(nameIdEl, "Format") !== PERSISTENT) refuse(`NameID Format is ${attr(nameIdEl, "Format")}, but ${PERSISTENT} was asked`);
  const bearer = elementChildren(subject, NS.saml, "SubjectConfirmation").filter((sc) => attr(sc, "Method") === BEARER);
  if (bearer.length !== 1) refuse(`Subject has ${bearer.length} bearer SubjectConfirmations, expected exactly one`);
  const scd = oneChild(bearer[0], NS.saml, "SubjectConfirmationData", "bearer SubjectConfirmation");
  if (attr(scd, "Recipient") !== acsUrl) refuse(`SubjectConfirmationData Recipient is ${JSON.stringify(attr(scd, "Recipient"))}, expected ${acsUrl}`);
  if (attr(scd, "InResponseTo") !== requestId) refuse(`SubjectConfirmationData InResponseTo is ${JSON.stringify(attr(scd, "InResponseTo"))}, expected ${requestId}`);
  // SAML profiles 4.1.4.2: bearer confirmation data carries no NotBefore.
  if (scd.hasAttribute("NotBefore")) refuse("bearer SubjectConfirmationData carries NotBefore");
  const scdNotOnOrAfter = parseInstant(attr(scd, "NotOnOrAfter"), "SubjectConfirmationData NotOnOrAfter");
  if (scdNotOnOrAfter <= now) refuse(`SubjectConfirmationData expired at ${attr(scd, "NotOnOrAfter")}`);

  const conditions = oneChild(assertion, NS.saml, "Conditions", "Assertion");
  const notBefore = parseInstant(attr(conditions, "NotBefore"), "Conditions NotBefore");
  const notOnOrAfter = parseInstant(attr(conditions, "NotOnOrAfter"), "Conditions NotOnOrAfter");
  if (notBefore > now + SKEW_MS) refuse(`Conditions NotBefore ${attr(conditions, "NotBefore")} is in the future`);
  if (notOnOrAfter <= now) refuse(`Conditions expired at ${attr(conditions, "NotOnOrAfter")}`);
  if (notOnOrAfter <= notBefore) refuse("Conditions window is empty");
  const restrictions = elementChildren(conditions, NS.saml, "AudienceRestriction");
  if (!restrictions.length) refuse("Conditions have no AudienceRestriction");
  // Every restriction must admit us (SAML core 2.5.1.4).
  for (const r of restrictions) {
    const audiences = elementChildren(r, NS.saml, "Audience").map(text);
    if (!audiences.includes(entityId)) refuse(`AudienceRestriction ${JSON.stringify(audiences)} does not include ${entityId}`);
  }
  for (const c of elementChildren(conditions)) {
    if (!isA(c, NS.saml, "AudienceRestriction") && !isA(c, NS.saml, "OneTimeUse")) refuse(`Conditions hold an unknown condition ${c.localName}`);
  }

  const authn = oneChild(assertion, NS.saml, "AuthnStatement", "Assertion");
  const ctx = oneChild(authn, NS.saml, "AuthnContext", "AuthnStatement");
  const level = text(oneChild(ctx, NS.saml, "AuthnContextClassRef", "AuthnContext"));
  if (!/^http:\/\/eidas\.europa\.eu\/(NotNotified\/)?LoA\/(low|substantial|high)$/.test(level)) refuse(`AuthnContextClassRef ${JSON.stringify(level)} is not an eIDAS level`);

  const attributes = checkAttributes(assertion);
  return {
    issuer,
    nameId,
    level,
    audience: entityId,
    attributes,
    algorithms: { signature: ALG.pss, digest: ALG.sha256, idpKeyBits: idp.bits, ...encryption },
  };
}

// ---------------------------------------------------------------- main

const commands = { metadata: cmdMetadata, request: cmdRequest, response: cmdResponse };
const [command, ...args] = process.argv.slice(2);
try {
  const run = commands[command];
  if (!run) throw new UsageError("usage: connector.mjs metadata|request|response ...");
  process.stdout.write(JSON.stringify(run(args)) + "\n");
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(2);
  }
  // Anything that goes wrong while checking an answer is a refusal of that answer.
  const reason = e instanceof Refusal ? e.message : `${e.name}: ${e.message}`;
  process.stderr.write(command === "response" ? `refused: ${reason}\n` : `error: ${reason}\n`);
  process.exit(command === "response" ? 1 : 2);
}
