package eu.mostbridge.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (Deque's accessibility engine, WCAG 2.x A and AA rules: labels, lang, headings, focus
 * order, colour contrast...) run inside the page as the browser rendered it.
 */
final class Accessibility {
  private static final String AXE = load();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Accessibility() {}

  /** The violations on the current page, one line each: rule, impact, and the elements. */
  static List<String> violations(WebDriver driver) throws IOException {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript(AXE);
    Object result =
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values:"
                + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
                + ".then(r => done(JSON.stringify(r.violations)))"
                + ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: String(e),"
                + " nodes: []}])));");
    List<String> found = new ArrayList<>();
    for (JsonNode violation : JSON.readTree(String.valueOf(result))) {
      List<String> targets = new ArrayList<>();
      violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()));
      found.add(
          violation.path("id").asText()
              + " ("
              + violation.path("impact").asText()
              + "): "
              + String.join(" ", targets));
    }
    return found;
  }

  private static String load() {
    try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream("axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException("axe.min.js is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
