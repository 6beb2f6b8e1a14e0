package eu.mostbridge.trust.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.mostbridge.trust.fixtures.Multipart;
import eu.mostbridge.trust.fixtures.SampleDocuments;
import eu.mostbridge.trust.fixtures.SyntheticTrustResource;
import eu.mostbridge.trust.fixtures.TrustWorld;
import eu.mostbridge.trust.lists.TrustedLists;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The page for people over HTTP, in each language: upload, result, PDF summary, refusals. */
@QuarkusTest
@QuarkusTestResource(SyntheticTrustResource.class)
class ValidationPageTest {
  @Inject TrustedLists lists;

  @BeforeEach
  void listsRead() {
    if (lists.current().isEmpty()) {
      lists.refresh();
    }
  }

  @Test
  void theUploadPageSpeaksTheReadersLanguage() {
    assertThat(
            given()
                .header("Accept-Language", "bg")
                .get("/")
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .contains("Проверка на електронен подпис")
        .contains("lang=\"bg\"");
    assertThat(given().get("/?lang=mk").then().statusCode(200).extract().asString())
        .contains("Проверка на електронски потпис");
    String en =
        given()
            .get("/?lang=en")
            .then()
            .statusCode(200)
            .header(
                "Content-Security-Policy",
                org.hamcrest.Matchers.containsString("default-src 'none'"))
            .extract()
            .asString();
    assertThat(en)
        .contains("Check an electronic signature")
        .contains("enctype=\"multipart/form-data\"");
  }

  @Test
  void aMacedonianSignatureIsExplainedInBulgarianWithItsPdfSummary() throws Exception {
    TrustWorld world = SyntheticTrustResource.world();
    byte[] signed =
        DSSUtils.toByteArray(
            SyntheticTrustResource.samples()
                .pades(
                    SampleDocuments.pdf("page", 1),
                    world.mkSigner,
                    SignatureLevel.PAdES_BASELINE_B,
                    world.now));
    String page =
        given()
            .multiPart("document", "izjava.pdf", signed, "application/pdf")
            .multiPart("lang", "bg")
            .post("/check")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page)
        .contains("валиден, квалифициран електронен подпис по правото на Северна Македония")
        .contains("Не е квалифициран подпис по правото на ЕС")
        .contains("Ѓорѓи Џамбазовски")
        .contains("PNOMK-" + TrustWorld.EMBG + " (валидно ЕМБГ)")
        .contains("data:application/xml;base64,");
    Matcher pdf = Pattern.compile("data:application/pdf;base64,([A-Za-z0-9+/=]+)").matcher(page);
    assertThat(pdf.find()).isTrue();
    try (PDDocument summary = Loader.loadPDF(Base64.getDecoder().decode(pdf.group(1)))) {
      String text = new PDFTextStripper().getText(summary);
      assertThat(text)
          .contains("Проверка на електронен подпис")
          .contains("Ѓорѓи Џамбазовски")
          .contains("Северна Македония");
    }
  }

  @Test
  void refusalsArePagesInTheReadersLanguage() {
    byte[] unsigned = DSSUtils.toByteArray(SampleDocuments.pdf("unsigned", 1));
    assertThat(
            given()
                .multiPart("document", "x.pdf", unsigned, "application/pdf")
                .multiPart("lang", "mk")
                .post("/check")
                .then()
                .statusCode(422)
                .extract()
                .asString())
        .contains("Датотеката не содржи електронски потпис");
    assertThat(
            given()
                .multiPart("lang", "en")
                .multiPart("other", "x", new byte[] {1})
                .post("/check")
                .then()
                .statusCode(400)
                .extract()
                .asString())
        .contains("Choose a signed file");
    assertThat(
            given()
                .contentType("application/x-www-form-urlencoded")
                .body("lang=bg&document=x")
                .post("/check?lang=bg")
                .then()
                .statusCode(415)
                .contentType(org.hamcrest.Matchers.containsString("text/html"))
                .extract()
                .asString())
        .contains("Изберете подписан файл");
    var tooLarge =
        Multipart.post(
            "http://localhost:" + RestAssured.port + "/check",
            "document",
            "big.pdf",
            new byte[9 * 1024 * 1024],
            "Accept-Language",
            "bg");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("Файлът е по-голям от 8 MB");
  }
}
