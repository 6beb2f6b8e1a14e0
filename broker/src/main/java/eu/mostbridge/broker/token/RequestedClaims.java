package eu.mostbridge.broker.token;

import java.util.Set;

/**
 * What the relying party's {@code claims} parameter (OpenID Connect Core 5.5) asked for beyond the
 * claims Most always releases.
 *
 * @param verified {@code verified_claims} (OpenID Connect for Identity Assurance) were asked for
 * @param inIdToken claims asked for in the ID token: for a client whose ID tokens carry no personal
 *     data ({@code minimalIdToken}), only these personal claims are added to it
 */
public record RequestedClaims(boolean verified, Set<String> inIdToken) {
  /** Nothing beyond the defaults. */
  public static final RequestedClaims NONE = new RequestedClaims(false, Set.of());

  public RequestedClaims {
    inIdToken = Set.copyOf(inIdToken);
  }
}
