package eu.mostbridge.simulator.eidas;

import eu.mostbridge.simulator.saml.RequestRefused;
import eu.mostbridge.simulator.xml.EnvelopedSignature;
import eu.mostbridge.simulator.xml.Xml;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * An eIDAS connector as the simulated ProxyService knows it: its signed metadata, read from the URL
 * its request's Issuer names (only URLs the simulator is told it may read), its signature verified
 * with the connector's configured metadata certificate or, when none is configured, with the
 * signing certificate the metadata itself carries (a simulator's shortcut, never a ProxyService's).
 *
 * @param entityId the connector's entity ID
 * @param nodeCountry its {@code eidas:NodeCountry}
 * @param spType the SPType its metadata publishes, if any
 * @param assertionConsumerService where answers go (HTTP-POST)
 * @param signing its signing certificates
 * @param encryption its encryption certificates
 */
record KnownConnector(
    String entityId,
    String nodeCountry,
    Optional<String> spType,
    String assertionConsumerService,
    List<X509Certificate> signing,
    List<X509Certificate> encryption) {
  private static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
  private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
  private static final String EIDAS = "http://eidas.europa.eu/saml-extensions";
  private static final String POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** The encryption certificate of {@code algorithm} ({@code EC} or {@code RSA}), if published. */
  Optional<X509Certificate> encryptionKey(String algorithm) {
    return encryption.stream()
        .filter(c -> c.getPublicKey().getAlgorithm().equals(algorithm))
        .findFirst();
  }

  static KnownConnector fetch(String issuer, Optional<X509Certificate> trustedSigner)
      throws RequestRefused {
    URI uri;
    try {
      uri = URI.create(issuer);
    } catch (IllegalArgumentException e) {
      throw new RequestRefused("The Issuer is not a URL", e);
    }
    byte[] body;
    try {
      HttpResponse<InputStream> response =
          HTTP.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        body = in.readNBytes(256 * 1024 + 1);
      }
      if (response.statusCode() != 200 || body.length > 256 * 1024) {
        throw new RequestRefused(
            "The connector's metadata cannot be read (HTTP " + response.statusCode() + ")");
      }
    } catch (IOException e) {
      throw new RequestRefused("The connector's metadata cannot be read", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RequestRefused("Interrupted while reading the connector's metadata", e);
    }
    Element entity;
    try {
      entity = Xml.parse(body).getDocumentElement();
    } catch (SAXException | IOException e) {
      throw new RequestRefused("The connector's metadata is not XML", e);
    }
    if (!MD.equals(entity.getNamespaceURI())
        || !"EntityDescriptor".equals(entity.getLocalName())
        || !issuer.equals(entity.getAttribute("entityID"))) {
      throw new RequestRefused(
          "The connector's metadata is not an EntityDescriptor for its Issuer");
    }
    if (!entity.getAttribute("validUntil").isEmpty()
        && !Instant.now().isBefore(Instant.parse(entity.getAttribute("validUntil")))) {
      throw new RequestRefused("The connector's metadata has expired");
    }
    Element sp = Xml.first(entity, MD, "SPSSODescriptor");
    if (sp == null || !"true".equals(sp.getAttribute("AuthnRequestsSigned"))) {
      throw new RequestRefused("The connector's metadata has no SPSSODescriptor signing requests");
    }
    List<X509Certificate> signing = new ArrayList<>();
    List<X509Certificate> encryption = new ArrayList<>();
    NodeList keys = sp.getElementsByTagNameNS(MD, "KeyDescriptor");
    for (int i = 0; i < keys.getLength(); i++) {
      Element key = (Element) keys.item(i);
      NodeList certificates = key.getElementsByTagNameNS(DS, "X509Certificate");
      if (certificates.getLength() == 0) {
        continue;
      }
      X509Certificate certificate = certificate(certificates.item(0).getTextContent());
      switch (key.getAttribute("use")) {
        case "signing" -> signing.add(certificate);
        case "encryption" -> encryption.add(certificate);
        default -> {
          signing.add(certificate);
          encryption.add(certificate);
        }
      }
    }
    if (signing.isEmpty() || encryption.isEmpty()) {
      throw new RequestRefused("The connector's metadata lacks a signing or an encryption key");
    }
    X509Certificate signer = trustedSigner.orElse(signing.get(0));
    if (!EnvelopedSignature.verify(entity, signer.getPublicKey())) {
      throw new RequestRefused("The connector's metadata signature does not verify");
    }
    Element extensions = Xml.first(sp, MD, "Extensions");
    Element country = extensions == null ? null : Xml.first(extensions, EIDAS, "NodeCountry");
    if (country == null) {
      throw new RequestRefused("The connector's metadata has no eidas:NodeCountry");
    }
    Element entityExtensions = Xml.first(entity, MD, "Extensions");
    Element spType = entityExtensions == null ? null : Xml.first(entityExtensions, EIDAS, "SPType");
    String acs = null;
    NodeList services = sp.getElementsByTagNameNS(MD, "AssertionConsumerService");
    for (int i = 0; i < services.getLength() && acs == null; i++) {
      Element service = (Element) services.item(i);
      if (POST.equals(service.getAttribute("Binding"))) {
        acs = service.getAttribute("Location");
      }
    }
    if (acs == null) {
      throw new RequestRefused("The connector's metadata has no HTTP-POST consumer service");
    }
    return new KnownConnector(
        issuer,
        country.getTextContent().strip(),
        Optional.ofNullable(spType).map(e -> e.getTextContent().strip()),
        acs,
        signing,
        encryption);
  }

  private static X509Certificate certificate(String base64) throws RequestRefused {
    try {
      return Xml.certificate(base64);
    } catch (IllegalArgumentException e) {
      throw new RequestRefused("A certificate in the connector's metadata cannot be read", e);
    }
  }
}
