package eu.mostbridge.trust.validation;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.mostbridge.trust.fixtures.Rig;
import eu.mostbridge.trust.fixtures.SampleDocuments;
import eu.mostbridge.trust.fixtures.TrustWorld;
import eu.mostbridge.trust.fixtures.TrustWorld.ListOptions;
import eu.mostbridge.trust.validation.ValidationSummary.Regime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of cases of docs/SIGNATURES.md: each synthetic document validated offline under a
 * synthetic trust world, with the indication, sub-indication and legal regime expected.
 */
class SignatureCasesTest {
  @TempDir static Path folder;

  static TrustWorld world;
  static Rig normal;
  static Rig stale;
  static Rig broken;
  static SampleDocuments samples;

  /** One row of the table. */
  record Case(
      String name,
      Function<SampleDocuments, ValidationInput> input,
      Function<SignatureCasesTest, Rig> rig,
      String indication,
      String subIndication,
      String signatureFormat,
      String regime) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void buildWorld() throws Exception {
    world = TrustWorld.create(Instant.now(), Duration.ofDays(3 * 365));
    world.writeFixtures(folder.resolve("normal"), ListOptions.NORMAL, Duration.ofDays(30));
    world.writeFixtures(folder.resolve("stale"), ListOptions.STALE_BG, Duration.ofDays(30));
    world.writeFixtures(folder.resolve("broken"), ListOptions.BROKEN_BG, Duration.ofDays(30));
    normal = Rig.over(folder.resolve("normal"), folder.resolve("cache-normal"), Map.of());
    stale = Rig.over(folder.resolve("stale"), folder.resolve("cache-stale"), Map.of());
    broken = Rig.over(folder.resolve("broken"), folder.resolve("cache-broken"), Map.of());
    for (Rig rig : List.of(normal, stale, broken)) {
      rig.lists.refresh();
    }
    samples = new SampleDocuments(world, normal.fixtures());
  }

  @AfterAll
  static void stop() {
    for (Rig rig : List.of(normal, stale, broken)) {
      rig.close();
    }
  }

