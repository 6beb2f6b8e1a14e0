package eu.mostbridge.adapter;

import java.util.Map;

/**
 * Renders a {@link BrowserStep.FormPost} as the small page that carries it: a form with hidden
 * fields and a visible submit button, which a script submits at once. Without JavaScript the
 * citizen presses the button; nothing else changes.
 */
public final class FormPostPage {
  private FormPostPage() {}

  /**
   * The whole HTML page.
   *
   * @param step the form to post
   * @param language the page's {@code lang}
   * @param buttonLabel the button's text in that language
   * @param scriptNonce the Content-Security-Policy nonce for the one inline script
   */
  public static String render(
      BrowserStep.FormPost step, String language, String buttonLabel, String scriptNonce) {
    StringBuilder html = new StringBuilder(1024);
    html.append("<!DOCTYPE html>\n<html lang=\"")
        .append(escape(language))
        .append("\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(buttonLabel))
        .append("</title></head>\n<body><form id=\"post\" method=\"post\" action=\"")
        .append(escape(step.target().toString()))
        .append("\">\n");
    for (Map.Entry<String, String> field : step.fields().entrySet()) {
      html.append("<input type=\"hidden\" name=\"")
          .append(escape(field.getKey()))
          .append("\" value=\"")
          .append(escape(field.getValue()))
          .append("\">\n");
    }
    html.append("<button type=\"submit\">")
        .append(escape(buttonLabel))
        .append("</button>\n</form>\n<script nonce=\"")
        .append(escape(scriptNonce))
        .append("\">document.getElementById('post').submit();</script>\n</body></html>\n");
    return html.toString();
  }

  /** HTML escaping for text and double-quoted attribute values. */
  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
