package eu.mostbridge.adapter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The request the national eID sent the browser back with, as plain parameters: the form of a SAML
 * HTTP-POST ({@code SAMLResponse}, {@code RelayState}) or the query of an OIDC redirect ({@code
 * code}, {@code state}, {@code iss}, or {@code error}).
 *
 * @param method the HTTP method, upper case
 * @param parameters every parameter with all its values, as received
 */
public record NationalAnswer(String method, Map<String, List<String>> parameters) {
  public NationalAnswer {
    Objects.requireNonNull(method, "method");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    parameters = Collections.unmodifiableMap(copy);
  }

  /**
   * The single value of {@code name}; empty when absent. A parameter sent twice is an attack or a
   * bug, never a choice to make silently.
   *
   * @throws AuthenticationFailure with {@link AuthenticationFailure.Reason#MALFORMED_ANSWER} if the
   *     parameter is repeated
   */
  public Optional<String> single(String name) throws AuthenticationFailure {
    List<String> values = parameters.get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new AuthenticationFailure(
          AuthenticationFailure.Reason.MALFORMED_ANSWER,
          "The parameter " + name + " was sent more than once");
    }
    return Optional.of(values.get(0));
  }
}
