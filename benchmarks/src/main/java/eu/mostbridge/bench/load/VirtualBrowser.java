package eu.mostbridge.bench.load;

import java.io.IOException;
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
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One citizen's browser for the load driver: its own cookies, no automatic redirects (each hop is a
 * request of a named leg, timed on its own), and the forms of the pages it is shown.
 */
final class VirtualBrowser {
  private static final Pattern FORM =
      Pattern.compile(
          "<form[^>]*method=\"post\"[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>",
          Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern HIDDEN =
      Pattern.compile(
          "<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"[^>]*>",
          Pattern.CASE_INSENSITIVE);

  private final HttpClient http;

  /** name → value per host:port; attributes ignored (Secure would hide them on plain loopback). */
  private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();

  private final LegTimes times;

  /** Nanoseconds spent per leg by this browser, to sum a login's time at the server. */
  private final Map<String, Long> spent = new java.util.HashMap<>();

  private final UnaryOperator<URI> route;

  /** What a request answered, after the hop. */
  record Page(int status, URI uri, String body, String location) {
    URI next() {
      return uri.resolve(location);
    }

    Map<String, String> query() {
      Map<String, String> parameters = new LinkedHashMap<>();
      String raw = URI.create(location == null ? uri.toString() : location).getRawQuery();
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

    /** The action and hidden fields of the form whose action contains {@code actionPart}. */
    Map<String, String> form(String actionPart) {
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
      throw new LoginFailed(
          "no form posting to " + actionPart + " on " + uri + " (" + status + ")");
    }
  }

  /**
   * @param route maps a URL as the servers write it (their external issuer) to where they listen
   */
  VirtualBrowser(LegTimes times, UnaryOperator<URI> route) {
    this.times = times;
    this.route = route;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  Page get(String leg, URI uri) {
    return send(leg, HttpRequest.newBuilder(uri).GET());
  }

  Page post(String leg, URI uri, Map<String, String> fields) {
    return send(
        leg,
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
  }

  /** Submits the form posting to {@code actionPart} with its hidden fields and {@code extra}. */
  Page submit(String leg, Page page, String actionPart, Map<String, String> extra) {
    Map<String, String> fields = new LinkedHashMap<>(page.form(actionPart));
    URI action = page.uri().resolve(fields.remove("__action"));
    fields.putAll(extra);
    return post(leg, action, fields);
  }

  /** Sends {@code request} with this browser's cookies for its host, and keeps the new ones. */
  Page send(String leg, HttpRequest.Builder request) {
    HttpRequest built =
        request.header("Accept-Language", "en").timeout(Duration.ofSeconds(30)).build();
    URI routed = route.apply(built.uri());
    if (!routed.equals(built.uri())) {
      built = HttpRequest.newBuilder(built, (name, value) -> true).uri(routed).build();
    }
    String host = built.uri().getAuthority();
    Map<String, String> jar = cookies.computeIfAbsent(host, h -> new LinkedHashMap<>());
    if (!jar.isEmpty()) {
      built =
          HttpRequest.newBuilder(built, (name, value) -> true)
              .header(
                  "Cookie",
                  jar.entrySet().stream()
                      .map(e -> e.getKey() + "=" + e.getValue())
                      .collect(Collectors.joining("; ")))
              .build();
    }
    long start = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      long took = System.nanoTime() - start;
      times.record(leg, took);
      spent.merge(leg, took, Long::sum);
      for (String set : response.headers().allValues("Set-Cookie")) {
        String[] pair = set.split(";", 2)[0].split("=", 2);
        String lower = set.toLowerCase(java.util.Locale.ROOT);
        if (pair.length < 2 || pair[1].isEmpty() || lower.contains("max-age=0")) {
          jar.remove(pair[0].trim());
        } else {
          jar.put(pair[0].trim(), pair[1].trim());
        }
      }
      return new Page(
          response.statusCode(),
          response.uri(),
          response.body(),
          response.headers().firstValue("Location").orElse(null));
    } catch (IOException e) {
      throw new LoginFailed(leg + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoginFailed(leg + ": interrupted");
    }
  }

  /**
   * A new citizen on the same machine: cookies and times forgotten, connections kept (a new client
   * per login would leave hundreds of idle connections, which a server may close under the next
   * request).
   */
  VirtualBrowser forget() {
    cookies.clear();
    spent.clear();
    return this;
  }

  /** The time this browser spent in {@code legs}, in nanoseconds. */
  long serverNanos(java.util.List<String> legs) {
    return legs.stream().mapToLong(leg -> spent.getOrDefault(leg, 0L)).sum();
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x3D;", "=")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** A login that did not end with the relying party holding verified claims. */
  static final class LoginFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoginFailed(String message) {
      super(message, null, false, false);
    }
  }
}
