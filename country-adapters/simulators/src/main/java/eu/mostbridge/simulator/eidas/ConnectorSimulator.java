package eu.mostbridge.simulator.eidas;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.http.Exchanges;
import eu.mostbridge.simulator.http.FormData;
import eu.mostbridge.simulator.http.Html;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simulated eIDAS connector with a demo service behind it, as a member state's node would face
 * Most: it publishes its signed metadata ({@code metadata}), sends eIDAS AuthnRequests to the
 * ProxyService of the citizen's country over HTTP-POST or HTTP-Redirect ({@code login}), and
 * receives the answer at its assertion consumer service ({@code acs}), which it checks and decrypts
 * with its own code ({@link EidasAnswer}) and shows. It trusts each ProxyService's keys as its
 * operator configured them.
 */
public final class ConnectorSimulator implements HttpHandler {
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A ProxyService the connector may ask.
   *
   * @param entityId its metadata URL, the Issuer of its answers
   * @param singleSignOn where requests go
   * @param signingKeys the keys its answers are signed with
   * @param notified whether its levels are notified ones
   */
  public record ProxyService(
      String entityId, String singleSignOn, List<X509Certificate> signingKeys, boolean notified) {}

  private record Pending(String requestId, String country) {}

  private final String base;
  private final String nodeCountry;
  private final SimulatorKeys signing;
  private final SimulatorKeys encryption;
  private final Map<String, ProxyService> services;
  private final Clock clock;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  /**
   * @param base where the simulator is mounted, e.g. {@code http://localhost:8080/sim/eidas-bg}
   * @param nodeCountry its country, in its metadata
   * @param services the ProxyServices it trusts, by country in lower case
   */
  public ConnectorSimulator(
      String base,
      String nodeCountry,
      SimulatorKeys signing,
      SimulatorKeys encryption,
      Map<String, ProxyService> services,
      Clock clock) {
    this.base = base.replaceAll("/+$", "");
    this.nodeCountry = nodeCountry;
    this.signing = signing;
    this.encryption = encryption;
    this.services = Map.copyOf(services);
    this.clock = clock;
  }

  /** Its entity ID: the URL of its metadata. */
  public String entityId() {
    return base + "/metadata";
  }

  /** Its metadata, as it publishes it. */
  public ConnectorMetadata metadata() {
    return ConnectorMetadata.typical(
        entityId(), nodeCountry, base + "/acs", signing, encryption.certificate());
  }

  /**
   * Its signing key. Demo keys are made at start-up and are as public as the simulator; attack
   * tests sign requests that are wrong in one respect with it.
   */
  public SimulatorKeys signingKeys() {
    return signing;
  }

  /** Its decryption key, for tests that read answers sent to it. */
  public SimulatorKeys encryptionKeys() {
    return encryption;
  }

  /** The key its metadata is signed with, for whoever trusts it. */
  public X509Certificate metadataSigner() {
    return signing.certificate();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String local =
        path.substring(
            path.indexOf('/', "/sim/".length()) < 0
                ? path.length()
                : path.indexOf('/', "/sim/".length()));
    try {
      switch (local) {
        case "/metadata" -> xml(exchange, metadata().toBytes());
        case "/login" -> login(exchange);
        case "/acs" -> acs(exchange);
        default -> home(exchange);
      }
    } catch (RuntimeException e) {
      Exchanges.internalError(exchange, "eIDAS connector simulator", e);
    }
  }

  private void home(HttpExchange exchange) throws IOException {
    StringBuilder body = new StringBuilder();
    body.append("<p>A Bulgarian public service that accepts foreign citizens through the eIDAS")
        .append(" network. It asks the ProxyService of the citizen's country through its eIDAS")
        .append(" connector (simulated here).</p><ul>");
    for (String country : services.keySet().stream().sorted().toList()) {
      for (String binding : List.of("post", "redirect")) {
        body.append("<li><a href=\"")
            .append(Html.escape(base + "/login?country=" + country + "&binding=" + binding))
            .append("\">Log in as a citizen of ")
            .append(Html.escape(country.toUpperCase(Locale.ROOT)))
            .append(" (HTTP-")
            .append("post".equals(binding) ? "POST" : "Redirect")
            .append(")</a></li>");
      }
    }
    body.append("</ul>");
    Exchanges.html(
        exchange, 200, Html.page("en", "Bulgarian service via the eIDAS network", body.toString()));
  }

