package eu.mostbridge.simulator.eidas;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import eu.mostbridge.simulator.Persona;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.http.Exchanges;
import eu.mostbridge.simulator.http.FormData;
import eu.mostbridge.simulator.http.Html;
import eu.mostbridge.simulator.http.PersonaPicker;
import eu.mostbridge.simulator.saml.RequestRefused;
import eu.mostbridge.simulator.xml.EnvelopedSignature;
import eu.mostbridge.simulator.xml.Xml;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * A simulated eIDAS ProxyService of one member state, as an HTTP handler mounted at a path such as
 * {@code /sim/eidas/el}, for Most in its connector role:
 *
 * <ul>
 *   <li>{@code GET <path>/metadata}: its signed metadata ({@code eidas:NodeCountry}, the levels it
 *       reaches, SSO over HTTP-POST, optionally the RequesterID entity category);
 *   <li>{@code POST <path>/sso}: takes a connector's AuthnRequest, checks it as a ProxyService does
 *       (the connector's metadata read from the request's Issuer URL, the request's signature by a
 *       key of that metadata, Destination, ForceAuthn and IsPassive written out, no ACS URL and no
 *       ProtocolBinding, the minimum data set requested as required, SPType in metadata or request
 *       and not both, a level), then shows the personas of its country;
 *   <li>{@code POST <path>/login}: answers at the connector's consumer service with a signed
 *       Response around one encrypted, signed assertion, or commits the faults it was told to.
 * </ul>
 *
 * <p>It shares no code with Most's connector: XML from the JDK, signatures with the JDK's XML
 * Signature API, encryption with plain JCA (ECDH-ES to an EC key, RSA-OAEP to an RSA one).
 */
public final class ProxyServiceSimulator implements HttpHandler {
  static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
  static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
  static final String EIDAS = "http://eidas.europa.eu/saml-extensions";
  private static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
  private static final String MDATTR = "urn:oasis:names:tc:SAML:metadata:attribute";
  private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
  private static final String NATURAL = "http://eidas.europa.eu/attributes/naturalperson/";
  private static final String LOA = "http://eidas.europa.eu/LoA/";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * How this ProxyService presents itself.
   *
   * @param country its NodeCountry, as eIDAS writes it ({@code EL} for Greece)
   * @param base its URL, without a trailing slash: metadata at {@code <base>/metadata}
   * @param levels the levels it reaches ({@code low}, {@code substantial}, {@code high}), notified
   * @param requesterIdFlag whether it publishes the RequesterID entity category
   * @param protocolVersions the protocol versions it declares
   */
  public record Settings(
      String country,
      URI base,
      List<String> levels,
      boolean requesterIdFlag,
      List<String> protocolVersions) {
    public Settings {
      levels = List.copyOf(levels);
      protocolVersions = List.copyOf(protocolVersions);
    }

    /** A member state's ProxyService as the EU node 2.9 is usually configured. */
    public static Settings typical(String country, URI base) {
      return new Settings(
          country, base, List.of("substantial", "high"), true, List.of("1.4", "1.3"));
    }

    public String entityId() {
      return base + "/metadata";
    }

    public String singleSignOnService() {
      return base + "/sso";
    }
  }

  /** A request accepted and waiting for the citizen's choice. */
  record Received(
      String id, KnownConnector connector, String level, String requesterId, String relayState) {}

  private final Settings settings;
  private final SimulatorKeys signing;
  private final SimulatorKeys stranger = SimulatorKeys.ec("Not the ProxyService");
  private final Personas personas;
  private final Predicate<String> readableIssuer;
  private final Optional<X509Certificate> connectorMetadataSigner;
  private final Map<String, Received> waiting = new ConcurrentHashMap<>();
  private final Set<ProxyServiceMisbehaviour> faults = ConcurrentHashMap.newKeySet();
  private volatile String lastRequest;

