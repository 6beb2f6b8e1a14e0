package eu.mostbridge.simulator.saml;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import eu.mostbridge.simulator.Persona;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.http.Exchanges;
import eu.mostbridge.simulator.http.FormData;
import eu.mostbridge.simulator.http.Html;
import eu.mostbridge.simulator.http.PersonaPicker;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simulated national SAML IdP (its {@link SamlIdpProfile} says which), as an HTTP handler mounted
 * at a path such as {@code /eauth}:
 *
 * <ul>
 *   <li>{@code GET|POST <path>/SingleSignOnService}: takes an AuthnRequest (HTTP-Redirect or
 *       HTTP-POST binding), checks it, shows the persona picker;
 *   <li>{@code POST <path>/login}: the picker's form; answers the SP by an auto-posting form.
 * </ul>
 */
public final class SamlIdpSimulator implements HttpHandler {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SamlIdpProfile profile;
  private final SamlIdpSettings settings;
  private final Personas personas;
  private final SimulatorKeys keys;
  private final SamlRequestCheck requestCheck;
  private final SamlResponseWriter writer;
  private final Map<String, ReceivedRequest> waiting = new ConcurrentHashMap<>();
  private final Set<SamlMisbehaviour> faults = ConcurrentHashMap.newKeySet();
  private volatile byte[] lastResponse;

  public SamlIdpSimulator(
      SamlIdpProfile profile,
      SamlIdpSettings settings,
      Personas personas,
      SimulatorKeys keys,
      List<RegisteredServiceProvider> serviceProviders) {
    this(profile, settings, personas, keys, ServiceProviderSource.registered(serviceProviders));
  }

  /**
   * A simulator that learns service providers from {@code serviceProviders}, for example from their
   * metadata at the request's Issuer URL, as eAuth does ({@link
   * ServiceProviderSource#metadataAtIssuer(java.util.function.Predicate)}).
   */
  public SamlIdpSimulator(
      SamlIdpProfile profile,
      SamlIdpSettings settings,
      Personas personas,
      SimulatorKeys keys,
      ServiceProviderSource serviceProviders) {
    this.profile = profile;
    this.settings = settings;
    this.personas = personas;
    this.keys = keys;
    this.requestCheck = new SamlRequestCheck(serviceProviders, profile);
    this.writer = new SamlResponseWriter(settings, profile, keys);
  }

  /** The certificate an SP must trust for this simulator's signatures. */
  public X509Certificate signingCertificate() {
    return keys.certificate();
  }

  public SamlIdpSettings settings() {
    return settings;
  }

  /** From now on, commit these faults (replacing any earlier set). */
  public void misbehave(Set<SamlMisbehaviour> newFaults) {
    faults.clear();
    faults.addAll(newFaults);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.endsWith("/SingleSignOnService") && method.equals("GET")) {
        String query = exchange.getRequestURI().getRawQuery();
        showPicker(exchange, requestCheck.checkRedirect(query == null ? "" : query));
      } else if (path.endsWith("/SingleSignOnService") && method.equals("POST")) {
        Map<String, String> form = FormData.parse(Exchanges.body(exchange));
        String samlRequest = form.get("SAMLRequest");
        if (samlRequest == null) {
          throw new RequestRefused("No SAMLRequest was posted");
        }
        showPicker(exchange, requestCheck.checkPost(samlRequest, form.get("RelayState")));
      } else if (path.endsWith("/login") && method.equals("POST")) {
        answer(exchange, FormData.parse(Exchanges.body(exchange)));
      } else {
        Exchanges.html(
            exchange,
            404,
            Html.page("en", "SAML IdP simulator: not found", "<p>No such page.</p>"));
      }
    } catch (RuntimeException e) {
      Exchanges.internalError(exchange, "SAML IdP simulator", e);
    } catch (RequestRefused e) {
      Exchanges.html(
          exchange,
          400,
          Html.page(
              "en",
              "SAML IdP simulator: request refused",
              "<p>" + Html.escape(e.getMessage()) + "</p>"));
    }
  }

  private void showPicker(HttpExchange exchange, ReceivedRequest request)
      throws IOException, RequestRefused {
    if (settings.encryptAssertions() && request.serviceProvider().encryptionCertificate() == null) {
      throw new RequestRefused("The service provider published no encryption key");
    }
    String handle = HexFormat.of().formatHex(random());
    waiting.put(handle, request);
    Exchanges.html(
        exchange,
        200,
        PersonaPicker.page(
            profile.title(),
            profile.country(),
            request.level(),
            handle,
            personas.of(profile.country())));
  }

  private void answer(HttpExchange exchange, Map<String, String> form)
      throws IOException, RequestRefused {
    ReceivedRequest request = waiting.remove(form.getOrDefault("request", ""));
    if (request == null) {
      throw new RequestRefused("Unknown or already answered request");
    }
    Set<SamlMisbehaviour> now =
        faults.isEmpty() ? EnumSet.noneOf(SamlMisbehaviour.class) : EnumSet.copyOf(faults);
    byte[] response;
    if ("cancel".equals(form.get("action"))) {
      SamlIdpProfile.Cancel cancel = profile.cancel();
      response = writer.error(request, cancel.status(), cancel.message(), now);
    } else {
      Persona persona =
          personas
              .byId(form.getOrDefault("persona", ""))
              .filter(p -> p.country().equals(profile.country()) && p.reaches(request.level()))
              .orElseThrow(
                  () -> new RequestRefused("Choose a persona who reaches the requested level"));
      response =
          now.contains(SamlMisbehaviour.REPLAY) && lastResponse != null
              ? lastResponse
              : writer.success(request, persona, now);
    }
    lastResponse = response;
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("SAMLResponse", Base64.getEncoder().encodeToString(response));
    if (request.relayState() != null) {
      fields.put("RelayState", request.relayState());
    }
    Exchanges.html(
        exchange,
        200,
        Html.autoPost(request.serviceProvider().assertionConsumerService(), fields, "Continue"));
  }

  private static byte[] random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** The response last sent, for tests that replay it by hand. */
  public String lastResponseBase64() {
    return lastResponse == null ? null : Base64.getEncoder().encodeToString(lastResponse);
  }
}
