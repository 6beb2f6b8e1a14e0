package eu.mostbridge.simulator.saml;

import eu.mostbridge.simulator.xml.EnvelopedSignature;
import eu.mostbridge.simulator.xml.Xml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

/**
 * What the simulated eAuth checks before it serves a request: the binding's encoding, the eAuth 2.0
 * schema (SAML protocol with the {@code egovbga} extension), the Issuer being a registered SP, the
 * SP's signature (XML signature for HTTP-POST, query signature for HTTP-Redirect), and the ACS.
 */
final class SamlRequestCheck {
  private static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
  private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
  private static final String EXT = "urn:bg:egov:eauth:2.0:saml:ext";
  private static final String LOA_URN = "urn:egov:bg:eauth:2.0:levelofassurance:";
  private static final int MAX_BYTES = 64 * 1024;
  private static final String[] SCHEMAS = {
    "xmldsig-core-schema.xsd",
    "xenc-schema.xsd",
    "saml-schema-assertion-2.0.xsd",
    "bg-egov-eauthentication-2.0.xsd",
    "saml-schema-protocol-2.0.xsd"
  };

  private final Schema schema = loadSchema();
  private final ServiceProviderSource serviceProviders;
  private final SamlIdpProfile profile;

  SamlRequestCheck(ServiceProviderSource serviceProviders, SamlIdpProfile profile) {
    this.serviceProviders = serviceProviders;
    this.profile = profile;
  }

  /** A request that came by HTTP-POST: Base64 XML with an enveloped signature. */
  ReceivedRequest checkPost(String samlRequest, String relayState) throws RequestRefused {
    byte[] xml = base64(samlRequest);
    Document document = parse(xml);
    RegisteredServiceProvider sp = validate(document);
    checkSignatureAlgorithm(signatureAlgorithm(document.getDocumentElement()));
    // Every signing key must verify it, as eAuth checks: two published keys break a login.
    for (java.security.cert.X509Certificate key : sp.signingCertificates()) {
      if (!EnvelopedSignature.verify(document.getDocumentElement(), key.getPublicKey())) {
        throw new RequestRefused(
            "The AuthnRequest is not signed by "
                + (sp.signingCertificates().size() == 1 ? "the" : "every")
                + " signing key of "
                + sp.entityId());
      }
    }
    return received(document, sp, relayState);
  }

