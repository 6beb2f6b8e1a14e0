package eu.mostbridge.broker.authorize;

import java.net.URI;
import java.util.Optional;

/**
 * Why an authorization request is refused.
 *
 * @param error the OAuth error code ({@code invalid_request}, {@code invalid_scope}, ...)
 * @param description for the relying party's developers; never personal data
 * @param redirectTo where the error may be sent back, or empty when it must be shown to the citizen
 *     instead (unknown client or redirect URI: sending it would be an open redirect)
 * @param state the request's {@code state}, echoed back
 */
public record AuthorizationFailure(
    String error, String description, Optional<URI> redirectTo, Optional<String> state) {
  static AuthorizationFailure shown(String error, String description) {
    return new AuthorizationFailure(error, description, Optional.empty(), Optional.empty());
  }
}
