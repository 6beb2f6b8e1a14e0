package eu.mostbridge.broker.login;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A test browser over real HTTP: keeps cookies, follows redirects within the broker (localhost),
 * stops at any other host (the relying party's redirect URI), and submits the forms it finds.
 */
public final class Browser {
  private static final Pattern FORM =
      Pattern.compile(
          "<form[^>]*method=\"post\"[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

  final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;
  private String acceptLanguage = "en";
  private String forwardedFor;

  /** What the browser ended on. */
  public record Page(int status, URI uri, String body, HttpResponse<String> response) {
    /** The query parameters of a page the browser stopped at (the relying party's callback). */
    public Map<String, String> query() {
      Map<String, String> parameters = new LinkedHashMap<>();
      String raw = uri.getRawQuery();
      if (raw != null) {
        for (String pair : raw.split("&", -1)) {
          String[] kv = pair.split("=", 2);
          parameters.put(
              URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
              kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
      }
      return parameters;
    }

    /** The hidden fields of the form posting to an action containing {@code actionPart}. */
    public Map<String, String> form(String actionPart) {
      Matcher forms = FORM.matcher(body);
      while (forms.find()) {
        if (forms.group(1).contains(actionPart)) {
          Map<String, String> fields = new LinkedHashMap<>();
          fields.put("__action", unescape(forms.group(1)));
          Matcher hidden = HIDDEN.matcher(forms.group(2));
          while (hidden.find()) {
            fields.put(hidden.group(1), unescape(hidden.group(2)));
          }
          return fields;
        }
      }
      throw new AssertionError("No form posting to " + actionPart + " in: " + body);
    }
  }

  public Browser() {
    this(null);
  }

  /** A browser that also trusts {@code tls} (the multi-node tests' load balancer). */
  public Browser(SSLContext tls) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1) // as browsers speak plain http: no h2c upgrade
            .connectTimeout(Duration.ofSeconds(5));
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.http = builder.build();
  }

  /** The value of the cookie {@code name} this browser holds for {@code url}'s host, if any. */
  public java.util.Optional<String> cookie(String url, String name) {
    return cookies.getCookieStore().get(URI.create(url)).stream()
        .filter(c -> c.getName().equals(name))
        .map(java.net.HttpCookie::getValue)
        .findFirst();
  }

  /**
   * Sets the host-only cookie {@code name} for {@code url}'s host as someone else could (a
   * plain-http answer, another port on the same host: cookies do not keep ports apart), where
   * Most's own cookie of that name would be: Most's next Set-Cookie replaces it.
   */
  public Browser plant(String url, String name, String value) {
    java.net.HttpCookie cookie = new java.net.HttpCookie(name, value);
    // As java.net.CookieManager keys a host-only cookie (a dotless host gets ".local").
    String host = URI.create(url).getHost();
    cookie.setDomain(host.contains(".") ? host : host + ".local");
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create(url), cookie);
    return this;
  }

  /** Comes through a reverse proxy that says the client's address is {@code address}. */
  public Browser from(String address) {
    this.forwardedFor = address;
    return this;
  }

  public Browser language(String value) {
    this.acceptLanguage = value;
    return this;
  }

  public Page get(String url) throws IOException, InterruptedException {
    return follow(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  /** Submits the form posting to {@code actionPart} with its hidden fields and {@code extra}. */
  public Page submit(Page page, String actionPart, Map<String, String> extra)
      throws IOException, InterruptedException {
    Map<String, String> fields = new LinkedHashMap<>(page.form(actionPart));
    URI action = page.uri().resolve(fields.remove("__action"));
    fields.putAll(extra);
    return post(action, fields);
  }

  public Page post(URI action, Map<String, String> fields)
      throws IOException, InterruptedException {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return follow(
        HttpRequest.newBuilder(action)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private Page follow(HttpRequest.Builder request) throws IOException, InterruptedException {
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    HttpResponse<String> response =
        http.send(
            request
                .header("Accept-Language", acceptLanguage)
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    for (int hops = 0; hops < 10; hops++) {
      int status = response.statusCode();
      if (status < 300 || status >= 400) {
        return new Page(status, response.uri(), response.body(), response);
      }
      URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
      if (!"localhost".equals(next.getHost())) {
        return new Page(status, next, response.body(), response);
      }
      response =
          http.send(
              HttpRequest.newBuilder(next)
                  .header("Accept-Language", acceptLanguage)
                  .timeout(Duration.ofSeconds(20))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }
    throw new AssertionError("More than 10 redirects");
  }

  /**
   * Chooses {@code method} on the choice page {@code page}. A login that only one national eID fits
   * skips the choice and goes straight to it: then {@code page} is already that eID's first page,
   * and is returned as it is.
   */
  public Page choose(Page page, String method) throws IOException, InterruptedException {
    if (!page.body().contains("name=\"method\"")) {
      return page;
    }
    return submit(page, "/method", Map.of("method", method, "action", "continue"));
  }

  public static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  public static void assertNoStackTrace(Page page) {
    assertThat(page.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  public static String s256(String verifier) {
    return com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(
            com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256,
            new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(verifier))
        .getValue();
  }

  public static String query(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
