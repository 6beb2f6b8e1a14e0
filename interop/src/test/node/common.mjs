// What the two Node stand-ins (connector.mjs, proxyservice.mjs) share: XML helpers over xmldom,
// RSASSA-PSS signing with xml-crypto, the eIDAS names. Nothing of Most is used.

import crypto from "node:crypto";
import fs from "node:fs";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import xmlenc from "xml-encryption";

export const NS = {
  md: "urn:oasis:names:tc:SAML:2.0:metadata",
  saml: "urn:oasis:names:tc:SAML:2.0:assertion",
  samlp: "urn:oasis:names:tc:SAML:2.0:protocol",
  ds: "http://www.w3.org/2000/09/xmldsig#",
  xenc: "http://www.w3.org/2001/04/xmlenc#",
  xenc11: "http://www.w3.org/2009/xmlenc11#",
  mdattr: "urn:oasis:names:tc:SAML:metadata:attribute",
  eidas: "http://eidas.europa.eu/saml-extensions",
  natural: "http://eidas.europa.eu/attributes/naturalperson",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  xmlns: "http://www.w3.org/2000/xmlns/",
};

export const ALG = {
  pss: "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
  excC14n: "http://www.w3.org/2001/10/xml-exc-c14n#",
  enveloped: "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
  sha256: "http://www.w3.org/2001/04/xmlenc#sha256",
  aes256gcm: "http://www.w3.org/2009/xmlenc11#aes256-gcm",
  rsaOaep: "http://www.w3.org/2009/xmlenc11#rsa-oaep",
  rsaOaepMgf1p: "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
  mgf1sha256: "http://www.w3.org/2009/xmlenc11#mgf1sha256",
  elementType: "http://www.w3.org/2001/04/xmlenc#Element",
};

export const URI_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
export const PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
export const ENTITY = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";
export const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
export const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
export const POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
export const NATURAL_ATTRS = "http://eidas.europa.eu/attributes/naturalperson/";
// Tolerated clock difference for NotBefore and IssueInstant only; expiry is checked exactly.
export const SKEW_MS = 30_000;

export class Refusal extends Error {}
export class UsageError extends Error {}

export function refuse(reason) {
  throw new Refusal(reason);
}

// ---------------------------------------------------------------- XML helpers

export function esc(value) {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

// Any parser complaint is a refusal: a lenient parse is where wrapping and confusion attacks live.
export function parseXml(text, what) {
  if (/<!DOCTYPE/i.test(text)) refuse(`${what} contains a DOCTYPE`);
  const problems = [];
  const handler = (level) => (msg) => problems.push(`${level}: ${msg}`);
  const doc = new DOMParser({
    locator: {},
    errorHandler: { warning: handler("warning"), error: handler("error"), fatalError: handler("fatal") },
  }).parseFromString(text, "text/xml");
  if (problems.length) refuse(`${what} is not well-formed XML (${problems[0].replace(/\s+/g, " ")})`);
  if (!doc || !doc.documentElement) refuse(`${what} has no root element`);
  return doc;
}

export function elementChildren(node, ns, local) {
  const out = [];
  for (let n = node.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    if ((ns === undefined || n.namespaceURI === ns) && (local === undefined || n.localName === local)) out.push(n);
  }
  return out;
}

export function descendants(node, ns, local) {
  const out = [];
  const walk = (n) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      if (c.namespaceURI === ns && c.localName === local) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

export function oneChild(node, ns, local, what) {
  const found = elementChildren(node, ns, local);
  if (found.length !== 1) refuse(`${what}: expected exactly one ${local}, found ${found.length}`);
  return found[0];
}

export function optionalChild(node, ns, local, what) {
  const found = elementChildren(node, ns, local);
  if (found.length > 1) refuse(`${what}: more than one ${local}`);
  return found[0];
}

export function text(node) {
  return (node.textContent || "").trim();
}

export function attr(node, name) {
  return node.hasAttribute(name) ? node.getAttribute(name) : null;
}

export function isA(node, ns, local) {
  return node && node.nodeType === 1 && node.namespaceURI === ns && node.localName === local;
}

// The in-scope binding of a prefix, read from the declarations themselves rather than a parser cache.
export function resolvePrefix(node, prefix) {
  const name = prefix ? `xmlns:${prefix}` : "xmlns";
  for (let n = node; n && n.nodeType === 1; n = n.parentNode) {
    if (n.hasAttribute(name)) return n.getAttribute(name);
  }
  return null;
}

export function parseInstant(value, what) {
  // xs:dateTime as SAML requires: UTC, "Z" suffix.
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) {
    refuse(`${what} is not a UTC xs:dateTime: ${JSON.stringify(value)}`);
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) refuse(`${what} is not a valid instant: ${value}`);
  return t;
}

export function certToPem(base64) {
  const body = base64.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) refuse("X509Certificate is not base64");
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g).join("\n")}\n-----END CERTIFICATE-----\n`;
  try {
    new crypto.X509Certificate(pem);
  } catch (e) {
    refuse(`X509Certificate cannot be read: ${e.message}`);
  }
  return pem;
}

export function pemBody(pem) {
  return pem
    .replace(/-----BEGIN CERTIFICATE-----/, "")
    .replace(/-----END CERTIFICATE-----[\s\S]*/, "")
    .replace(/\s+/g, "");
}

export function newId() {
  // eIDAS and SAML want an NCName; a leading "_" keeps hex from starting with a digit.
  return "_" + crypto.randomBytes(20).toString("hex");
}

export function readFile(path, what) {
  try {
    return fs.readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${e.message}`);
  }
}

// ---------------------------------------------------------------- signing

export function sign(xml, keyPem, certPem, location) {
  const sig = new SignedXml({
    privateKey: keyPem,
    publicCert: certPem,
    signatureAlgorithm: ALG.pss,
    canonicalizationAlgorithm: ALG.excC14n,
  });
  sig.addReference({ xpath: "/*", transforms: [ALG.enveloped, ALG.excC14n], digestAlgorithm: ALG.sha256 });
  sig.computeSignature(xml, { prefix: "ds", location });
  return sig.getSignedXml();
}
