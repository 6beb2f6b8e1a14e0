package eu.mostbridge.simulator.http;

import java.util.Map;

/** Small HTML pages for the simulators; all dynamic text escaped. */
public final class Html {
  /**
   * On every simulator page, so nobody mistakes a simulator for a national eID (and nobody types a
   * real credential into one).
   */
  // In a header landmark, so that assistive technology finds it with the rest of the page.
  static final String BANNER =
      "<header><p role=\"note\" style=\"margin:0;padding:0.5rem 1rem;background:#7a2e00;"
          + "color:#ffffff;font-weight:600\">SIMULATOR: not a real national eID. Every person"
          + " here is synthetic.</p></header>\n";

  private Html() {}

  public static String escape(String value) {
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

  /** A whole page with a title, an h1 and the body markup. */
  public static String page(String lang, String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\""
        + escape(lang)
        + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
        + "<title>"
        + escape(title)
        + "</title></head>\n<body>"
        + BANNER
        + "<main><h1>"
        + escape(title)
        + "</h1>\n"
        + body
        + "</main></body></html>\n";
  }

  /** A page whose form posts {@code fields} to {@code action}: by script, or by the button. */
  public static String autoPost(String action, Map<String, String> fields, String buttonLabel) {
    StringBuilder form = new StringBuilder();
    form.append("<form id=\"post\" method=\"post\" action=\"")
        .append(escape(action))
        .append("\">\n");
    fields.forEach(
        (name, value) ->
            form.append("<input type=\"hidden\" name=\"")
                .append(escape(name))
                .append("\" value=\"")
                .append(escape(value))
                .append("\">\n"));
    form.append("<button type=\"submit\">")
        .append(escape(buttonLabel))
        .append("</button>\n</form>\n");
    form.append("<script>document.getElementById('post').submit();</script>\n");
    return page("en", buttonLabel, form.toString());
  }
}
