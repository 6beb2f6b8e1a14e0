package eu.mostbridge.simulator.eidas;

import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.xml.EnvelopedSignature;
import eu.mostbridge.simulator.xml.Xml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An eIDAS AuthnRequest as an EU node's connector sends it (eIDAS SAML Message Format v1.4, in the
 * element order of the EU node 2.9): Issuer, signature, Extensions (SPType when the connector's
 * metadata has none, RequestedAttributes), NameIDPolicy, RequestedAuthnContext, Scoping with
 * RequesterID. Every field is open for change, so a test can make a request wrong in one respect;
 * {@link #edit} changes the document itself before it is signed.
 */
public final class EidasRequest {
  static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
  static final String NATURAL = "http://eidas.europa.eu/attributes/naturalperson/";
  static final String URI_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";

  public String id = "_" + UUID.randomUUID();
  public Instant issueInstant = Instant.now();
  public String issuer;
  public String destination;
  public String forceAuthn = "true";
  public String isPassive = "false";
  public String spType = null;

  /**
   * Attribute name (without the natural-person prefix when it has none of its own) to isRequired.
   */
  public Map<String, Boolean> attributes = new LinkedHashMap<>();

  public String nameIdFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
  public String comparison = "minimum";
  public List<String> levels = new ArrayList<>(List.of("http://eidas.europa.eu/LoA/substantial"));
  public String requesterId = null;
  public String assertionConsumerServiceUrl = null;
  public String signatureAlgorithm = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
  public String digestAlgorithm = "http://www.w3.org/2001/04/xmlenc#sha256";
  public boolean signed = true;
  public Consumer<Element> edit = element -> {};

  public EidasRequest(String issuer, String destination) {
    this.issuer = issuer;
    this.destination = destination;
    attributes.put("PersonIdentifier", true);
    attributes.put("CurrentFamilyName", true);
    attributes.put("CurrentGivenName", true);
    attributes.put("DateOfBirth", true);
    attributes.put("Gender", false);
  }

  /** The request as XML, signed with an enveloped signature when {@link #signed}. */
  public byte[] toXml(SimulatorKeys key) {
    Document document = Xml.newDocument();
    Element request = Xml.child(document, SAMLP, "saml2p:AuthnRequest");
    request.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:eidas", ConnectorMetadata.EIDAS);
    request.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:saml2", ConnectorMetadata.SAML);
    request.setAttribute("ID", id);
    request.setAttribute("Version", "2.0");
    request.setAttribute("IssueInstant", issueInstant.toString());
    if (destination != null) {
      request.setAttribute("Destination", destination);
    }
    request.setAttribute("Consent", "urn:oasis:names:tc:SAML:2.0:consent:unspecified");
    if (forceAuthn != null) {
      request.setAttribute("ForceAuthn", forceAuthn);
    }
    if (isPassive != null) {
      request.setAttribute("IsPassive", isPassive);
    }
    if (assertionConsumerServiceUrl != null) {
      request.setAttribute("AssertionConsumerServiceURL", assertionConsumerServiceUrl);
    }
    Element issuerElement = Xml.child(request, ConnectorMetadata.SAML, "saml2:Issuer", issuer);
    issuerElement.setAttribute("Format", "urn:oasis:names:tc:SAML:2.0:nameid-format:entity");
    Element extensions = Xml.child(request, SAMLP, "saml2p:Extensions");
    if (spType != null) {
      Xml.child(extensions, ConnectorMetadata.EIDAS, "eidas:SPType", spType);
    }
    if (!attributes.isEmpty()) {
      Element requested =
          Xml.child(extensions, ConnectorMetadata.EIDAS, "eidas:RequestedAttributes");
      attributes.forEach(
          (name, required) -> {
            Element attribute =
                Xml.child(requested, ConnectorMetadata.EIDAS, "eidas:RequestedAttribute");
            attribute.setAttribute("FriendlyName", name.substring(name.lastIndexOf('/') + 1));
            attribute.setAttribute("Name", name.contains(":") ? name : NATURAL + name);
            attribute.setAttribute("NameFormat", URI_FORMAT);
            attribute.setAttribute("isRequired", required.toString());
          });
    }
    if (nameIdFormat != null) {
      Element policy = Xml.child(request, SAMLP, "saml2p:NameIDPolicy");
      policy.setAttribute("AllowCreate", "true");
      policy.setAttribute("Format", nameIdFormat);
    }
    if (levels != null) {
      Element context = Xml.child(request, SAMLP, "saml2p:RequestedAuthnContext");
      if (comparison != null) {
        context.setAttribute("Comparison", comparison);
      }
      for (String level : levels) {
        Xml.child(context, ConnectorMetadata.SAML, "saml2:AuthnContextClassRef", level);
      }
    }
    if (requesterId != null) {
      Element scoping = Xml.child(request, SAMLP, "saml2p:Scoping");
      Xml.child(scoping, SAMLP, "saml2p:RequesterID", requesterId);
    }
    edit.accept(request);
    if (!signed) {
      return Xml.toBytes(document);
    }
    Element parsed;
    try {
      parsed = Xml.parse(Xml.toBytes(document)).getDocumentElement();
    } catch (org.xml.sax.SAXException | IOException e) {
      throw new IllegalStateException(e);
    }
    EnvelopedSignature.sign(
        parsed,
        Xml.first(parsed, ConnectorMetadata.SAML, "Issuer").getNextSibling(),
        key.privateKey(),
        key.certificate(),
        signatureAlgorithm,
        digestAlgorithm);
    return Xml.toBytes(parsed.getOwnerDocument());
  }

  /** The HTTP-POST form's fields: the request in Base64, the relay state if any. */
  public Map<String, String> toPostForm(SimulatorKeys key, String relayState) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("SAMLRequest", Base64.getEncoder().encodeToString(toXml(key)));
    if (relayState != null) {
      form.put("RelayState", relayState);
    }
    return form;
  }

  /**
   * The HTTP-Redirect query: the unsigned request deflated into {@code SAMLRequest}, signed over
   * the query string as the binding prescribes ({@code SAMLRequest=…&RelayState=…&SigAlg=…}).
   */
  public String toRedirectQuery(SimulatorKeys key, String relayState) {
    boolean wasSigned = signed;
    signed = false;
    byte[] xml;
    try {
      xml = toXml(key);
    } finally {
      signed = wasSigned;
    }
    StringBuilder query = new StringBuilder("SAMLRequest=").append(encode(deflate(xml)));
    if (relayState != null) {
      query.append("&RelayState=").append(encode(relayState));
    }
    query.append("&SigAlg=").append(encode(signatureAlgorithm));
    if (!signed) {
      return query.toString();
    }
    try {
      Signature signer = jca(signatureAlgorithm);
      signer.initSign(key.privateKey());
      signer.update(query.toString().getBytes(StandardCharsets.UTF_8));
      query.append("&Signature=").append(encode(Base64.getEncoder().encodeToString(signer.sign())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return query.toString();
  }

  private static Signature jca(String algorithm) throws GeneralSecurityException {
    return switch (algorithm) {
      case "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256" ->
          Signature.getInstance("SHA256withECDSAinP1363Format");
      case "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512" ->
          Signature.getInstance("SHA512withECDSAinP1363Format");
      case "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1" -> {
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        yield pss;
      }
      case "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" ->
          Signature.getInstance("SHA256withRSA");
      default -> throw new GeneralSecurityException("no JCA name for " + algorithm);
    };
  }

  static String deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFLATED, true);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return Base64.getEncoder().encodeToString(out.toByteArray());
    } finally {
      deflater.end();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
