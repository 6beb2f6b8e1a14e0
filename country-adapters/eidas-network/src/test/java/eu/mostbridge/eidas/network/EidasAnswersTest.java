package eu.mostbridge.eidas.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.saml.ValidatedAssertion;
import eu.mostbridge.saml.eidas.EidasLevel;
import eu.mostbridge.saml.eidas.ProxyServicePeer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The level rules of an answer whose envelope is already trusted. */
class EidasAnswersTest {
  private static final EidasLevel HIGH = new EidasLevel(LevelOfAssurance.HIGH, true);
  private static final EidasLevel SUBSTANTIAL = new EidasLevel(LevelOfAssurance.SUBSTANTIAL, true);
  private static final EidasLevel NOT_NOTIFIED_SUBSTANTIAL =
      new EidasLevel(LevelOfAssurance.SUBSTANTIAL, false);
  private static final EidasLevel NOT_NOTIFIED_HIGH = new EidasLevel(LevelOfAssurance.HIGH, false);

  private static ProxyServicePeer publishing(EidasLevel... levels) {
    return new ProxyServicePeer(
        "https://ps.test/metadata",
        CountryCode.of("EL"),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of("1.4"),
        List.of(levels),
        false,
        Optional.empty());
  }

  private static ValidatedAssertion reaching(EidasLevel level, boolean signed) {
    return new ValidatedAssertion(
        "https://ps.test/metadata",
        Optional.of("EL/MK/x"),
        Instant.now(),
        List.of(level.uri()),
        Map.of(),
        Set.of(),
        signed,
        Optional.empty(),
        Map.of());
  }

  @Test
  void aHigherNotifiedLevelThanTheMinimumIsAccepted() throws Exception {
    assertThat(
            EidasAnswers.level(
                reaching(HIGH, true),
                publishing(SUBSTANTIAL, HIGH),
                SUBSTANTIAL,
                LevelOfAssurance.SUBSTANTIAL))
        .isEqualTo(HIGH);
  }

  @Test
  void aNotNotifiedLevelIsAskedExactlyAndAnotherOneIsRefused() {
    assertThatThrownBy(
            () ->
                EidasAnswers.level(
                    reaching(NOT_NOTIFIED_HIGH, true),
                    publishing(NOT_NOTIFIED_SUBSTANTIAL, NOT_NOTIFIED_HIGH),
                    NOT_NOTIFIED_SUBSTANTIAL,
                    LevelOfAssurance.SUBSTANTIAL))
        .isInstanceOfSatisfying(
            AuthenticationFailure.class,
            f -> assertThat(f.reason()).isEqualTo(AuthenticationFailure.Reason.LEVEL_TOO_LOW))
        .hasMessageContaining("not exactly");
  }

  @Test
  void theOtherFamilyAnUnpublishedLevelAndAnUnsignedResponseAreRefused() {
    assertThatThrownBy(
            () ->
                EidasAnswers.level(
                    reaching(NOT_NOTIFIED_HIGH, true),
                    publishing(HIGH, NOT_NOTIFIED_HIGH),
                    HIGH,
                    LevelOfAssurance.HIGH))
        .hasMessageContaining("family");
    assertThatThrownBy(
            () ->
                EidasAnswers.level(
                    reaching(HIGH, true),
                    publishing(SUBSTANTIAL),
                    SUBSTANTIAL,
                    LevelOfAssurance.LOW))
        .hasMessageContaining("publishes");
    assertThatThrownBy(
            () ->
                EidasAnswers.level(
                    reaching(HIGH, false), publishing(HIGH), HIGH, LevelOfAssurance.HIGH))
        .hasMessageContaining("not signed");
  }
}
