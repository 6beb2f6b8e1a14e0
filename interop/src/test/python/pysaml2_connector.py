"""An eIDAS connector stand-in on pysaml2 (Debian's python3-pysaml2), nothing of Most's in it.

    metadata KEY CERT ENTITY_ID ACS
    request  KEY CERT ENTITY_ID ACS IDP_METADATA BINDING LEVEL
    response KEY CERT ENTITY_ID ACS IDP_METADATA SAML_RESPONSE REQUEST_ID

Each prints one JSON object (metadata: the XML) on stdout; pysaml2's own refusal is an exception
and a non-zero exit. The SP is configured as its documentation says an eIDAS SP is: SPType and
RequestedAttributes in each request, ForceAuthn, signed requests, signed and encrypted answers.
"""
import html
import json
import re
import sys

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, saml
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import AuthnContextClassRef
from saml2.samlp import RequestedAuthnContext
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

NATURAL = "http://eidas.europa.eu/attributes/naturalperson/"
URI_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"

# pysaml2 types attribute values through a fixed table of XML Schema types and raises on any
# other xsi:type (IdentityPython/pysaml2#544), such as eIDAS's eidas-natural:*Type; it then
# validates its own re-serialised assertion, where that prefix is no longer declared. Its model
# reads them as the xs:string they are derived from, without eIDAS's LatinScript attribute (the
# native-script value stays second). Signatures are still checked over the XML received; nothing
# else of pysaml2 is changed.
_set_text = saml.AttributeValueBase.set_text


def _set_text_of_derived_string_types(self, value, base64encode=False):
    if self.get_type().startswith("eidas-natural:"):
        self.clear_type()
        self.set_type("xs:string")
        for name in [n for n in self.extension_attributes if n.endswith("}LatinScript")]:
            del self.extension_attributes[name]
    _set_text(self, value, base64encode)


saml.AttributeValueBase.set_text = _set_text_of_derived_string_types


def config(key, cert, entity_id, acs, idp_metadata=None):
    settings = {
        "entityid": entity_id,
        "key_file": key,
        "cert_file": cert,
        "encryption_keypairs": [{"key_file": key, "cert_file": cert}],
        "xmlsec_binary": "/usr/bin/xmlsec1",
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "endpoints": {"assertion_consumer_service": [(acs, BINDING_HTTP_POST)]},
                "authn_requests_signed": True,
                "want_response_signed": True,
                "want_assertions_signed": True,
                "force_authn": True,
                "sp_type": "public",
                "sp_type_in_metadata": False,
                # eIDAS: the ACS comes from metadata, not the request.
                "hide_assertion_consumer_service": True,
                "name_id_policy_format": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
                "requested_attributes": [
                    {"name": NATURAL + name, "name_format": URI_FORMAT, "required": True}
                    for name in ("PersonIdentifier", "CurrentFamilyName", "CurrentGivenName",
                                 "DateOfBirth")
                ] + [{"name": NATURAL + "Gender", "name_format": URI_FORMAT, "required": False}],
            }
        },
    }
    if idp_metadata:
        settings["metadata"] = {"local": [idp_metadata]}
    loaded = SPConfig()
    loaded.load(settings)
    return loaded


def metadata(args):
    # pysaml2 decrypts through xmlsec1 1.2, which knows rsa-oaep-mgf1p only, and validates against
    # schemas without xmlenc11: the key transport it can read goes in its metadata, by hand, as
    # pysaml2 cannot write EncryptionMethod.
    xml = str(entity_descriptor(config(*args)))
    start = xml.index('<ns0:KeyDescriptor use="encryption">')
    end = xml.index("</ns0:KeyDescriptor>", start)
    method = '<ns0:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p" />'
    print(xml[:end] + method + xml[end:])


def request(args):
    client = Saml2Client(config(*args[:5]))
    binding, level = args[5], args[6]
    idp = next(iter(client.metadata.identity_providers()))
    context = RequestedAuthnContext(
        authn_context_class_ref=[AuthnContextClassRef(text=level)],
        comparison="exact" if "/NotNotified/" in level else "minimum")
    request_id, info = client.prepare_for_authenticate(
        entityid=idp, relay_state="pysaml2-relay-state", binding=binding, sign=True,
        sigalg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256, requested_authn_context=context,
        is_passive="false")
    out = {"id": request_id}
    if binding == BINDING_HTTP_REDIRECT:
        out["url"] = dict(info["headers"])["Location"]
    else:
        # pysaml2 writes the POST binding's page; the test posts its form as the browser would.
        page = info["data"]
        out["url"] = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page).group(1))
        out["fields"] = {
            name: html.unescape(value)
            for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
        }
    print(json.dumps(out))


def response(args):
    client = Saml2Client(config(*args[:5]))
    saml_response, request_id = args[5], args[6]
    answer = client.parse_authn_request_response(
        saml_response, BINDING_HTTP_POST, outstanding={request_id: "/"})
    print(json.dumps({
        "issuer": answer.issuer(),
        "in_response_to": answer.in_response_to,
        "name_id": answer.name_id.text,
        "levels": [context[0] for context in answer.authn_info()],
        "attributes": answer.get_identity(),
    }, ensure_ascii=False))


{"metadata": metadata, "request": request, "response": response}[sys.argv[1]](sys.argv[2:])