  /** A request that came by HTTP-Redirect, given the raw (still URL-encoded) query. */
  ReceivedRequest checkRedirect(String rawQuery) throws RequestRefused {
    Map<String, String> raw = new HashMap<>();
    for (String pair : rawQuery.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        raw.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    String request = raw.get("SAMLRequest");
    String sigAlg = raw.get("SigAlg");
    String signature = raw.get("Signature");
    if (request == null || sigAlg == null || signature == null) {
      throw new RequestRefused("A redirect request needs SAMLRequest, SigAlg and Signature");
    }
    if (serviceProviders.onlyForEnvelopedSignatures()) {
      throw new RequestRefused(
          "A Redirect request's query signature is not checked here, and without an enveloped"
              + " signature the service provider's metadata (and its encryption key) is not read");
    }
    byte[] xml = inflate(base64(decode(request)));
    Document document = parse(xml);
    RegisteredServiceProvider sp = validate(document);
    checkSignatureAlgorithm(decode(sigAlg));
    StringBuilder signed = new StringBuilder("SAMLRequest=").append(request);
    if (raw.containsKey("RelayState")) {
      signed.append("&RelayState=").append(raw.get("RelayState"));
    }
    signed.append("&SigAlg=").append(sigAlg);
    try {
      Signature verifier = jca(decode(sigAlg));
      for (java.security.cert.X509Certificate key : sp.signingCertificates()) {
        verifier.initVerify(key.getPublicKey());
        verifier.update(signed.toString().getBytes(StandardCharsets.UTF_8));
        if (!verifier.verify(base64(decode(signature)))) {
          throw new RequestRefused(
              "The redirect signature does not verify with " + sp.entityId() + "'s key");
        }
      }
    } catch (GeneralSecurityException e) {
      throw new RequestRefused("The redirect signature cannot be checked: " + e.getMessage(), e);
    }
    return received(
        document, sp, raw.containsKey("RelayState") ? decode(raw.get("RelayState")) : null);
  }

  private RegisteredServiceProvider validate(Document document) throws RequestRefused {
    Element root = document.getDocumentElement();
    if (!SAMLP.equals(root.getNamespaceURI()) || !"AuthnRequest".equals(root.getLocalName())) {
      throw new RequestRefused("Not a SAML AuthnRequest");
    }
    try {
      schema.newValidator().validate(new DOMSource(withEAuthLevelsAsUrns(document)));
    } catch (SAXException | IOException e) {
      throw new RequestRefused(
          "The AuthnRequest does not follow the eAuth 2.0 schema: " + e.getMessage(), e);
    }
    Element issuer = Xml.first(root, SAML, "Issuer");
    if (issuer == null) {
      throw new RequestRefused("The AuthnRequest has no Issuer");
    }
    checkIssueInstant(root);
    return serviceProviders.byIssuer(
        issuer.getTextContent().strip(), root.getAttribute("AssertionConsumerServiceURL"));
  }

  /**
   * The real eAuth reads LevelOfAssurance with Java's {@code valueOf} (so {@code SUBSTANTIAL}),
   * while its XSD lists URNs: the schema is checked on a copy with the name form rewritten to the
   * URN form, and the profile then refuses anything but a name, as eAuth's {@code valueOf} would.
   */
  private static Document withEAuthLevelsAsUrns(Document document) {
    Document copy = (Document) document.cloneNode(true);
    NodeList levels = copy.getElementsByTagNameNS(EXT, "LevelOfAssurance");
    for (int i = 0; i < levels.getLength(); i++) {
      Node level = levels.item(i);
      String text = level.getTextContent().strip();
      if (text.matches("LOW|SUBSTANTIAL|HIGH")) {
        level.setTextContent(LOA_URN + text.toLowerCase(Locale.ROOT));
      }
    }
    return copy;
  }

  /** The request's age against the profile's window (eAuth: 20 s, 10 s of skew). */
  private void checkIssueInstant(Element root) throws RequestRefused {
    if (profile.requestWindow().isEmpty()) {
      return;
    }
    SamlIdpProfile.RequestWindow window = profile.requestWindow().get();
    java.time.Instant issued;
    try {
      issued = java.time.Instant.parse(root.getAttribute("IssueInstant"));
    } catch (java.time.format.DateTimeParseException e) {
      throw new RequestRefused("The AuthnRequest has no readable IssueInstant", e);
    }
    java.time.Instant now = java.time.Instant.now();
    if (issued.isAfter(now.plus(window.skew()))
        || issued.plus(window.lifetime()).plus(window.skew()).isBefore(now)) {
      throw new RequestRefused(
          "The AuthnRequest was issued at "
              + issued
              + ", outside "
              + window.lifetime().toSeconds()
              + " s (and "
              + window.skew().toSeconds()
              + " s of skew) of now");
    }
  }

  private void checkSignatureAlgorithm(String algorithm) throws RequestRefused {
    Set<String> accepted = profile.requestSignatureAlgorithms();
    if (!accepted.isEmpty() && !accepted.contains(algorithm)) {
      throw new RequestRefused(
          "The AuthnRequest is signed with " + algorithm + ", which this IdP does not verify");
    }
  }

  /** The SignatureMethod of the root's own enveloped signature, or empty text. */
  private static String signatureAlgorithm(Element root) {
    Element signature = Xml.first(root, "http://www.w3.org/2000/09/xmldsig#", "Signature");
    Element info =
        signature == null
            ? null
            : Xml.first(signature, "http://www.w3.org/2000/09/xmldsig#", "SignedInfo");
    Element method =
        info == null
            ? null
            : Xml.first(info, "http://www.w3.org/2000/09/xmldsig#", "SignatureMethod");
    return method == null ? "" : method.getAttribute("Algorithm");
  }

  private ReceivedRequest received(
      Document document, RegisteredServiceProvider sp, String relayState) throws RequestRefused {
    Element root = document.getDocumentElement();
    return new ReceivedRequest(
        root.getAttribute("ID"), sp, profile.requestedLevel(root), relayState);
  }

  private static Document parse(byte[] xml) throws RequestRefused {
    try {
      return Xml.parse(xml);
    } catch (SAXException | IOException e) {
      throw new RequestRefused("The SAMLRequest is not acceptable XML", e);
    }
  }

  private static byte[] base64(String value) throws RequestRefused {
    try {
      return Base64.getMimeDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new RequestRefused("The SAMLRequest is not Base64", e);
    }
  }

  private static String decode(String urlEncoded) {
    return java.net.URLDecoder.decode(urlEncoded, StandardCharsets.UTF_8);
  }

  private static byte[] inflate(byte[] deflated) throws RequestRefused {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(deflated);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && inflater.needsInput()) {
          throw new RequestRefused("The SAMLRequest DEFLATE data is truncated");
        }
        if (out.size() + n > MAX_BYTES) {
          throw new RequestRefused("The SAMLRequest is too large");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new RequestRefused("The SAMLRequest is not DEFLATE data", e);
    } finally {
      inflater.end();
    }
  }

