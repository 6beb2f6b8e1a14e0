package eu.mostbridge.broker.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.broker.client.ClientFile;
import eu.mostbridge.broker.client.ClientRegistry;
import eu.mostbridge.broker.client.InvalidClientFileException;
import eu.mostbridge.broker.country.NationalEidRegistry;
import eu.mostbridge.broker.flow.ValidatedAuthorization;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorizationRequestValidatorTest {
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  private final AuthorizationRequestValidator validator;

  AuthorizationRequestValidatorTest() throws InvalidClientFileException {
    validator =
        new AuthorizationRequestValidator(
            ClientRegistry.of(
                ClientFile.parse(
                    """
                    clients:
                      - id: portal
                        names: {bg: "п", mk: "п", en: "p"}
                        redirectUris: ["https://portal.test/cb", "http://127.0.0.1/cb"]
                        secretHash: "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                        allowedCountries: [BG]
                        minimumLevel: substantial
                    """)),
            new NationalEidRegistry());
  }

  private static Map<String, List<String>> request(Consumer<Map<String, String>> change) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("client_id", "portal");
    values.put("redirect_uri", "https://portal.test/cb");
    values.put("response_type", "code");
    values.put("scope", "openid eidas:country:bg");
    values.put("state", "s-1");
    values.put("nonce", "n-1");
    values.put("code_challenge", CHALLENGE);
    values.put("code_challenge_method", "S256");
    change.accept(values);
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (v != null) {
            parameters.put(k, List.of(v));
          }
        });
    return parameters;
  }

  @Test
  void acceptsAWellFormedRequest() {
    ValidatedAuthorization accepted = validator.validate(request(r -> {})).accepted().orElseThrow();

    assertThat(accepted.client().id()).isEqualTo("portal");
    assertThat(accepted.redirectUri()).isEqualTo(URI.create("https://portal.test/cb"));
    assertThat(accepted.state()).contains("s-1");
    assertThat(accepted.nonce()).contains("n-1");
    assertThat(accepted.countries()).containsExactly(CountryCode.BG);
    assertThat(accepted.minimumLevel()).as("the client's").isEqualTo(LevelOfAssurance.SUBSTANTIAL);
    assertThat(accepted.uiLocale()).isEmpty();
    assertThat(accepted.forceLogin()).isFalse();
  }

  @Test
  void theStrongerOfClientAndRequestedMinimumWinsAndLanguagesAndPromptsAreRead() {
    ValidatedAuthorization high =
        validator
            .validate(
                request(
                    r -> {
                      r.put("acr_values", "http://eidas.europa.eu/LoA/high");
                      r.put("ui_locales", "de mk-MK bg");
                      r.put("prompt", "login");
                      r.put("scope", "openid");
                    }))
            .accepted()
            .orElseThrow();
    assertThat(high.minimumLevel()).isEqualTo(LevelOfAssurance.HIGH);
    assertThat(high.uiLocale().orElseThrow().getLanguage()).isEqualTo("mk");
    assertThat(high.forceLogin()).isTrue();
    assertThat(high.countries()).as("all the client may receive").containsExactly(CountryCode.BG);

    ValidatedAuthorization low =
        validator
            .validate(
                request(
                    r ->
                        r.put(
                            "acr_values",
                            "http://eidas.europa.eu/LoA/low http://eidas.europa.eu/LoA/high")))
            .accepted()
            .orElseThrow();
    assertThat(low.minimumLevel())
        .as("never below the client's")
        .isEqualTo(LevelOfAssurance.SUBSTANTIAL);

    ValidatedAuthorization maxAgeZero =
        validator.validate(request(r -> r.put("max_age", "0"))).accepted().orElseThrow();
    assertThat(maxAgeZero.forceLogin()).isTrue();
    assertThat(maxAgeZero.maxAge()).contains(Duration.ZERO);
  }

  @Test
  void theLoopbackRuleAllowsAnyPortOnlyForRegisteredLoopbackUris() {
    assertThat(
            validator
                .validate(request(r -> r.put("redirect_uri", "http://127.0.0.1:51234/cb")))
                .accepted())
        .isPresent();
    assertThat(
            validator
                .validate(request(r -> r.put("redirect_uri", "https://portal.test:8443/cb")))
                .refused())
        .isPresent();
  }

  /** Errors that must be shown, never redirected: the client or redirect URI cannot be trusted. */
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "client_id, NULL, invalid_client",
        "client_id, other, invalid_client",
        "redirect_uri, NULL, invalid_request",
        "redirect_uri, https://portal.test/cb?x=1, invalid_request",
        "redirect_uri, https://portal.test/cb/more, invalid_request",
        "redirect_uri, http://portal.test/cb, invalid_request",
        "redirect_uri, https://evil.test/cb, invalid_request",
        "redirect_uri, https://portal.test/cb#f, invalid_request",
        "redirect_uri, HTTPS://PORTAL.TEST/cb, invalid_request",
      })
  void untrustedTargetsAreShownNotRedirected(String parameter, String value, String error) {
    AuthorizationFailure failure =
        validator.validate(request(r -> r.put(parameter, value))).refused().orElseThrow();

    assertThat(failure.error()).isEqualTo(error);
    assertThat(failure.redirectTo()).isEmpty();
  }

  @Test
  void aRepeatedParameterIsShownNotRedirected() {
    Map<String, List<String>> parameters = request(r -> {});
    parameters.put("redirect_uri", List.of("https://portal.test/cb", "https://evil.test/cb"));

    AuthorizationFailure failure = validator.validate(parameters).refused().orElseThrow();

    assertThat(failure.redirectTo()).isEmpty();
    assertThat(failure.description()).contains("repeated");
  }

  /** Errors sent back to the verified redirect URI with the state. */
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "response_type, token, unsupported_response_type",
        "response_type, code id_token, unsupported_response_type",
        "response_mode, fragment, invalid_request",
        "scope, profile, invalid_scope",
        "scope, openid email, invalid_scope",
        "scope, openid eidas:country:mk, invalid_scope",
        "code_challenge, NULL, invalid_request",
        "code_challenge_method, plain, invalid_request",
        "code_challenge_method, NULL, invalid_request",
        "code_challenge, short, invalid_request",
        "acr_values, http://eidas.europa.eu/LoA/medium, invalid_request",
        "acr_values, eid_high, invalid_request",
        "prompt, none, login_required",
        "max_age, -1, invalid_request",
        "max_age, soon, invalid_request",
        "request, eyJhbGciOiJub25lIn0.e30., request_not_supported",
        "request_uri, https://portal.test/req, request_uri_not_supported",
      })
  void otherErrorsGoBackWithTheState(String parameter, String value, String error) {
    AuthorizationFailure failure =
        validator.validate(request(r -> r.put(parameter, value))).refused().orElseThrow();

    assertThat(failure.error()).isEqualTo(error);
    assertThat(failure.redirectTo()).contains(URI.create("https://portal.test/cb"));
    assertThat(failure.state()).isEqualTo(Optional.of("s-1"));
  }

  @Test
  void controlCharactersInStateOrNonceAreRefusedAndAStateThatHasThemIsNotEchoed() {
    AuthorizationFailure badState =
        validator.validate(request(r -> r.put("state", "a\u0000b"))).refused().orElseThrow();
    assertThat(badState.error()).isEqualTo("invalid_request");
    assertThat(badState.state()).isEmpty();

    AuthorizationFailure badNonce =
        validator.validate(request(r -> r.put("nonce", "n\nx"))).refused().orElseThrow();
    assertThat(badNonce.error()).isEqualTo("invalid_request");
    assertThat(badNonce.state()).isEqualTo(Optional.of("s-1"));

    assertThat(validator.validate(request(r -> r.put("state", "ü € + & {x}"))).accepted())
        .as("printable Unicode is a state")
        .isPresent();
  }

  @Test
  void onlyClaimsMostCanReleaseAreKeptFromTheClaimsParameter() {
    ValidatedAuthorization accepted =
        validator
            .validate(
                request(
                    r ->
                        r.put(
                            "claims",
                            "{\"id_token\":{\"birthdate\":null,\"shoe_size\":null,"
                                + "\"family_name#bg-Cyrl\":null}}")))
            .accepted()
            .orElseThrow();

    assertThat(accepted.claims().inIdToken())
        .as("a language tag names the same claim")
        .containsExactlyInAnyOrder("birthdate", "family_name");
  }
}
