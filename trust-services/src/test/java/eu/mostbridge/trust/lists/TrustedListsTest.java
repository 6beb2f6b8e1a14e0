package eu.mostbridge.trust.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.trust.fixtures.Rig;
import eu.mostbridge.trust.fixtures.TrustWorld;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lists' snapshots: what they name, the last good copy, the swap, the threads. */
class TrustedListsTest {
  @TempDir static Path folder;
  static TrustWorld world;

  @BeforeAll
  static void world() {
    world = TrustWorld.create(Instant.now(), Duration.ofDays(365));
  }

  @Test
  void aSnapshotNamesEveryListBySequenceAndDigest() throws Exception {
    Path fixtures = folder.resolve("names");
    world.writeFixtures(fixtures, TrustWorld.ListOptions.NORMAL, Duration.ofDays(30));
    try (Rig rig = Rig.over(fixtures, folder.resolve("names-cache"), Map.of())) {
      TrustSnapshot snapshot = rig.lists.refresh();
      assertThat(snapshot.lists())
          .extracting(ListState::territory, ListState::sequenceNumber, ListState::signatureValid)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(
                  java.util.Optional.of("EU"), java.util.Optional.of(42), true),
              org.assertj.core.groups.Tuple.tuple(
                  java.util.Optional.of("BG"), java.util.Optional.of(17), true),
              org.assertj.core.groups.Tuple.tuple(
                  java.util.Optional.of("MK"), java.util.Optional.of(9), true));
      ListState bg = snapshot.list(TrustWorld.BG_TL_URL).orElseThrow();
      assertThat(bg.sha256())
          .contains(ListDownloads.sha256(Files.readAllBytes(fixtures.resolve("tl-bg.xml"))));
      assertThat(bg.usableAt(Instant.now())).isTrue();
      assertThat(bg.lastGoodCopy()).isFalse();
      assertThat(rig.fixtures().refused()).isEmpty();
    }
  }

  @Test
  void aFailedDownloadIsAnsweredFromTheLastGoodCopy() throws Exception {
    Path fixtures = folder.resolve("flaky");
    Path cache = folder.resolve("flaky-cache");
    world.writeFixtures(fixtures, TrustWorld.ListOptions.NORMAL, Duration.ofDays(30));
    try (Rig rig = Rig.over(fixtures, cache, Map.of())) {
      TrustSnapshot first = rig.lists.refresh();
      // The publisher's site answers nothing any more: the fixture's file is gone.
      Files.delete(fixtures.resolve("tl-bg.xml"));
      TrustSnapshot second = rig.lists.refresh();
      assertThat(second).isNotSameAs(first);
      assertThat(rig.lists.current()).containsSame(second);
      ListState bg = second.list(TrustWorld.BG_TL_URL).orElseThrow();
      assertThat(bg.lastGoodCopy()).isTrue();
      assertThat(bg.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("download failed"));
      assertThat(bg.sequenceNumber()).contains(17);
      assertThat(bg.sha256()).isEqualTo(first.list(TrustWorld.BG_TL_URL).orElseThrow().sha256());
      assertThat(bg.usableAt(Instant.now())).isTrue();
      // The trust it gives is the same: the qualified CA is still a trust anchor.
      assertThat(
              second
                  .certificates()
                  .isTrusted(
                      new eu.europa.esig.dss.model.x509.CertificateToken(
                          world.bgQualifiedCa.entity().certificate())))
          .isTrue();
    }
  }

  @Test
  void aListThatDoesNotValidateNeverReplacesTheLastGoodCopy() throws Exception {
    Path fixtures = folder.resolve("junk");
    Path cache = folder.resolve("junk-cache");
    world.writeFixtures(fixtures, TrustWorld.ListOptions.NORMAL, Duration.ofDays(30));
    try (Rig rig = Rig.over(fixtures, cache, Map.of())) {
      TrustSnapshot good = rig.lists.refresh();
      String goodDigest = good.list(TrustWorld.BG_TL_URL).orElseThrow().sha256().orElseThrow();
      // The site answers an error page with 200: a failed download, the good copy read instead.
      Files.writeString(fixtures.resolve("tl-bg.xml"), "<html>Service unavailable</html>");
      ListState afterJunk = rig.lists.refresh().list(TrustWorld.BG_TL_URL).orElseThrow();
      assertThat(afterJunk.lastGoodCopy()).isTrue();
      assertThat(afterJunk.usableAt(Instant.now())).isTrue();
      // Then a list altered after signing: no trust from it, and the good copy is kept on disk.
      Path goodCopy =
          cache.resolve(
              ListDownloads.sha256(TrustWorld.BG_TL_URL.getBytes(StandardCharsets.UTF_8)) + ".xml");
      String altered =
          Files.readString(goodCopy, StandardCharsets.UTF_8)
              .replace("Synthetic BG qualified time stamps", "Synthetic BG qualified time stampz");
      Files.writeString(fixtures.resolve("tl-bg.xml"), altered);
      assertThat(
              rig.lists.refresh().list(TrustWorld.BG_TL_URL).orElseThrow().usableAt(Instant.now()))
          .isFalse();
      Files.delete(fixtures.resolve("tl-bg.xml"));
      ListState bg = rig.lists.refresh().list(TrustWorld.BG_TL_URL).orElseThrow();
      assertThat(bg.lastGoodCopy()).isTrue();
      assertThat(bg.sha256()).contains(goodDigest);
      assertThat(bg.usableAt(Instant.now())).isTrue();
    }
  }

  @Test
  void aListNeverDownloadedGivesNoTrust() throws Exception {
    Path fixtures = folder.resolve("never");
    world.writeFixtures(fixtures, TrustWorld.ListOptions.NORMAL, Duration.ofDays(30));
    Files.delete(fixtures.resolve("tl-mk.xml"));
    try (Rig rig = Rig.over(fixtures, folder.resolve("never-cache"), Map.of())) {
      TrustSnapshot snapshot = rig.lists.refresh();
      ListState mk = snapshot.list(TrustWorld.MK_TL_URL).orElseThrow();
      assertThat(mk.usableAt(Instant.now())).isFalse();
      assertThat(mk.sequenceNumber()).isEmpty();
      assertThat(
              snapshot
                  .certificates()
                  .isTrusted(
                      new eu.europa.esig.dss.model.x509.CertificateToken(
                          world.mkQualifiedCa.entity().certificate())))
          .isFalse();
    }
  }

  @Test
  void aListSignedByAnUnconfiguredKeyGivesNoTrust() throws Exception {
    Path fixtures = folder.resolve("stranger");
    world.writeFixtures(fixtures, TrustWorld.ListOptions.NORMAL, Duration.ofDays(30));
    // North Macedonia's list is trusted only if signed by a configured certificate: name another.
    Files.writeString(
        fixtures.resolve("tl-mk-signers.pem"), TrustWorld.pem(world.bgOperator.certificate()));
    try (Rig rig = Rig.over(fixtures, folder.resolve("stranger-cache"), Map.of())) {
      ListState mk = rig.lists.refresh().list(TrustWorld.MK_TL_URL).orElseThrow();
      assertThat(mk.signatureValid()).isFalse();
      assertThat(mk.problem()).hasValueSatisfying(p -> assertThat(p).contains("signature"));
    }
  }

  @Test
  void withoutItsSigningCertificatesTheServiceDoesNotStart() {
    Path fixtures = folder.resolve("unsigned-config");
    world.writeFixtures(fixtures, TrustWorld.ListOptions.NORMAL, Duration.ofDays(30));
    try (Rig rig =
        Rig.over(
            fixtures,
            folder.resolve("unsigned-config-cache"),
            Map.of(
                "most.trust.mk.signing-certificates",
                fixtures.resolve("missing.pem").toString()))) {
      assertThatThrownBy(() -> rig.lists.start(null))
          .hasMessageContaining("most.trust.mk.signing-certificates");
    }
  }

  @Test
  void anUnknownUrlIsRefusedOffline() throws Exception {
    Path fixtures = folder.resolve("offline");
    world.writeFixtures(fixtures, TrustWorld.ListOptions.NORMAL, Duration.ofDays(30));
    FixtureDataLoader loader = FixtureDataLoader.of(fixtures);
    assertThatThrownBy(() -> loader.get("https://ec.europa.eu/tools/lotl/eu-lotl.xml"))
        .hasMessageContaining("not a fixture");
    assertThat(loader.refused()).containsExactly("https://ec.europa.eu/tools/lotl/eu-lotl.xml");
  }
}
