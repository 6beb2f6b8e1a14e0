package eu.mostbridge.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SamlXmlParserTest {
  private final SamlXmlParser parser = new SamlXmlParser();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parsesPlainNamespacedXml() throws MalformedSamlException {
    Document document =
        parser.parse(utf8("<a:r xmlns:a=\"urn:x\" ID=\"_1\"><a:c ID=\"_2\">t</a:c></a:r>"));

    assertThat(document.getDocumentElement().getLocalName()).isEqualTo("r");
  }

  @Test
  void refusesEntityExpansion() {
    String laughs =
        "<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
            + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><l>&c;</l>";
    assertThatThrownBy(() -> parser.parse(utf8(laughs)))
        .isInstanceOf(MalformedSamlException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void refusesExternalEntitiesWithoutReadingThem(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    String xxe = "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>";

    assertThatThrownBy(() -> parser.parse(utf8(xxe)))
        .isInstanceOf(MalformedSamlException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOP-SECRET"));
  }

  @Test
  void refusesOversizedDocuments() {
    byte[] big = utf8("<r>" + "x".repeat(SamlXmlParser.DEFAULT_MAX_BYTES) + "</r>");

    assertThatThrownBy(() -> parser.parse(big)).hasMessageContaining("at most");
  }

  @Test
  void refusesDeepNestingBeforeAnyRecursiveProcessing() {
    String deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);

    assertThatThrownBy(() -> parser.parse(utf8(deep))).isInstanceOf(MalformedSamlException.class);
    String justTooDeep =
        "<a>".repeat(SamlXmlParser.DEFAULT_MAX_DEPTH + 1)
            + "</a>".repeat(SamlXmlParser.DEFAULT_MAX_DEPTH + 1);
    assertThatThrownBy(() -> parser.parse(utf8(justTooDeep)))
        .isInstanceOf(MalformedSamlException.class);
  }

  @Test
  void refusesTooManyElements() {
    SamlXmlParser small = new SamlXmlParser(SamlXmlParser.DEFAULT_MAX_BYTES, 32, 100);
    String wide = "<r>" + "<e/>".repeat(100) + "</r>";

    assertThatThrownBy(() -> small.parse(utf8(wide))).hasMessageContaining("more than 100");
  }

  @Test
  void refusesCommentsAndProcessingInstructions() {
    assertThatThrownBy(() -> parser.parse(utf8("<r><v>a<!-- x -->b</v></r>")))
        .hasMessageContaining("comment");
    assertThatThrownBy(() -> parser.parse(utf8("<r><?pi data?></r>")))
        .hasMessageContaining("processing instruction");
  }

  @Test
  void refusesDuplicateIds() {
    assertThatThrownBy(() -> parser.parse(utf8("<r ID=\"_1\"><c ID=\"_1\"/></r>")))
        .hasMessageContaining("same ID");
    assertThatThrownBy(() -> parser.parse(utf8("<r ID=\"_1\"><c Id=\"_1\"/></r>")))
        .hasMessageContaining("same ID");
  }

  @Test
  void refusesNonXml() {
    assertThatThrownBy(() -> parser.parse(utf8("{\"json\": true}")))
        .isInstanceOf(MalformedSamlException.class);
    assertThatThrownBy(() -> parser.parse(new byte[0])).isInstanceOf(MalformedSamlException.class);
  }
}