  private void login(HttpExchange exchange) throws IOException {
    Map<String, String> query = FormData.parse(exchange.getRequestURI().getRawQuery());
    ProxyService service = services.get(query.getOrDefault("country", ""));
    if (service == null) {
      Exchanges.html(exchange, 400, Html.page("en", "No such country", ""));
      return;
    }
    EidasRequest request = new EidasRequest(entityId(), service.singleSignOn());
    request.requesterId = "https://service.demo.bg/portal";
    if (!service.notified()) {
      request.comparison = "exact";
      request.levels =
          List.of(
              "http://eidas.europa.eu/NotNotified/LoA/substantial",
              "http://eidas.europa.eu/NotNotified/LoA/high");
    }
    byte[] relayBytes = new byte[12];
    RANDOM.nextBytes(relayBytes);
    String relay = HexFormat.of().formatHex(relayBytes);
    pending.put(relay, new Pending(request.id, query.get("country")));
    if ("redirect".equals(query.get("binding"))) {
      exchange
          .getResponseHeaders()
          .set("Location", service.singleSignOn() + "?" + request.toRedirectQuery(signing, relay));
      exchange.sendResponseHeaders(303, -1);
      exchange.close();
      return;
    }
    Exchanges.html(
        exchange,
        200,
        Html.autoPost(service.singleSignOn(), request.toPostForm(signing, relay), "Continue"));
  }

  private void acs(HttpExchange exchange) throws IOException {
    Map<String, String> form = FormData.parse(Exchanges.body(exchange));
    Pending asked = pending.remove(form.getOrDefault("RelayState", ""));
    if (asked == null || !form.containsKey("SAMLResponse")) {
      Exchanges.html(
          exchange,
          400,
          Html.page("en", "Unexpected answer", "<p>No request of ours is waiting for it.</p>"));
      return;
    }
    ProxyService service = services.get(asked.country());
    EidasAnswer answer;
    try {
      answer =
          EidasAnswer.read(
              Base64.getMimeDecoder().decode(form.get("SAMLResponse")),
              new EidasAnswer.Expected(
                  service.entityId(),
                  service.signingKeys(),
                  base + "/acs",
                  asked.requestId(),
                  entityId(),
                  encryption.privateKey()),
              clock.instant());
    } catch (IllegalArgumentException e) {
      Exchanges.html(
          exchange,
          400,
          Html.page("en", "Answer refused", "<p>" + Html.escape(e.getMessage()) + "</p>"));
      return;
    }
    StringBuilder body = new StringBuilder();
    if (!EidasAnswer.SUCCESS.equals(answer.status())) {
      body.append("<p>The ProxyService refused: <code>")
          .append(Html.escape(answer.status()))
          .append("</code> <code>")
          .append(Html.escape(answer.subStatus().orElse("")))
          .append("</code></p><p>")
          .append(Html.escape(answer.message().orElse("")))
          .append("</p>");
      Exchanges.html(exchange, 200, Html.page("en", "Not logged in", body.toString()));
      return;
    }
    body.append("<p>Level of assurance: <code>")
        .append(Html.escape(answer.level().orElse("")))
        .append("</code></p><table><caption>The decrypted eIDAS attributes</caption>")
        .append("<tr><th scope=\"col\">attribute</th><th scope=\"col\">value</th></tr>");
    answer
        .attributes()
        .forEach(
            (name, values) ->
                values.forEach(
                    value ->
                        body.append("<tr><td>")
                            .append(Html.escape(name))
                            .append(value.latinScript() ? "" : " (native script)")
                            .append("</td><td>")
                            .append(Html.escape(value.text()))
                            .append("</td></tr>")));
    body.append("</table>");
    Exchanges.html(exchange, 200, Html.page("en", "Logged in via eIDAS", body.toString()));
  }

  private static void xml(HttpExchange exchange, byte[] xml) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/samlmetadata+xml");
    exchange.sendResponseHeaders(200, xml.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(xml);
    }
  }
}
