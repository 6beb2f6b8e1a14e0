package eu.mostbridge.broker.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import eu.mostbridge.broker.authorize.AuthorizationRequestValidator;
import eu.mostbridge.broker.client.ClientFile;
import eu.mostbridge.broker.client.ClientRegistry;
import eu.mostbridge.broker.client.InvalidClientFileException;
import eu.mostbridge.broker.country.NationalEidRegistry;
import eu.mostbridge.broker.token.ClientAuthenticator;
import eu.mostbridge.broker.token.TokenError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Most's OIDC request parsers on arbitrary input: the authorization request validator (every
 * parameter, repeated or not, with any value), the back-channel form parser, and the clients file.
 * Each either accepts or refuses with its typed error; anything else is a finding.
 */
class AuthorizationRequestFuzzTest {
  private static final List<String> NAMES =
      List.of(
          "client_id",
          "redirect_uri",
          "response_type",
          "response_mode",
          "scope",
          "state",
          "nonce",
          "code_challenge",
          "code_challenge_method",
          "acr_values",
          "ui_locales",
          "prompt",
          "max_age",
          "claims",
          "request",
          "request_uri");
  private static final AuthorizationRequestValidator VALIDATOR;

  static {
    try {
      VALIDATOR =
          new AuthorizationRequestValidator(
              ClientRegistry.of(
                  ClientFile.parse(
                      """
                      clients:
                        - id: c
                          names: {bg: "a", mk: "b", en: "c"}
                          redirectUris: [https://c.test/cb, http://127.0.0.1/cb]
                          public: true
                          allowedCountries: [BG, MK]
                      """)),
              new NationalEidRegistry());
    } catch (InvalidClientFileException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest
  void requestParsersOnlyRefuseWithTheirTypedErrors(FuzzedDataProvider data) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    parameters.put("client_id", new ArrayList<>(List.of("c")));
    parameters.put("redirect_uri", new ArrayList<>(List.of("https://c.test/cb")));
    int count = data.consumeInt(0, 12);
    for (int i = 0; i < count; i++) {
      String name = data.pickValue(NAMES);
      parameters.computeIfAbsent(name, n -> new ArrayList<>()).clear();
      parameters.get(name).add(data.consumeString(300));
      if (data.consumeBoolean()) {
        parameters.get(name).add(data.consumeString(30)); // repeated
      }
    }
    VALIDATOR.validate(parameters);

    try {
      ClientAuthenticator.form(data.consumeString(2000));
    } catch (TokenError expected) {
      // the documented refusal
    }
    try {
      ClientFile.parse(data.consumeRemainingAsString());
    } catch (InvalidClientFileException expected) {
      // the documented refusal
    }
  }
}