  /**
   * @param readableIssuer the connector metadata URLs it may read (a request is not verified when
   *     its Issuer is read, so anything else would make it fetch whatever a stranger names)
   * @param connectorMetadataSigner the certificate the connector's metadata must be signed with;
   *     empty to accept the signing certificate it carries (a simulator's shortcut)
   */
  public ProxyServiceSimulator(
      Settings settings,
      SimulatorKeys signing,
      Personas personas,
      Predicate<String> readableIssuer,
      Optional<X509Certificate> connectorMetadataSigner) {
    this.settings = settings;
    this.signing = signing;
    this.personas = personas;
    this.readableIssuer = readableIssuer;
    this.connectorMetadataSigner = connectorMetadataSigner;
  }

  public Settings settings() {
    return settings;
  }

  /** The certificate a connector's operator trusts this ProxyService's metadata with. */
  public X509Certificate signingCertificate() {
    return signing.certificate();
  }

  /** From now on, commit these faults (replacing any earlier set). */
  public void misbehave(Set<ProxyServiceMisbehaviour> newFaults) {
    faults.clear();
    faults.addAll(newFaults);
  }

  /** The last AuthnRequest received, as XML text, for tests of what Most sends. */
  public Optional<String> lastRequest() {
    return Optional.ofNullable(lastRequest);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.endsWith("/metadata") && method.equals("GET")) {
        byte[] xml = metadata();
        exchange.getResponseHeaders().set("Content-Type", "application/samlmetadata+xml");
        exchange.sendResponseHeaders(200, xml.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(xml);
        }
      } else if (path.endsWith("/sso") && method.equals("POST")) {
        Map<String, String> form = FormData.parse(Exchanges.body(exchange));
        String samlRequest = form.get("SAMLRequest");
        if (samlRequest == null) {
          throw new RequestRefused("No SAMLRequest was posted");
        }
        showPicker(exchange, check(samlRequest, form.get("RelayState")));
      } else if (path.endsWith("/login") && method.equals("POST")) {
        answer(exchange, FormData.parse(Exchanges.body(exchange)));
      } else {
        Exchanges.html(
            exchange, 404, Html.page("en", "ProxyService simulator", "<p>No such page.</p>"));
      }
    } catch (RuntimeException e) {
      Exchanges.internalError(exchange, "ProxyService simulator", e);
    } catch (RequestRefused e) {
      Exchanges.html(
          exchange,
          400,
          Html.page(
              "en",
              "ProxyService simulator: request refused",
              "<p>" + Html.escape(e.getMessage()) + "</p>"));
    }
  }

  /** The signed metadata, valid for a day. */
  public byte[] metadata() {
    Document document = Xml.newDocument();
    Element entity = Xml.child(document, MD, "md:EntityDescriptor");
    entity.setAttribute("entityID", settings.entityId());
    entity.setAttribute("ID", newId());
    entity.setAttribute("validUntil", Instant.now().plus(Duration.ofDays(1)).toString());
    Element extensions = Xml.child(entity, MD, "md:Extensions");
    Element attributes = Xml.child(extensions, MDATTR, "mdattr:EntityAttributes");
    entityAttribute(
        attributes,
        "http://eidas.europa.eu/entity-attributes/protocol-version",
        settings.protocolVersions());
    entityAttribute(
        attributes,
        "urn:oasis:names:tc:SAML:attribute:assurance-certification",
        settings.levels().stream().map(l -> LOA + l).toList());
    if (settings.requesterIdFlag()) {
      entityAttribute(
          attributes,
          "http://macedir.org/entity-category",
          List.of("http://eidas.europa.eu/entity-attributes/termsofaccess/requesterid"));
    }
    Element idp = Xml.child(entity, MD, "md:IDPSSODescriptor");
    idp.setAttribute("WantAuthnRequestsSigned", "true");
    idp.setAttribute("protocolSupportEnumeration", "urn:oasis:names:tc:SAML:2.0:protocol");
    Xml.child(Xml.child(idp, MD, "md:Extensions"), EIDAS, "eidas:NodeCountry", settings.country());
    Element key = Xml.child(idp, MD, "md:KeyDescriptor");
    key.setAttribute("use", "signing");
    Element data = Xml.child(Xml.child(key, DSIG, "ds:KeyInfo"), DSIG, "ds:X509Data");
    try {
      Xml.child(
          data,
          DSIG,
          "ds:X509Certificate",
          Base64.getEncoder().encodeToString(signing.certificate().getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    Xml.child(idp, MD, "md:NameIDFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
    Element sso = Xml.child(idp, MD, "md:SingleSignOnService");
    sso.setAttribute("Binding", "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
    sso.setAttribute("Location", settings.singleSignOnService());
    Element parsed = reparse(entity);
    EnvelopedSignature.sign(
        parsed,
        parsed.getFirstChild(),
        signing.privateKey(),
        signing.certificate(),
        signatureAlgorithm(signing),
        "http://www.w3.org/2001/04/xmlenc#sha256");
    return Xml.toBytes(parsed.getOwnerDocument());
  }

  private static void entityAttribute(Element parent, String name, List<String> values) {
    Element attribute = Xml.child(parent, SAML, "saml2:Attribute");
    attribute.setAttribute("Name", name);
    attribute.setAttribute("NameFormat", "urn:oasis:names:tc:SAML:2.0:attrname-format:uri");
    values.forEach(v -> Xml.child(attribute, SAML, "saml2:AttributeValue", v));
  }

  /** The checks a ProxyService makes of a connector's request (see the class comment). */
  Received check(String base64, String relayState) throws RequestRefused {
    byte[] xml;
    try {
      xml = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new RequestRefused("The SAMLRequest is not Base64", e);
    }
    lastRequest = new String(xml, StandardCharsets.UTF_8);
    Element request;
    try {
      request = Xml.parse(xml).getDocumentElement();
    } catch (SAXException | IOException e) {
      throw new RequestRefused("The SAMLRequest is not XML", e);
    }
    if (!SAMLP.equals(request.getNamespaceURI())
        || !"AuthnRequest".equals(request.getLocalName())) {
      throw new RequestRefused("The SAMLRequest is not an AuthnRequest");
    }
    Element issuer = Xml.first(request, SAML, "Issuer");
    if (issuer == null || !readableIssuer.test(issuer.getTextContent().strip())) {
      throw new RequestRefused("The Issuer is not a connector this ProxyService knows");
    }
    KnownConnector connector =
        KnownConnector.fetch(issuer.getTextContent().strip(), connectorMetadataSigner);
    if (connector.signing().stream()
        .noneMatch(c -> EnvelopedSignature.verify(request, c.getPublicKey()))) {
      throw new RequestRefused("The request is not signed by a key of the connector's metadata");
    }
    require(
        settings.singleSignOnService().equals(request.getAttribute("Destination")),
        "The Destination is not this ProxyService's SSO service");
    require("true".equals(request.getAttribute("ForceAuthn")), "ForceAuthn=\"true\" is required");
    require(
        "false".equals(request.getAttribute("IsPassive")),
        "IsPassive=\"false\" must be written out");
    require(
        !request.hasAttribute("AssertionConsumerServiceURL"),
        "The request names an AssertionConsumerServiceURL; the metadata's is used");
    require(!request.hasAttribute("ProtocolBinding"), "The request names a ProtocolBinding");
    Element extensions = Xml.first(request, SAMLP, "Extensions");
    require(extensions != null, "The request has no Extensions");
    Element spType = Xml.first(extensions, EIDAS, "SPType");
    require(
        spType == null || connector.spType().isEmpty(),
        "SPType is both in the request and in the connector's metadata");
    require(
        spType != null || connector.spType().isPresent(),
        "SPType is neither in the request nor in the connector's metadata");
    Element requested = Xml.first(extensions, EIDAS, "RequestedAttributes");
    require(requested != null, "The request names no RequestedAttributes");
    for (String mandatory :
        List.of("PersonIdentifier", "CurrentFamilyName", "CurrentGivenName", "DateOfBirth")) {
      boolean found = false;
      for (Element attribute : Xml.children(requested, EIDAS, "RequestedAttribute")) {
        if ((NATURAL + mandatory).equals(attribute.getAttribute("Name"))) {
          require(
              "true".equals(attribute.getAttribute("isRequired")),
              mandatory + " is requested but not as required");
          found = true;
        }
      }
      require(found, "The minimum data set is not requested: " + mandatory + " is missing");
    }
    Element context = Xml.first(request, SAMLP, "RequestedAuthnContext");
    require(context != null, "The request names no RequestedAuthnContext");
    String comparison = context.getAttribute("Comparison");
    require(
        "minimum".equals(comparison) || "exact".equals(comparison),
        "The level comparison is neither minimum nor exact");
    Element ref = Xml.first(context, SAML, "AuthnContextClassRef");
    require(ref != null, "The request names no level");
    String uri = ref.getTextContent().strip();
    require(uri.startsWith(LOA), "The level is not a notified eIDAS level");
    String level = uri.substring(LOA.length()).toLowerCase(Locale.ROOT);
    require(settings.levels().contains(level), "The level asked for is not one published");
    Element scoping = Xml.first(request, SAMLP, "Scoping");
    Element requesterId = scoping == null ? null : Xml.first(scoping, SAMLP, "RequesterID");
    require(
        settings.requesterIdFlag() || requesterId == null,
        "A RequesterID is sent to a ProxyService that did not ask for it");
    return new Received(
        request.getAttribute("ID"),
        connector,
        level,
        requesterId == null ? null : requesterId.getTextContent().strip(),
        relayState);
  }

  private static void require(boolean condition, String refusal) throws RequestRefused {
    if (!condition) {
      throw new RequestRefused(refusal);
    }
  }

  private void showPicker(HttpExchange exchange, Received request) throws IOException {
    String handle = HexFormat.of().formatHex(random());
    waiting.put(handle, request);
    Exchanges.html(
        exchange,
        200,
        PersonaPicker.page(
            "eIDAS ProxyService simulator ("
                + settings.country()
                + ")"
                + (request.requesterId() == null ? "" : ", for " + request.requesterId()),
            settings.country(),
            request.level(),
            handle,
            personas.of(settings.country())));
  }

  private void answer(HttpExchange exchange, Map<String, String> form)
      throws IOException, RequestRefused {
    Received request = waiting.remove(form.getOrDefault("request", ""));
    if (request == null) {
      throw new RequestRefused("Unknown or already answered request");
    }
    Set<ProxyServiceMisbehaviour> now =
        faults.isEmpty() ? EnumSet.noneOf(ProxyServiceMisbehaviour.class) : EnumSet.copyOf(faults);
    ProxyServiceAnswers writer =
        new ProxyServiceAnswers(
            settings,
            now.contains(ProxyServiceMisbehaviour.WRONG_SIGNING_KEY) ? stranger : signing);
    byte[] response;
    if ("cancel".equals(form.get("action"))) {
      response = writer.refusal(request, now);
    } else {
      Persona persona =
          personas
              .byId(form.getOrDefault("persona", ""))
              .filter(p -> p.country().equals(settings.country()) && p.reaches(request.level()))
              .orElseThrow(
                  () -> new RequestRefused("Choose a persona who reaches the requested level"));
      response = writer.success(request, persona, now);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("SAMLResponse", Base64.getEncoder().encodeToString(response));
    if (request.relayState() != null) {
      fields.put("RelayState", request.relayState());
    }
    Exchanges.html(
        exchange,
        200,
        Html.autoPost(request.connector().assertionConsumerService(), fields, "Continue"));
  }

  static String signatureAlgorithm(SimulatorKeys keys) {
    return keys.privateKey().getAlgorithm().equals("EC")
        ? "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
        : "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1";
  }

  static Element reparse(Element element) {
    try {
      return Xml.parse(Xml.toBytes(element)).getDocumentElement();
    } catch (SAXException | IOException e) {
      throw new IllegalStateException("The simulator cannot re-read its own XML", e);
    }
  }

  static String newId() {
    return "_" + HexFormat.of().formatHex(random());
  }

  private static byte[] random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
