package eu.mostbridge.broker.token;

import eu.mostbridge.identity.CommonIdentity;
import java.time.Instant;

/**
 * What an access token lets its bearer read at the userinfo endpoint.
 *
 * @param clientId the client it was issued to
 * @param identity the citizen
 * @param method the national eID used
 * @param claims what the {@code claims} parameter asked for
 * @param expiresAt when it stops being accepted
 */
public record AccessGrant(
    String clientId,
    CommonIdentity identity,
    String method,
    RequestedClaims claims,
    Instant expiresAt) {}
