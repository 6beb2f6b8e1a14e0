package eu.mostbridge.trust.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.mostbridge.trust.fixtures.Rig;
import eu.mostbridge.trust.fixtures.SampleDocuments;
import eu.mostbridge.trust.fixtures.TrustWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A validation's limits: no lists yet, too slow. */
class ValidationLimitsTest {
  @TempDir Path folder;

  @Test
  void limitsAreTypedRefusals() {
    TrustWorld world = TrustWorld.create(Instant.now(), Duration.ofDays(365));
    world.writeFixtures(folder, TrustWorld.ListOptions.NORMAL, Duration.ofDays(30));
    try (Rig rig =
        Rig.over(
            folder, folder.resolve("cache"), Map.of("most.trust.validation.timeout", "PT0.001S"))) {
      var document =
          new SampleDocuments(world, rig.fixtures())
              .pades(
                  SampleDocuments.pdf("slow", 3),
                  world.bgSigner,
                  SignatureLevel.PAdES_BASELINE_LT,
                  world.now);
      ValidationInput input = new ValidationInput(document, List.of(), false);
      assertThatThrownBy(() -> rig.validation.validate(input))
          .isInstanceOfSatisfying(
              ValidationProblem.class,
              p -> assertThat(p.kind()).isEqualTo(ValidationProblem.Kind.NOT_READY));
      rig.lists.refresh();
      assertThatThrownBy(() -> rig.validation.validate(input))
          .isInstanceOfSatisfying(
              ValidationProblem.class,
              p -> {
                assertThat(p.kind()).isEqualTo(ValidationProblem.Kind.TIMEOUT);
                assertThat(p.getMessage()).contains("longer than");
              });
    }
  }
}
