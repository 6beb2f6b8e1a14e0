package eu.mostbridge.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormPostPageTest {
  @Test
  void rendersAFormThatWorksWithoutScriptAndEscapesEverything() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("SAMLRequest", "PHg+\"><script>alert(1)</script>");
    fields.put("RelayState", "a&b");
    String html =
        FormPostPage.render(
            new BrowserStep.FormPost(URI.create("https://idp.test/sso?a=1&b=2"), fields),
            "bg",
            "Продължи",
            "n0nce");

    assertThat(html)
        .contains("<html lang=\"bg\">")
        .contains("action=\"https://idp.test/sso?a=1&amp;b=2\"")
        .contains("value=\"PHg+&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")
        .contains("value=\"a&amp;b\"")
        .contains("<button type=\"submit\">Продължи</button>")
        .contains("<script nonce=\"n0nce\">");
    assertThat(html).doesNotContain("<script>alert(1)");
  }
}
