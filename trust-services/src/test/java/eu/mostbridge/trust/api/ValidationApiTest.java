package eu.mostbridge.trust.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.validationreport.ValidationReportFacade;
import eu.mostbridge.trust.fixtures.Multipart;
import eu.mostbridge.trust.fixtures.SampleDocuments;
import eu.mostbridge.trust.fixtures.SyntheticTrustResource;
import eu.mostbridge.trust.fixtures.TrustWorld;
import eu.mostbridge.trust.lists.Outbound;
import eu.mostbridge.trust.lists.TrustedLists;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /validation/v1} over HTTP: both request forms, the refusals, the audit. */
@QuarkusTest
@QuarkusTestResource(SyntheticTrustResource.class)
class ValidationApiTest {
  @Inject TrustedLists lists;
  @Inject Outbound outbound;

  @BeforeEach
  void listsRead() {
    if (lists.current().isEmpty()) {
      lists.refresh();
    }
  }

  @Test
  void aPadesLtIsValidatedFromAMultipartForm() throws Exception {
    SampleDocuments samples = SyntheticTrustResource.samples();
    TrustWorld world = SyntheticTrustResource.world();
    DSSDocument signed =
        samples.pades(
            SampleDocuments.pdf("contract", 1),
            world.bgSigner,
            SignatureLevel.PAdES_BASELINE_LT,
            world.now);
    JsonPath answer =
        given()
            .multiPart("document", "contract.pdf", DSSUtils.toByteArray(signed), "application/pdf")
            .when()
            .post("/validation/v1")
            .then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .body("indication", equalTo("TOTAL_PASSED"))
            .body("signatures", hasSize(1))
            .extract()
            .jsonPath();
    assertThat(answer.getString("documentName")).isEqualTo("contract.pdf");
    assertThat(answer.getString("documentSha256")).hasSize(64);
    assertThat(answer.getString("signatures[0].signatureFormat")).isEqualTo("PAdES_BASELINE_LT");
    assertThat(answer.getString("signatures[0].legalRegime.code")).isEqualTo("EU_QUALIFIED");
    assertThat(answer.getString("signatures[0].signer.identifier.etsi"))
        .isEqualTo("PNOBG-" + TrustWorld.EGN);
    assertThat(answer.getBoolean("signatures[0].signer.identifier.checked")).isTrue();
    assertThat(answer.getString("signatures[0].trustSource.list")).isEqualTo("eu");
    assertThat(answer.getList("trust.lists")).hasSize(3);
    String report = answer.getString("etsiValidationReport");
    assertThat(report).contains("http://uri.etsi.org/19102/v1.4.1#");
    // Valid against the ETSI TS 119 102-2 schema DSS ships (unmarshall with validation).
    assertThat(
            ValidationReportFacade.newFacade()
                .unmarshall(report, true)
                .getSignatureValidationObjects())
        .isNotNull();
    // Everything DSS fetched (lists, CRLs, issuers' certificates) was a fixture.
    assertThat(outbound.fixtures().orElseThrow().refused()).isEmpty();
  }

  @Test
  void dssDataToValidateJsonIsAccepted() {
    SampleDocuments samples = SyntheticTrustResource.samples();
    TrustWorld world = SyntheticTrustResource.world();
    DSSDocument original = SampleDocuments.text("statement");
    DSSDocument signature = samples.cadesDetached(original, world.mkSigner);
    Map<String, Object> body =
        Map.of(
            "signedDocument",
            Map.of(
                "bytes",
                Base64.getEncoder().encodeToString(DSSUtils.toByteArray(signature)),
                "name",
                "statement.txt.p7s"),
            "originalDocuments",
            List.of(
                Map.of(
                    "bytes",
                    Base64.getEncoder().encodeToString(DSSUtils.toByteArray(original)),
                    "name",
                    "statement.txt")));
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/validation/v1")
        .then()
        .statusCode(200)
        .body("indication", equalTo("TOTAL_PASSED"))
        .body("signatures[0].legalRegime.code", equalTo("MK_QUALIFIED"))
        .body("signatures[0].signer.identifier.scheme", equalTo("EMBG"));
  }

