package eu.mostbridge.keycloak.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser for the integration test: keeps cookies, follows every redirect except to {@code
 * stopAt} (the relying party's redirect URI; Most's authorization endpoint, to tamper with the
 * request), submits forms (Keycloak's, Most's, the simulator's).
 */
final class WebClient {
  private static final Pattern FORM = Pattern.compile("<form([^>]*)>(.*?)</form>", Pattern.DOTALL);
  private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");

  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new LoopbackCookies())
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final List<String> stopAt;

  /**
   * Browsers treat http://127.0.0.1 and http://localhost as secure contexts and send Secure cookies
   * there (Keycloak sets its session cookies Secure); the JDK's cookie manager does not, so on
   * loopback the Secure attribute is dropped before storing.
   */
  private static final class LoopbackCookies extends CookieManager {
    LoopbackCookies() {
      super(null, CookiePolicy.ACCEPT_ALL);
    }

    @Override
    public void put(URI uri, Map<String, java.util.List<String>> headers) throws IOException {
      Map<String, java.util.List<String>> copy = new LinkedHashMap<>();
      headers.forEach(
          (name, values) ->
              copy.put(
                  name,
                  name != null && name.equalsIgnoreCase("Set-Cookie")
                      ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure", "")).toList()
                      : values));
      super.put(uri, copy);
    }
  }

  /** A browser that stops at a redirect to any of {@code stopAt} (URL prefixes). */
  WebClient(String... stopAt) {
    this.stopAt = List.of(stopAt);
  }

  record Page(int status, URI uri, String body) {
    Map<String, String> query() {
      Map<String, String> parameters = new LinkedHashMap<>();
      if (uri.getRawQuery() != null) {
        for (String pair : uri.getRawQuery().split("&", -1)) {
          String[] kv = pair.split("=", 2);
          parameters.put(
              URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
              kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
      }
      return parameters;
    }

    boolean hasForm(String actionPart) {
      Matcher forms = FORM.matcher(body);
      while (forms.find()) {
        if (attribute(forms.group(1), "action").contains(actionPart)) {
          return true;
        }
      }
      return false;
    }
  }

  static String attribute(String tag, String name) {
    Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(tag);
    return m.find() ? unescape(m.group(1)) : "";
  }

  static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x3d;", "=")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  Page get(String url) throws IOException, InterruptedException {
    return follow(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  /**
   * Submits the form whose action contains {@code actionPart}: its hidden fields and {@code extra}.
   */
  Page submit(Page page, String actionPart, Map<String, String> extra)
      throws IOException, InterruptedException {
    Matcher forms = FORM.matcher(page.body());
    while (forms.find()) {
      String action = attribute(forms.group(1), "action");
      if (!action.contains(actionPart)) {
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      Matcher inputs = INPUT.matcher(forms.group(2));
      while (inputs.find()) {
        if (attribute(inputs.group(1), "type").equals("hidden")) {
          fields.put(attribute(inputs.group(1), "name"), attribute(inputs.group(1), "value"));
        }
      }
      fields.putAll(extra);
      String body =
          fields.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      return follow(
          HttpRequest.newBuilder(page.uri().resolve(action))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build());
    }
    throw new AssertionError(
        "No form posting to " + actionPart + " on " + page.uri() + ":\n" + page.body());
  }

  private Page follow(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    for (int hop = 0; hop < 20; hop++) {
      if (response.statusCode() < 300 || response.statusCode() >= 400) {
        return new Page(response.statusCode(), response.uri(), response.body());
      }
      URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
      if (stopAt.stream().anyMatch(next.toString()::startsWith)) {
        return new Page(response.statusCode(), next, "");
      }
      response =
          http.send(
              HttpRequest.newBuilder(next).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
    throw new AssertionError("More than 20 redirects");
  }
}
