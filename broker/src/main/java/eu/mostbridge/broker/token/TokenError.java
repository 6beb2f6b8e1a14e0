package eu.mostbridge.broker.token;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;

/** A refused token or userinfo request: the OAuth error and its HTTP status. */
public final class TokenError extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient ErrorObject error;
  private final int status;

  public TokenError(ErrorObject error, int status) {
    super(error.getCode() + ": " + error.getDescription(), null, false, false);
    this.error = error;
    this.status = status;
  }

  static TokenError invalidClient(String description) {
    return new TokenError(
        OAuth2Error.INVALID_CLIENT.setDescription(ErrorDescription.of(description)), 401);
  }

  static TokenError invalidGrant(String description) {
    return new TokenError(
        OAuth2Error.INVALID_GRANT.setDescription(ErrorDescription.of(description)), 400);
  }

  static TokenError invalidRequest(String description) {
    return new TokenError(
        OAuth2Error.INVALID_REQUEST.setDescription(ErrorDescription.of(description)), 400);
  }

  public ErrorObject error() {
    return error;
  }

  public int status() {
    return status;
  }
}
