package eu.mostbridge.trust.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import eu.europa.esig.dss.model.FileDocument;
import eu.mostbridge.trust.fixtures.Rig;
import eu.mostbridge.trust.fixtures.TrustWorld;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures made by software nobody on the project wrote: OpenSSL's {@code cms -sign -cades} (a
 * detached CAdES-BES, the form of a Bulgarian {@code .p7s}) validated by the service; and the
 * synthetic trusted lists' XML signatures verified by xmlsec1, so the lists the tests trust are
 * signed as any XML-DSig verifier expects, not only as DSS reads them.
 */
class ThirdPartySignaturesTest {
  @TempDir Path folder;

  private static boolean installed(String tool) {
    boolean present = Files.isExecutable(Path.of("/usr/bin", tool));
    if (System.getenv("MOST_CI") != null) {
      assertThat(present).as(tool + " is not installed (.ci/run installs it)").isTrue();
    }
    return present;
  }

  @Test
  void aCadesSignatureMadeByOpenSslIsValidatedAsEuQualified() throws Exception {
    assumeTrue(installed("openssl"), "openssl is not installed");
    TrustWorld world = TrustWorld.create(Instant.now(), Duration.ofDays(365));
    Path fixtures = folder.resolve("world");
    world.writeFixtures(fixtures, TrustWorld.ListOptions.NORMAL, Duration.ofDays(30));
    Path key = folder.resolve("signer.key");
    Path certificate = folder.resolve("signer.pem");
    Path chain = folder.resolve("chain.pem");
    Files.writeString(
        key,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(world.bgSigner.key().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    Files.writeString(certificate, TrustWorld.pem(world.bgSigner.certificate()));
    Files.writeString(
        chain, TrustWorld.pem(world.bgSigner.chain().toArray(X509Certificate[]::new)));
    Path original = folder.resolve("declaration.txt");
    Files.writeString(original, "A declaration signed with OpenSSL.\n");
    Path signature = folder.resolve("declaration.txt.p7s");
    run(
        "openssl",
        "cms",
        "-sign",
        "-binary",
        "-cades",
        "-md",
        "sha256",
        "-in",
        original.toString(),
        "-signer",
        certificate.toString(),
        "-inkey",
        key.toString(),
        "-certfile",
        chain.toString(),
        "-outform",
        "DER",
        "-out",
        signature.toString());

    try (Rig rig = Rig.over(fixtures, folder.resolve("cache"), Map.of())) {
      rig.lists.refresh();
      ValidationSummary summary =
          Summaries.of(
              rig.validation.validate(
                  new ValidationInput(
                      new FileDocument(signature.toFile()),
                      List.of(new FileDocument(original.toFile())),
                      false)),
              "declaration.txt.p7s",
              "0");
      ValidationSummary.SignatureSummary s = summary.signatures().get(0);
      assertThat(s.indication()).isEqualTo("TOTAL_PASSED");
      assertThat(s.signatureFormat()).isEqualTo("CAdES_BASELINE_B");
      assertThat(s.legalRegime().code()).isEqualTo("EU_QUALIFIED");
      assertThat(s.signer().identifier().scheme()).isEqualTo("EGN");
    }
  }

  @Test
  void xmlsec1VerifiesTheSyntheticListsSignatures() throws Exception {
    assumeTrue(installed("xmlsec1"), "xmlsec1 is not installed");
    TrustWorld world = TrustWorld.create(Instant.now(), Duration.ofDays(365));
    Path fixtures = folder.resolve("world");
    world.writeFixtures(fixtures, TrustWorld.ListOptions.NORMAL, Duration.ofDays(30));
    Path bgSigner = folder.resolve("bg-operator.pem");
    Files.writeString(bgSigner, TrustWorld.pem(world.bgOperator.certificate()));
    Path mkSigner = fixtures.resolve("tl-mk-signers.pem");
    Path lotlSigner = fixtures.resolve("eu-lotl-signers.pem");
    for (var list :
        List.of(
            Map.entry("eu-lotl.xml", lotlSigner),
            Map.entry("tl-bg.xml", bgSigner),
            Map.entry("tl-mk.xml", mkSigner))) {
      run(
          "xmlsec1",
          "--verify",
          "--pubkey-cert-pem",
          list.getValue().toString(),
          "--id-attr:Id",
          "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
          "--id-attr:Id",
          "http://uri.etsi.org/02231/v2#:TrustServiceStatusList",
          fixtures.resolve(list.getKey()).toString());
    }
    // And refuses a list changed after signing.
    String broken =
        Files.readString(fixtures.resolve("tl-bg.xml")).replace("Synthetic BG", "Synthetic XX");
    Files.writeString(fixtures.resolve("tl-bg.xml"), broken);
    assertThat(
            exit(
                "xmlsec1",
                "--verify",
                "--pubkey-cert-pem",
                bgSigner.toString(),
                "--id-attr:Id",
                "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
                "--id-attr:Id",
                "http://uri.etsi.org/02231/v2#:TrustServiceStatusList",
                fixtures.resolve("tl-bg.xml").toString()))
        .isNotZero();
  }

  private static void run(String... command) throws IOException, InterruptedException {
    assertThat(exit(command)).as(String.join(" ", command)).isZero();
  }

  private static int exit(String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    if (process.exitValue() != 0) {
      System.out.println(String.join(" ", command) + "\n" + output);
    }
    return process.exitValue();
  }
}
