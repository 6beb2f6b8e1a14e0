package eu.mostbridge.trust.demo;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.mostbridge.trust.fixtures.Rig;
import eu.mostbridge.trust.fixtures.SampleDocuments;
import eu.mostbridge.trust.fixtures.TrustWorld;
import eu.mostbridge.trust.lists.FixtureDataLoader;
import eu.mostbridge.trust.validation.Summaries;
import eu.mostbridge.trust.validation.ValidationInput;
import eu.mostbridge.trust.validation.ValidationSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo's synthetic trust world and sample documents, committed under {@code
 * trust-services/demo/} so that a newcomer can start the validator offline and upload a sample at
 * once. This test validates every committed sample under the committed lists, as the demo does; run
 * with {@code -Dmost.demo.regenerate=true} it writes them again (new keys, ten years' validity).
 */
class DemoSamplesTest {
  static final Path DEMO = Path.of("demo");
  static final Path FIXTURES = DEMO.resolve("fixtures");
  static final Path SAMPLES = DEMO.resolve("samples");

  /** A committed sample: its files, how it is made, what the validator says of it. */
  record Sample(
      String file,
      String original,
      BiFunction<SampleDocuments, TrustWorld, DSSDocument> make,
      String indication,
      String regime) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Sample> samples() {
    return Stream.of(
        new Sample(
            "bg-qualified-pades-lt.pdf",
            null,
            (s, w) ->
                s.pades(
                    SampleDocuments.pdf("bg-qualified-pades-lt", 1),
                    w.bgSigner,
                    SignatureLevel.PAdES_BASELINE_LT,
                    w.now),
            "TOTAL_PASSED",
            "EU_QUALIFIED"),
        new Sample(
            "mk-qualified-pades.pdf",
            null,
            (s, w) ->
                s.pades(
                    SampleDocuments.pdf("mk-qualified-pades", 1),
                    w.mkSigner,
                    SignatureLevel.PAdES_BASELINE_B,
                    w.now),
            "TOTAL_PASSED",
            "MK_QUALIFIED"),
        new Sample(
            "mk-qualified-xades.xml",
            null,
            (s, w) ->
                s.xades(
                    SampleDocuments.xml("mk-qualified-xades"),
                    w.mkSigner,
                    SignaturePackaging.ENVELOPED,
                    SignatureLevel.XAdES_BASELINE_B),
            "TOTAL_PASSED",
            "MK_QUALIFIED"),
        new Sample(
            "bg-contract.txt.p7s",
            "bg-contract.txt",
            (s, w) -> s.cadesDetached(SampleDocuments.text("bg-contract"), w.bgSigner),
            "TOTAL_PASSED",
            "EU_QUALIFIED"),
        new Sample(
            "bg-qualified.asice",
            null,
            (s, w) ->
                s.asicE(
                    List.of(SampleDocuments.text("application"), SampleDocuments.xml("annex")),
                    w.bgSigner),
            "TOTAL_PASSED",
            "EU_QUALIFIED"),
        new Sample(
            "bg-not-qscd.pdf",
            null,
            (s, w) ->
                s.pades(
                    SampleDocuments.pdf("bg-not-qscd", 1),
                    w.bgNoQscd,
                    SignatureLevel.PAdES_BASELINE_B,
                    w.now),
            "TOTAL_PASSED",
            "NOT_QUALIFIED"),
        new Sample(
            "bg-tampered.pdf",
            null,
            (s, w) ->
                tampered(
                    s.pades(
                        SampleDocuments.pdf("bg-tampered", 1),
                        w.bgSigner,
                        SignatureLevel.PAdES_BASELINE_B,
                        w.now)),
            "TOTAL_FAILED",
            "NOT_QUALIFIED"),
        new Sample(
            "unlisted-ca.pdf",
            null,
            (s, w) ->
                s.pades(
                    SampleDocuments.pdf("unlisted-ca", 1),
                    w.untrusted,
                    SignatureLevel.PAdES_BASELINE_B,
                    w.now),
            "INDETERMINATE",
            "NOT_QUALIFIED"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void theCommittedSampleValidatesAsTheDemoSays(Sample sample, @TempDir Path cache) {
    try (Rig rig = Rig.over(FIXTURES.toAbsolutePath(), cache, Map.of())) {
      rig.lists.refresh();
      List<DSSDocument> originals =
          sample.original() == null
              ? List.of()
              : List.<DSSDocument>of(new FileDocument(SAMPLES.resolve(sample.original()).toFile()));
      ValidationSummary summary =
          Summaries.of(
              rig.validation.validate(
                  new ValidationInput(
                      new FileDocument(SAMPLES.resolve(sample.file()).toFile()), originals, false)),
              sample.file(),
              "0");
      assertThat(summary.indication()).isEqualTo(sample.indication());
      assertThat(summary.signatures().get(0).legalRegime().code()).isEqualTo(sample.regime());
      assertThat(rig.fixtures().refused()).isEmpty();
    }
  }

  /** Writes the demo's world and samples again. */
  @Test
  @EnabledIfSystemProperty(named = "most.demo.regenerate", matches = "true")
  void regenerate() throws IOException {
    TrustWorld world = TrustWorld.create(Instant.now(), Duration.ofDays(3650));
    Duration tenYears = Duration.ofDays(3650);
    world.writeFixtures(FIXTURES, new TrustWorld.ListOptions(tenYears, tenYears, false), tenYears);
    SampleDocuments samples = new SampleDocuments(world, FixtureDataLoader.of(FIXTURES));
    Files.createDirectories(SAMPLES);
    for (Sample sample : samples().toList()) {
      Files.write(
          SAMPLES.resolve(sample.file()),
          DSSUtils.toByteArray(sample.make().apply(samples, world)));
      if (sample.original() != null) {
        Files.write(
            SAMPLES.resolve(sample.original()),
            DSSUtils.toByteArray(SampleDocuments.text("bg-contract")));
      }
    }
  }

  private static DSSDocument tampered(DSSDocument signed) {
    byte[] bytes = DSSUtils.toByteArray(signed);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("Not a real document");
    bytes[at] = (byte) 'X';
    return new InMemoryDocument(bytes, "tampered.pdf");
  }
}