  @Test
  void whatCannotBeValidatedIsRefusedClearly() {
    byte[] unsigned = DSSUtils.toByteArray(SampleDocuments.pdf("unsigned", 1));
    given()
        .multiPart("document", "unsigned.pdf", unsigned, "application/pdf")
        .post("/validation/v1")
        .then()
        .statusCode(422)
        .body("error", equalTo("no_signature"));
    given()
        .multiPart(
            "document", "noise.bin", "not a document at all".getBytes(StandardCharsets.UTF_8))
        .post("/validation/v1")
        .then()
        .statusCode(422)
        .body("error", equalTo("no_signature"));
    given()
        .multiPart("other", "x.pdf", unsigned)
        .post("/validation/v1")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"));
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "signedDocument", Map.of("bytes", "AAAA", "name", "x"),
                "policy", Map.of("bytes", "AAAA", "name", "policy.xml")))
        .post("/validation/v1")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"signedDocument\": ")
        .post("/validation/v1")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"signedDocument\": {\"bytes\": \"!!!not base64\"}}")
        .post("/validation/v1")
        .then()
        .statusCode(400)
        .body(
            "error_description",
            org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("!!!")));
    given()
        .contentType(ContentType.TEXT)
        .body("hello")
        .post("/validation/v1")
        .then()
        .statusCode(415)
        .body("error", equalTo("unsupported_media_type"));
    given()
        .get("/validation/v1")
        .then()
        .statusCode(405)
        .body("error", equalTo("method_not_allowed"));
  }

  @Test
  void whatVertxRefusesWhileReadingIsAnsweredLikeTheRest() throws Exception {
    String url = "http://localhost:" + RestAssured.port + "/validation/v1";
    var client =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    // A multipart body cut short.
    var truncated =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=XYZ")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "--XYZ\r\nContent-Disposition: form-data; name=\"document\";"
                            + " filename=\"a\"\r\n\r\nhel"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(truncated.statusCode()).isEqualTo(400);
    assertThat(truncated.body()).contains("\"error\":\"invalid_request\"");
    // A body without a length, past Vert.x's limit.
    var chunked =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=XYZ")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(new byte[10 * 1024 * 1024])))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    // Vert.x cuts it with a bare 413 (docs/SIGNATURES.md): it has no length to refuse it by first.
    assertThat(chunked.statusCode()).isEqualTo(413);
    // More parts than the multipart reader takes (1000).
    var many = given().multiPart("document", "a.pdf", new byte[] {1});
    for (int i = 0; i < 1001; i++) {
      many = many.multiPart("field" + i, "x");
    }
    many.post("/validation/v1").then().statusCode(400).body("error", equalTo("invalid_request"));
  }

  @Test
  void aFileOfThousandsOfSignaturesIsRefusedBeforeAnyIsValidated() {
    String one =
        "<ds:Signature"
            + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo><ds:CanonicalizationMethod"
            + " Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/><ds:SignatureMethod"
            + " Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/><ds:Reference"
            + " URI=\"\"><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
            + "<ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo>"
            + "<ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>";
    String xml = "<?xml version=\"1.0\"?><r>" + one.repeat(2000) + "</r>";
    given()
        .multiPart("document", "many.xml", xml.getBytes(StandardCharsets.UTF_8), "application/xml")
        .post("/validation/v1")
        .then()
        .statusCode(422)
        .body("error", equalTo("too_many_signatures"))
        .body("error_description", org.hamcrest.Matchers.containsString("2000 signatures"));
  }

  @Test
  void tooManyOriginalsAreRefused() {
    var request = given().multiPart("document", "a.p7s", new byte[] {1, 2, 3});
    for (int i = 0; i < 17; i++) {
      request = request.multiPart("original", "o" + i + ".txt", new byte[] {(byte) i});
    }
    request.post("/validation/v1").then().statusCode(400).body("error", equalTo("invalid_request"));
  }

  @Test
  void aBodyOverTheLimitGets413() {
    var answer =
        Multipart.post(
            "http://localhost:" + RestAssured.port + "/validation/v1",
            "document",
            "big.pdf",
            new byte[9 * 1024 * 1024]);
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.body()).contains("\"error\":\"too_large\"");
    // JSON holds its documents in memory: a smaller limit (2 MiB in the tests, 16 by default).
    given()
        .contentType(ContentType.JSON)
        .body("{\"signedDocument\":{\"bytes\":\"" + "A".repeat(3 * 1024 * 1024) + "\"}}")
        .post("/validation/v1")
        .then()
        .statusCode(413)
        .body("error_description", org.hamcrest.Matchers.containsString("2 MiB"));
  }

  @Test
  void theAuditNamesTheDocumentByItsDigestOnly() throws Exception {
    SampleDocuments samples = SyntheticTrustResource.samples();
    TrustWorld world = SyntheticTrustResource.world();
    byte[] signed =
        DSSUtils.toByteArray(
            samples.pades(
                SampleDocuments.pdf("audited", 1),
                world.bgSigner,
                SignatureLevel.PAdES_BASELINE_B,
                world.now));
    String sha256 =
        given()
            .multiPart("document", "Мария-Петрова-договор.pdf", signed, "application/pdf")
            .post("/validation/v1")
            .then()
            .statusCode(200)
            .extract()
            .path("documentSha256");
    String log = Files.readString(Path.of("target", "quarkus-test.log"), StandardCharsets.UTF_8);
    assertThat(log).contains("\"event\":\"document_validated\"").contains(sha256);
    assertThat(log)
        .doesNotContain(TrustWorld.EGN)
        .doesNotContain(TrustWorld.EMBG)
        .doesNotContain("Петрова")
        .doesNotContain("Џамбазовски");
  }
}
