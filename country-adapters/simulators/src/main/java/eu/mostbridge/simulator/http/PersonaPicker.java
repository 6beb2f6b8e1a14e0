package eu.mostbridge.simulator.http;

import eu.mostbridge.simulator.Persona;
import java.util.List;
import java.util.Locale;

/**
 * The simulators' login page: a plain HTML form (radio buttons with labels, Log in and Cancel
 * buttons) that works without JavaScript, listing the personas of one country whose credential
 * reaches the requested level. It posts {@code request}, {@code persona} and {@code action} to
 * {@code login}.
 */
public final class PersonaPicker {
  private PersonaPicker() {}

  public static String page(
      String title, String country, String level, String requestHandle, List<Persona> personas) {
    StringBuilder body = new StringBuilder();
    body.append("<p>")
        .append(Html.escape(title))
        .append(". Requested level: ")
        .append(Html.escape(level))
        .append(". Every person here is synthetic.</p>\n")
        .append("<form method=\"post\" action=\"login\">\n")
        .append("<input type=\"hidden\" name=\"request\" value=\"")
        .append(Html.escape(requestHandle))
        .append("\">\n")
        .append("<fieldset><legend>Log in as</legend>\n");
    boolean first = true;
    for (Persona persona : personas) {
      if (!persona.country().equals(country) || !persona.reaches(level)) {
        continue;
      }
      String id = "persona-" + Html.escape(persona.id());
      body.append("<div><input type=\"radio\" name=\"persona\" id=\"")
          .append(id)
          .append("\" value=\"")
          .append(Html.escape(persona.id()))
          .append(first ? "\" checked>" : "\">")
          .append("<label for=\"")
          .append(id)
          .append("\">")
          .append(Html.escape(persona.fullName()))
          .append(" (")
          .append(Html.escape(persona.level()))
          .append(")</label></div>\n");
      first = false;
    }
    body.append("</fieldset>\n")
        .append("<button type=\"submit\" name=\"action\" value=\"login\">Log in</button>\n")
        .append("<button type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button>\n")
        .append("</form>\n");
    return Html.page(country.toLowerCase(Locale.ROOT), title, body.toString());
  }
}