  static Stream<Case> cases() {
    Function<SignatureCasesTest, Rig> normal = t -> SignatureCasesTest.normal;
    return Stream.of(
        new Case(
            "PAdES B, Bulgarian qualified signer",
            s ->
                input(
                    s.pades(
                        SampleDocuments.pdf("b", 1),
                        world.bgSigner,
                        SignatureLevel.PAdES_BASELINE_B,
                        world.now)),
            normal,
            "TOTAL_PASSED",
            null,
            "PAdES_BASELINE_B",
            "EU_QUALIFIED"),
        new Case(
            "PAdES T",
            s ->
                input(
                    s.pades(
                        SampleDocuments.pdf("t", 1),
                        world.bgSigner,
                        SignatureLevel.PAdES_BASELINE_T,
                        world.now)),
            normal,
            "TOTAL_PASSED",
            null,
            "PAdES_BASELINE_T",
            "EU_QUALIFIED"),
        new Case(
            "PAdES LT",
            s ->
                input(
                    s.pades(
                        SampleDocuments.pdf("lt", 1),
                        world.bgSigner,
                        SignatureLevel.PAdES_BASELINE_LT,
                        world.now)),
            normal,
            "TOTAL_PASSED",
            null,
            "PAdES_BASELINE_LT",
            "EU_QUALIFIED"),
        new Case(
            "PAdES LTA",
            s ->
                input(
                    s.pades(
                        SampleDocuments.pdf("lta", 1),
                        world.bgSigner,
                        SignatureLevel.PAdES_BASELINE_LTA,
                        world.now)),
            normal,
            "TOTAL_PASSED",
            null,
            "PAdES_BASELINE_LTA",
            "EU_QUALIFIED"),
        new Case(
            "PAdES B, Macedonian qualified signer",
            s ->
                input(
                    s.pades(
                        SampleDocuments.pdf("mk", 1),
                        world.mkSigner,
                        SignatureLevel.PAdES_BASELINE_B,
                        world.now)),
            normal,
            "TOTAL_PASSED",
            null,
            "PAdES_BASELINE_B",
            "MK_QUALIFIED"),
        new Case(
            "XAdES enveloped, Macedonian signer",
            s ->
                input(
                    s.xades(
                        SampleDocuments.xml("enveloped"),
                        world.mkSigner,
                        SignaturePackaging.ENVELOPED,
                        SignatureLevel.XAdES_BASELINE_B)),
            normal,
            "TOTAL_PASSED",
            null,
            "XAdES_BASELINE_B",
            "MK_QUALIFIED"),
        new Case(
            "XAdES detached, with the original",
            s -> {
              DSSDocument original = SampleDocuments.xml("original");
              return new ValidationInput(
                  s.xades(
                      original,
                      world.bgSigner,
                      SignaturePackaging.DETACHED,
                      SignatureLevel.XAdES_BASELINE_B),
                  List.of(original),
                  false);
            },
            normal,
            "TOTAL_PASSED",
            null,
            "XAdES_BASELINE_B",
            "EU_QUALIFIED"),
        new Case(
            "CAdES detached .p7s, with the original",
            s -> {
              DSSDocument original = SampleDocuments.text("contract");
              return new ValidationInput(
                  s.cadesDetached(original, world.bgSigner), List.of(original), false);
            },
            normal,
            "TOTAL_PASSED",
            null,
            "CAdES_BASELINE_B",
            "EU_QUALIFIED"),
        new Case(
            "JAdES, Macedonian signer",
            s -> input(s.jades(SampleDocuments.text("payload"), world.mkSigner)),
            normal,
            "TOTAL_PASSED",
            null,
            "JAdES_BASELINE_B",
            "MK_QUALIFIED"),
        new Case(
            "ASiC-E (XAdES), two files",
            s ->
                input(
                    s.asicE(
                        List.of(SampleDocuments.text("one"), SampleDocuments.xml("two")),
                        world.bgSigner)),
            normal,
            "TOTAL_PASSED",
            null,
            "XAdES_BASELINE_B",
            "EU_QUALIFIED"),
        new Case(
            "ASiC-S (CAdES), Macedonian signer",
            s -> input(s.asicS(SampleDocuments.text("single"), world.mkSigner)),
            normal,
            "TOTAL_PASSED",
            null,
            "CAdES_BASELINE_B",
            "MK_QUALIFIED"),
        new Case(
            "PAdES tampered after signing",
            s ->
                input(
                    tampered(
                        s.pades(
                            SampleDocuments.pdf("tampered", 1),
                            world.bgSigner,
                            SignatureLevel.PAdES_BASELINE_B,
                            world.now))),
            normal,
            "TOTAL_FAILED",
            "HASH_FAILURE",
            "PAdES_BASELINE_B",
            "NOT_QUALIFIED/not_valid"),
        new Case(
            "PAdES whose page was changed in a later revision",
            s ->
                input(
                    SampleDocuments.changedAfterSigning(
                        s.pades(
                            SampleDocuments.pdf("changed", 1),
                            world.bgSigner,
                            SignatureLevel.PAdES_BASELINE_B,
                            world.now))),
            normal,
            "TOTAL_FAILED",
            "FORMAT_FAILURE",
            "PAdES_BASELINE_B",
            "NOT_QUALIFIED/not_valid"),
        new Case(
            "Certificate revoked before signing (time-stamped)",
            s ->
                input(
                    s.pades(
                        SampleDocuments.pdf("revoked", 1),
                        world.bgRevoked,
                        SignatureLevel.PAdES_BASELINE_T,
                        world.now)),
            normal,
            "INDETERMINATE",
            "REVOKED_NO_POE",
            "PAdES_BASELINE_T",
            "NOT_QUALIFIED/not_valid"),
        new Case(
            "Certificate expired (signed while valid, no time-stamp)",
            s ->
                input(
                    s.pades(
                        SampleDocuments.pdf("expired", 1),
                        world.bgExpired,
                        SignatureLevel.PAdES_BASELINE_B,
                        world.now.minus(Duration.ofDays(500)))),
            normal,
            "INDETERMINATE",
            "CERTIFICATE_CHAIN_GENERAL_FAILURE",
            "PAdES_BASELINE_B",
            "NOT_QUALIFIED/not_valid"),
        new Case(
            "Root on no trusted list",
            s ->
                input(
                    s.pades(
                        SampleDocuments.pdf("untrusted", 1),
                        world.untrusted,
                        SignatureLevel.PAdES_BASELINE_B,
                        world.now)),
            normal,
            "INDETERMINATE",
            "NO_CERTIFICATE_CHAIN_FOUND",
            "PAdES_BASELINE_B",
            "NOT_QUALIFIED/not_valid"),
        new Case(
            "Trust service withdrawn before signing",
            s ->
                input(
                    s.pades(
                        SampleDocuments.pdf("withdrawn", 1),
                        world.bgUnderWithdrawn,
                        SignatureLevel.PAdES_BASELINE_B,
                        world.now)),
            normal,
            "TOTAL_PASSED",
            null,
            "PAdES_BASELINE_B",
            "NOT_QUALIFIED/advanced"),
        new Case(
            "Qualified certificate without a qualified signature creation device",
            s ->
                input(
                    s.pades(
                        SampleDocuments.pdf("noqscd", 1),
                        world.bgNoQscd,
                        SignatureLevel.PAdES_BASELINE_B,
                        world.now)),
            normal,
            "TOTAL_PASSED",
            null,
            "PAdES_BASELINE_B",
            "NOT_QUALIFIED/advanced_qc"),
        new Case(
            "Bulgaria's list past its next update",
            s ->
                input(
                    s.pades(
                        SampleDocuments.pdf("stale", 1),
                        world.bgSigner,
                        SignatureLevel.PAdES_BASELINE_B,
                        world.now)),
            t -> stale,
            "TOTAL_PASSED",
            null,
            "PAdES_BASELINE_B",
            "NOT_QUALIFIED/list_not_usable"),
        new Case(
            "Bulgaria's list with a broken signature",
            s ->
                input(
                    s.pades(
                        SampleDocuments.pdf("broken", 1),
                        world.bgSigner,
                        SignatureLevel.PAdES_BASELINE_B,
                        world.now)),
            t -> broken,
            "INDETERMINATE",
            "NO_CERTIFICATE_CHAIN_FOUND",
            "PAdES_BASELINE_B",
            "NOT_QUALIFIED/not_valid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validates(Case c) {
    Rig rig = c.rig().apply(this);
    ValidationOutcome outcome = rig.validation.validate(c.input().apply(samples));
    ValidationSummary summary = Summaries.of(outcome, "case", "0");
    ValidationSummary.SignatureSummary signature = summary.signatures().get(0);
    System.out.printf(
        "CASE | %s | %s | %s | %s | %s | %s%n",
        c.name(),
        signature.indication(),
        signature.subIndication(),
        signature.signatureFormat(),
        signature.qualification(),
        signature.legalRegime().code());
    assertThat(signature.indication()).as("indication").isEqualTo(c.indication());
    assertThat(signature.subIndication()).as("sub-indication").isEqualTo(c.subIndication());
    assertThat(signature.signatureFormat()).as("format").isEqualTo(c.signatureFormat());
    Regime regime = signature.legalRegime();
    assertThat(regime.code() + (regime.reason() == null ? "" : "/" + regime.reason()))
        .as("legal regime")
        .isEqualTo(c.regime());
    assertThat(rig.fixtures().refused()).as("URLs asked for that are no fixture").isEmpty();
  }

  /** docs/SIGNATURES.md shows this table: every case there, with what the test expects. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theDocumentedTableSaysWhatTheTestExpects(Case c) throws Exception {
    String docs =
        Files.readString(Path.of("..", "docs", "SIGNATURES.md"), StandardCharsets.UTF_8)
            .replace("| |", "|  |");
    String regime = c.regime().replace("/", " (") + (c.regime().contains("/") ? ")" : "");
    assertThat(docs)
        .contains(
            "| "
                + c.name()
                + " | "
                + c.indication()
                + " | "
                + (c.subIndication() == null ? "" : c.subIndication())
                + " | "
                + c.signatureFormat()
                + " | ");
    assertThat(docs)
        .containsPattern(
            java.util.regex.Pattern.quote("| " + c.name() + " |")
                + ".*"
                + java.util.regex.Pattern.quote("| " + regime + " |"));
  }

  @Test
  void theSignerIsReadThroughMostsIdentityModel() {
    ValidationSummary summary =
        Summaries.of(
            normal.validation.validate(
                input(
                    samples.pades(
                        SampleDocuments.pdf("id", 1),
                        world.bgSigner,
                        SignatureLevel.PAdES_BASELINE_B,
                        world.now))),
            "id.pdf",
            "0");
    ValidationSummary.Signer signer = summary.signatures().get(0).signer();
    assertThat(signer.name()).isEqualTo("Мария Петрова");
    assertThat(signer.identifier().etsi()).isEqualTo("PNOBG-" + TrustWorld.EGN);
    assertThat(signer.identifier().scheme()).isEqualTo("EGN");
    assertThat(signer.identifier().checked()).isTrue();
    assertThat(signer.identifier().toString()).doesNotContain(TrustWorld.EGN);
    assertThat(summary.signatures().get(0).trustSource().sequenceNumber()).isEqualTo(17);
    assertThat(summary.trust().lists())
        .extracting(ValidationSummary.ListUsed::url)
        .containsExactlyInAnyOrder(TrustWorld.LOTL_URL, TrustWorld.BG_TL_URL, TrustWorld.MK_TL_URL);
    assertThat(summary.trust().lists())
        .allMatch(l -> l.sha256() != null && l.sha256().length() == 64);
  }

  @Test
  void aMacedonianQualifiedSignatureIsNeverCalledEuQualified() {
    ValidationSummary summary =
        Summaries.of(
            normal.validation.validate(
                input(
                    samples.pades(
                        SampleDocuments.pdf("mk-regime", 1),
                        world.mkSigner,
                        SignatureLevel.PAdES_BASELINE_B,
                        world.now))),
            "mk.pdf",
            "0");
    ValidationSummary.SignatureSummary signature = summary.signatures().get(0);
    // DSS itself says QESig: the list is one Most was configured with.
    assertThat(signature.qualification()).isEqualTo("QESig");
    assertThat(signature.legalRegime().code()).isEqualTo("MK_QUALIFIED");
    assertThat(signature.legalRegime().text())
        .contains("under the law of North Macedonia")
        .contains("not a qualified signature under EU law")
        .contains("Article 14");
    assertThat(signature.signer().identifier().scheme()).isEqualTo("EMBG");
    assertThat(signature.signer().identifier().checked()).isTrue();
  }

  private static ValidationInput input(DSSDocument document) {
    return new ValidationInput(document, List.of(), false);
  }

  /** The PDF with one byte of its signed content changed. */
  private static DSSDocument tampered(DSSDocument signed) {
    byte[] bytes = DSSUtils.toByteArray(signed);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("Not a real document");
    bytes[at] = (byte) 'X';
    return new InMemoryDocument(bytes, "tampered.pdf");
  }
}
