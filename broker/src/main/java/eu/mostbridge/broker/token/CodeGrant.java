package eu.mostbridge.broker.token;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import eu.mostbridge.broker.audit.AuditEvent;
import eu.mostbridge.broker.audit.AuditLog;
import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.web.RandomTokens;
import eu.mostbridge.identity.CommonIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The authorization code grant, apart from HTTP: a code issued at the end of a login, and redeemed
 * once for an ID token and an access token. Any front that ends a login with a code uses {@link
 * #issue}; the token endpoint uses {@link #redeem}.
 */
@ApplicationScoped
public class CodeGrant {
  /** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
  private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private final AuthorizationCodes codes;
  private final AccessTokens accessTokens;
  private final IdTokenSigner idTokens;
  private final BrokerConfig config;
  private final AuditLog audit;
  private final Clock clock;

  public CodeGrant(
      AuthorizationCodes codes,
      AccessTokens accessTokens,
      IdTokenSigner idTokens,
      BrokerConfig config,
      AuditLog audit,
      Clock clock) {
    this.audit = audit;
    this.codes = codes;
    this.accessTokens = accessTokens;
    this.idTokens = idTokens;
    this.config = config;
    this.clock = clock;
  }

  /** What a redemption hands out. */
  public record Issued(
      SignedJWT idToken, String accessToken, Duration lifetime, String scope, String method) {}

  /**
   * Issues a code for the login of {@code identity} through the national eID {@code method}, to be
   * redeemed by {@code clientId} with the verifier of {@code codeChallenge}, within {@code
   * most.lifetimes.code}. The code is stored before it is returned.
   */
  public String issue(
      String clientId,
      URI redirectUri,
      String codeChallenge,
      Optional<String> nonce,
      CommonIdentity identity,
      String method,
      RequestedClaims claims,
      String scope) {
    String code = RandomTokens.next();
    Duration lifetime = config.lifetimes().code();
    codes.issue(
        code,
        new IssuedCode(
            clientId,
            redirectUri,
            codeChallenge,
            nonce,
            identity,
            method,
            claims,
            scope,
            clock.instant().plus(lifetime)),
        lifetime);
    return code;
  }

  /**
   * Redeems the code of {@code form} for {@code client}, once: the code must be the client's,
   * unexpired, and redeemed with the same redirect URI and the PKCE verifier. A code is tried once,
   * rightly or not; a code used before revokes what its first use issued.
   *
   * @throws TokenError {@code invalid_grant} or {@code invalid_request}, as RFC 6749 has them
   */
  public Issued redeem(ClientRegistration client, Map<String, List<String>> form)
      throws TokenError {
    String code =
        single(form, "code").orElseThrow(() -> TokenError.invalidRequest("No code was sent"));
    IssuedCode issued = codes.find(code).orElseThrow(() -> refusedAsUsed(code, client));
    try {
      requireIssuedTo(issued, client);
      requireSameRequest(issued, form);
    } catch (TokenError refused) {
      if (!codes.redeem(code, Optional.empty(), issued.expiresAt())) {
        throw refusedAsUsed(code, client);
      }
      throw refused;
    }
    // The access token is stored before the code is redeemed, and handed out only after: a
    // failure in between leaves the code for the relying party's next try.
    String accessToken = RandomTokens.next();
    Duration lifetime = config.lifetimes().accessToken();
    Instant now = clock.instant();
    String handle =
        accessTokens.store(
            accessToken,
            new AccessGrant(
                client.id(),
                issued.identity(),
                issued.method(),
                issued.claims(),
                now.plus(lifetime)),
            lifetime);
    Instant keepUntil = later(issued.expiresAt(), now.plus(lifetime));
    if (!codes.redeem(code, Optional.of(handle), keepUntil)) {
      // Another request redeemed it first; nobody is given this token, and its entry expires.
      throw refusedAsUsed(code, client);
    }
    return new Issued(
        idTokens.sign(
            issued.identity(), client, issued.nonce(), issued.method(), issued.claims(), now),
        accessToken,
        lifetime,
        issued.scope(),
        issued.method());
  }

  /**
   * The refusal of a code that is not (or no longer) there: when it was redeemed before, what that
   * redemption issued is revoked (RFC 6749 section 4.1.2).
   */
  private TokenError refusedAsUsed(String code, ClientRegistration client) {
    Optional<AuthorizationCodes.Redemption> before = codes.redemption(code);
    if (before.isEmpty()) {
      return TokenError.invalidGrant("Unknown or expired code");
    }
    boolean revoked =
        before.get().accessTokenHandle().map(accessTokens::revokeByHandle).orElse(false);
    audit.record(
        AuditEvent.of("token.code_reused")
            .with("client", client.id())
            .with("revoked_access_token", revoked));
    return TokenError.invalidGrant("The code was already used; what it issued is revoked");
  }

  private void requireIssuedTo(IssuedCode issued, ClientRegistration client) throws TokenError {
    if (!issued.clientId().equals(client.id())) {
      throw TokenError.invalidGrant("The code was issued to another client");
    }
    if (!clock.instant().isBefore(issued.expiresAt())) {
      throw TokenError.invalidGrant("The code has expired");
    }
  }

  private static Instant later(Instant one, Instant other) {
    return one.isAfter(other) ? one : other;
  }

  /** Checks what the form says about the code against what the code was issued for. */
  static void requireSameRequest(IssuedCode issued, Map<String, List<String>> form)
      throws TokenError {
    if (!single(form, "redirect_uri").equals(Optional.of(issued.redirectUri().toString()))) {
      throw TokenError.invalidGrant("redirect_uri differs from the authorization request's");
    }
    Optional<String> verifier = single(form, "code_verifier");
    if (verifier.isEmpty()) {
      throw TokenError.invalidGrant("PKCE: no code_verifier was sent");
    }
    if (!CODE_VERIFIER.matcher(verifier.get()).matches()) {
      throw TokenError.invalidGrant("PKCE: the code_verifier is malformed");
    }
    if (!MessageDigest.isEqual(
        CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier.get()))
            .getValue()
            .getBytes(StandardCharsets.US_ASCII),
        issued.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
      throw TokenError.invalidGrant("PKCE: the code_verifier does not match the challenge");
    }
  }

  static Optional<String> single(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() || values.get(0).isEmpty()
        ? Optional.empty()
        : Optional.of(values.get(0));
  }
}
