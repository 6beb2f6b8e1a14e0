package eu.mostbridge.interop;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
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

/**
 * A citizen's browser over real HTTP: keeps every site's cookies, follows every redirect (the
 * relying party's, Most's, the national eID's), submits the forms it is shown, as a browser's
 * script would submit an automatic form.
 */
public final class Citizen {
  private static final Pattern FORM =
      Pattern.compile(
          "<form[^>]*method=\"post\"[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** Where the browser ended. */
  public record Page(int status, URI uri, String body) {}

  /** A form on a page: where it posts and its hidden fields. */
  public record Form(URI action, Map<String, String> fields) {}

  public Page open(URI target) throws IOException, InterruptedException {
    return follow(HttpRequest.newBuilder(target).GET());
  }

  /** Submits the form posting to an action containing {@code actionPart}, with {@code extra}. */
  public Page submit(Page page, String actionPart, Map<String, String> extra)
      throws IOException, InterruptedException {
    Form form = form(page, actionPart);
    Map<String, String> fields = new LinkedHashMap<>(form.fields());
    fields.putAll(extra);
    return post(form.action(), fields);
  }

  /** The form on {@code page} posting to an action containing {@code actionPart}. */
  public Form form(Page page, String actionPart) {
    Matcher forms = FORM.matcher(page.body());
    while (forms.find()) {
      if (!forms.group(1).contains(actionPart)) {
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      Matcher hidden = HIDDEN.matcher(forms.group(2));
      while (hidden.find()) {
        fields.put(hidden.group(1), unescape(hidden.group(2)));
      }
      return new Form(page.uri().resolve(unescape(forms.group(1))), fields);
    }
    throw new AssertionError("No form posting to " + actionPart + " at " + page.uri());
  }

  /** Posts {@code fields} to {@code target}, as a form from another site would. */
  public Page post(URI target, Map<String, String> fields)
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
        HttpRequest.newBuilder(target)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private Page follow(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request.header("Accept-Language", "en").timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    for (int hops = 0; hops < 20; hops++) {
      if (response.statusCode() < 300 || response.statusCode() >= 400) {
        return new Page(response.statusCode(), response.uri(), response.body());
      }
      URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
      response =
          http.send(
              HttpRequest.newBuilder(next)
                  .header("Accept-Language", "en")
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }
    throw new AssertionError("More than 20 redirects");
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
