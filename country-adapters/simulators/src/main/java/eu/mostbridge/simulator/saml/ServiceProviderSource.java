package eu.mostbridge.simulator.saml;

import eu.mostbridge.simulator.xml.Xml;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Where a simulated IdP learns a requesting service provider's keys and ACS. */
public interface ServiceProviderSource {
  /**
   * The service provider whose request names {@code issuer} and asks for answers at {@code
   * requestedAcs} (empty when the request names none).
   *
   * @throws RequestRefused when it is unknown or its metadata unusable
   */
  RegisteredServiceProvider byIssuer(String issuer, String requestedAcs) throws RequestRefused;

  /** Whether it needs a request's enveloped signature before it looks the SP up (eAuth does). */
  default boolean onlyForEnvelopedSignatures() {
    return false;
  }

  /** Service providers registered in advance; a request's ACS must be the registered one. */
  static ServiceProviderSource registered(List<RegisteredServiceProvider> serviceProviders) {
    Map<String, RegisteredServiceProvider> byEntityId = new LinkedHashMap<>();
    serviceProviders.forEach(sp -> byEntityId.put(sp.entityId(), sp));
    return (issuer, requestedAcs) -> {
      RegisteredServiceProvider sp = byEntityId.get(issuer);
      if (sp == null) {
        throw new RequestRefused("The Issuer is not a registered service provider");
      }
      if (!requestedAcs.isEmpty() && !requestedAcs.equals(sp.assertionConsumerService())) {
        throw new RequestRefused("The ACS URL is not the one registered for " + sp.entityId());
      }
      return sp;
    };
  }

  /**
   * As eAuth reads service providers (eAuth-v2 {@code SAMLMessageHandler}): an HTTP GET of the
   * request's Issuer on every request, whose answer must be an {@code EntityDescriptor}; every
   * {@code use="signing"} certificate must verify the request, the last {@code use="encryption"}
   * one is encrypted to, keys without {@code use} are ignored, the metadata's own signature is not
   * checked, and the ACS is the one the request names. Only for a request with an enveloped
   * signature: a Redirect request gets no metadata read. Only Issuers that {@code readable} admits
   * are fetched: the request is not yet verified when its Issuer is read, so any other URL would
   * make the simulator fetch whatever a stranger names.
   */
  static ServiceProviderSource metadataAtIssuer(java.util.function.Predicate<String> readable) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new ServiceProviderSource() {
      @Override
      public RegisteredServiceProvider byIssuer(String issuer, String requestedAcs)
          throws RequestRefused {
        if (requestedAcs.isEmpty()) {
          throw new RequestRefused("The AuthnRequest names no AssertionConsumerServiceURL");
        }
        if (!readable.test(issuer)) {
          throw new RequestRefused("The Issuer is not a service provider this simulator reads");
        }
        Element root = fetch(http, issuer);
        List<X509Certificate> signing = new ArrayList<>();
        X509Certificate encryption = null;
        NodeList descriptors = root.getElementsByTagNameNS(MD, "KeyDescriptor");
        for (int i = 0; i < descriptors.getLength(); i++) {
          Element descriptor = (Element) descriptors.item(i);
          NodeList certificates = descriptor.getElementsByTagNameNS(DS, "X509Certificate");
          if (certificates.getLength() == 0) {
            continue;
          }
          X509Certificate certificate = certificate(certificates.item(0).getTextContent());
          switch (descriptor.getAttribute("use")) {
            case "signing" -> signing.add(certificate);
            case "encryption" -> encryption = certificate;
            default -> {
              // eAuth ignores a key without use
            }
          }
        }
        if (signing.isEmpty()) {
          throw new RequestRefused("The metadata at the Issuer URL has no signing key");
        }
        return new RegisteredServiceProvider(issuer, requestedAcs, signing, encryption);
      }

      @Override
      public boolean onlyForEnvelopedSignatures() {
        return true;
      }
    };
  }

  /** SAML metadata's namespace. */
  String MD = "urn:oasis:names:tc:SAML:2.0:metadata";

  /** XML Signature's namespace. */
  String DS = "http://www.w3.org/2000/09/xmldsig#";

  private static Element fetch(HttpClient http, String issuer) throws RequestRefused {
    URI uri;
    try {
      uri = URI.create(issuer);
    } catch (IllegalArgumentException e) {
      throw new RequestRefused("The Issuer is not a URL to read metadata from", e);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new RequestRefused("The Issuer is not an http(s) URL to read metadata from");
    }
    try {
      HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(256 * 1024 + 1);
      }
      if (response.statusCode() != 200 || body.length > 256 * 1024) {
        throw new RequestRefused(
            "The metadata at the Issuer URL cannot be read (HTTP " + response.statusCode() + ")");
      }
      Document document = Xml.parse(body);
      Element root = document.getDocumentElement();
      if (!MD.equals(root.getNamespaceURI()) || !"EntityDescriptor".equals(root.getLocalName())) {
        throw new RequestRefused("The metadata at the Issuer URL is not an EntityDescriptor");
      }
      return root;
    } catch (IOException | SAXException e) {
      throw new RequestRefused("The metadata at the Issuer URL cannot be read", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RequestRefused("Interrupted while reading the metadata", e);
    }
  }

  private static X509Certificate certificate(String base64) throws RequestRefused {
    try {
      return Xml.certificate(base64);
    } catch (IllegalArgumentException e) {
      throw new RequestRefused("A certificate in the metadata cannot be read", e);
    }
  }
}