  private static Signature jca(String algorithm) throws GeneralSecurityException {
    return switch (algorithm) {
      case "http://www.w3.org/2000/09/xmldsig#rsa-sha1" -> Signature.getInstance("SHA1withRSA");
      case "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" ->
          Signature.getInstance("SHA256withRSA");
      case "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256" ->
          Signature.getInstance("SHA256withECDSAinP1363Format");
      case "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1" -> {
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        yield pss;
      }
      default -> throw new GeneralSecurityException("unsupported SigAlg " + algorithm);
    };
  }

  /**
   * The eAuth schema set. The W3C schemas start with a DOCTYPE naming a remote DTD; they are parsed
   * here without loading it, and every import is answered from these copies, so no schema is ever
   * fetched from the network.
   */
  private static Schema loadSchema() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      Map<String, String> texts = new HashMap<>();
      for (String name : SCHEMAS) {
        try (InputStream in =
            SamlRequestCheck.class.getResourceAsStream(
                "/eu/mostbridge/simulator/saml-schema/" + name)) {
          Document schemaDocument = factory.newDocumentBuilder().parse(in);
          texts.put(
              name,
              new String(Xml.toBytes(schemaDocument.getDocumentElement()), StandardCharsets.UTF_8));
        }
      }
      SchemaFactory schemas = SchemaFactory.newDefaultInstance();
      schemas.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      schemas.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      schemas.setResourceResolver(
          (type, namespace, publicId, systemId, baseUri) -> {
            String file =
                systemId == null ? null : systemId.substring(systemId.lastIndexOf('/') + 1);
            String text = file == null ? null : texts.get(file);
            return text == null ? null : new SchemaInput(text, systemId);
          });
      StreamSource protocol =
          new StreamSource(
              new StringReader(texts.get("saml-schema-protocol-2.0.xsd")),
              "saml-schema-protocol-2.0.xsd");
      return schemas.newSchema(protocol);
    } catch (Exception e) {
      throw new IllegalStateException("The eAuth schemas cannot be loaded", e);
    }
  }

  /** A schema handed to the validator from memory. */
  private static final class SchemaInput implements LSInput {
    private final String text;
    private final String systemId;

    SchemaInput(String text, String systemId) {
      this.text = text;
      this.systemId = systemId;
    }

    @Override
    public String getStringData() {
      return text;
    }

    @Override
    public String getSystemId() {
      return systemId;
    }

    @Override
    public java.io.Reader getCharacterStream() {
      return null;
    }

    @Override
    public void setCharacterStream(java.io.Reader characterStream) {}

    @Override
    public InputStream getByteStream() {
      return null;
    }

    @Override
    public void setByteStream(InputStream byteStream) {}

    @Override
    public void setStringData(String stringData) {}

    @Override
    public void setSystemId(String systemId) {}

    @Override
    public String getPublicId() {
      return null;
    }

    @Override
    public void setPublicId(String publicId) {}

    @Override
    public String getBaseURI() {
      return null;
    }

    @Override
    public void setBaseURI(String baseURI) {}

    @Override
    public String getEncoding() {
      return null;
    }

    @Override
    public void setEncoding(String encoding) {}

    @Override
    public boolean getCertifiedText() {
      return false;
    }

    @Override
    public void setCertifiedText(boolean certifiedText) {}
  }
}
