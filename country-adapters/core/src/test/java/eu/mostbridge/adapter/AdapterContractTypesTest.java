package eu.mostbridge.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SPI's value types refuse what an adapter or the broker must never hand over. */
class AdapterContractTypesTest {
  @Test
  void aRepeatedParameterInTheAnswerIsMalformedNotAChoice() throws AuthenticationFailure {
    NationalAnswer answer =
        new NationalAnswer(
            "POST", Map.of("SAMLResponse", List.of("a", "b"), "RelayState", List.of("r")));

    assertThat(answer.single("RelayState")).contains("r");
    assertThat(answer.single("absent")).isEmpty();
    assertThatThrownBy(() -> answer.single("SAMLResponse"))
        .isInstanceOfSatisfying(
            AuthenticationFailure.class,
            e -> assertThat(e.reason()).isEqualTo(AuthenticationFailure.Reason.MALFORMED_ANSWER));
  }

  @Test
  void theAnswerIsACopy() {
    Map<String, List<String>> parameters = new HashMap<>();
    parameters.put("code", new java.util.ArrayList<>(List.of("c1")));
    NationalAnswer answer = new NationalAnswer("GET", parameters);
    parameters.get("code").add("c2");
    parameters.put("state", List.of("s"));

    assertThat(answer.parameters()).containsOnlyKeys("code");
    assertThat(answer.parameters().get("code")).containsExactly("c1");
  }

  @Test
  void browserStepsGoOnlyToHttpUrls() {
    assertThatThrownBy(() -> new BrowserStep.Redirect(URI.create("javascript:alert(1)")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BrowserStep.FormPost(URI.create("data:text/html,x"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);

    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("SAMLRequest", "PHNhbWw+");
    fields.put("RelayState", "r");
    BrowserStep.FormPost post =
        new BrowserStep.FormPost(URI.create("https://eauth.example/sso"), fields);
    assertThat(post.fields().keySet()).containsExactly("SAMLRequest", "RelayState");
  }

  @Test
  void aPendingAuthenticationExpires() {
    Instant expiry = Instant.parse("2026-11-26T10:00:00Z");
    PendingAuthentication pending =
        new PendingAuthentication(
            "mk-eid",
            "_3f2a",
            LevelOfAssurance.SUBSTANTIAL,
            CountryCode.BG,
            expiry,
            Map.of("nonce", "n"));

    assertThat(pending.isExpiredAt(expiry.minusMillis(1))).isFalse();
    assertThat(pending.isExpiredAt(expiry)).isTrue();
    assertThatThrownBy(() -> pending.requireOpenFor("mk-eid", expiry))
        .isInstanceOfSatisfying(
            AuthenticationFailure.class,
            e -> assertThat(e.reason()).isEqualTo(AuthenticationFailure.Reason.EXPIRED));
    assertThatThrownBy(() -> pending.requireOpenFor("bg-eauth", expiry.minusMillis(1)))
        .isInstanceOfSatisfying(
            AuthenticationFailure.class,
            e -> assertThat(e.reason()).isEqualTo(AuthenticationFailure.Reason.WRONG_PARTY));
    assertThatThrownBy(
            () ->
                new PendingAuthentication(
                    "mk-eid", "", LevelOfAssurance.LOW, CountryCode.BG, expiry, Map.of()))
        .hasMessageContaining("correlation");
  }

  @Test
  void theAchievedLevelIsReadFromTheEidsSpellingAndNeverBelowTheMinimum()
      throws AuthenticationFailure {
    PendingAuthentication pending =
        new PendingAuthentication(
            "bg-mvr-eid",
            "st",
            LevelOfAssurance.SUBSTANTIAL,
            CountryCode.MK,
            Instant.parse("2026-11-26T10:00:00Z"),
            Map.of());
    Map<LevelOfAssurance, String> mvr =
        Map.of(
            LevelOfAssurance.LOW, "eid_low",
            LevelOfAssurance.SUBSTANTIAL, "eid_substantial",
            LevelOfAssurance.HIGH, "eid_high");

    assertThat(pending.achievedLevel(mvr, java.util.Optional.of("eid_high"), "acr"))
        .isEqualTo(LevelOfAssurance.HIGH);
    for (java.util.Optional<String> refused :
        List.of(
            java.util.Optional.of("eid_low"),
            java.util.Optional.of("eid_medium"),
            java.util.Optional.<String>empty())) {
      assertThatThrownBy(() -> pending.achievedLevel(mvr, refused, "acr"))
          .isInstanceOfSatisfying(
              AuthenticationFailure.class,
              e -> assertThat(e.reason()).isEqualTo(AuthenticationFailure.Reason.LEVEL_TOO_LOW));
    }
  }

  @Test
  void theCallbackMustBeAbsolute() {
    assertThatThrownBy(
            () ->
                new AuthenticationRequest(
                    LevelOfAssurance.LOW,
                    CountryCode.BG,
                    URI.create("/callback"),
                    Locale.ENGLISH,
                    false))
        .hasMessageContaining("absolute");
  }

  @Test
  void anAdapterCanSatisfyAMinimumItOrAStrongerLevelReaches() {
    CountryAdapter substantialOnly =
        new CountryAdapter() {
          @Override
          public String id() {
            return "x";
          }

          @Override
          public CountryCode country() {
            return CountryCode.MK;
          }

          @Override
          public java.util.Set<LevelOfAssurance> supportedLevels() {
            return java.util.Set.of(LevelOfAssurance.SUBSTANTIAL);
          }

          @Override
          public AuthenticationStart start(AuthenticationRequest request) {
            throw new UnsupportedOperationException();
          }

          @Override
          public String correlationOf(NationalAnswer answer) {
            throw new UnsupportedOperationException();
          }

          @Override
          public eu.mostbridge.identity.CommonIdentity complete(
              NationalAnswer answer, PendingAuthentication pending) {
            throw new UnsupportedOperationException();
          }
        };

    assertThat(substantialOnly.canSatisfy(LevelOfAssurance.LOW)).isTrue();
    assertThat(substantialOnly.canSatisfy(LevelOfAssurance.SUBSTANTIAL)).isTrue();
    assertThat(substantialOnly.canSatisfy(LevelOfAssurance.HIGH)).isFalse();
  }
}
