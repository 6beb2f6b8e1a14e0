package eu.mostbridge.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.BrowserStep;
import eu.mostbridge.adapter.ClaimsMapper;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.adapter.NationalClaims;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.adapter.RelaxationLog;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.replay.ReplayCache;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A country adapter for a national OpenID provider: the generic flow of {@link OidcRelyingParty},
 * the provider's {@code acr} values mapped to levels of assurance, and its claim profile ({@link
 * ClaimsMapper}) mapped to the common identity.
 *
 * <p>The achieved level is the provider's {@code acr} (for a provider of {@link
 * TokenShape#ACCESS_TOKEN}, the highest level scope its signed access token grants); an answer
 * without a known level, or with one below the minimum asked for, is refused, never downgraded
 * silently.
 */
public final class OidcCountryAdapter implements CountryAdapter {
  private final OidcAdapterSettings settings;
  private final OidcRelyingParty relyingParty;
  private final ClaimsMapper mapper;
  private final Clock clock;

  public OidcCountryAdapter(
      OidcAdapterSettings settings,
      ClaimsMapper mapper,
      ReplayCache replayCache,
      Clock clock,
      JWKSource<SecurityContext> providerKeys) {
    this.settings = settings;
    this.mapper = mapper;
    this.clock = clock;
    this.relyingParty =
        new OidcRelyingParty(settings.op(), settings.client(), replayCache, clock, providerKeys);
    RelaxationLog.announce(settings.id(), relaxations());
  }

  @Override
  public Set<String> relaxations() {
    return settings.op().relaxations();
  }

  @Override
  public String id() {
    return settings.id();
  }

  @Override
  public CountryCode country() {
    return settings.country();
  }

  @Override
  public Set<LevelOfAssurance> supportedLevels() {
    return settings.acrValues().keySet();
  }

  @Override
  public AuthenticationStart start(AuthenticationRequest request) throws AuthenticationFailure {
    LevelOfAssurance level = levelFor(request.minimumLevel());
    // A level asked for as a scope proves nothing of a session the provider already had (its
    // token would carry the scope all the same): such a login always authenticates anew, and
    // the token's auth_time must show it.
    boolean fresh =
        request.forceReauthentication() || settings.op().tokenShape() == TokenShape.ACCESS_TOKEN;
    Instant now = clock.instant();
    OidcRelyingParty.Start start =
        relyingParty.start(List.of(settings.acrValues().get(level)), request.uiLocale(), fresh);
    PendingAuthentication pending =
        new PendingAuthentication(
            id(),
            start.state(),
            request.minimumLevel(),
            request.destination(),
            now.plus(settings.pendingLifetime()),
            PendingAuthentication.protocolState(
                Map.of(
                    OidcRelyingParty.NONCE,
                    start.nonce(),
                    OidcRelyingParty.CODE_VERIFIER,
                    start.codeVerifier()),
                fresh,
                now));
    return new AuthenticationStart(new BrowserStep.Redirect(start.authorizationUri()), pending);
  }

  @Override
  public String correlationOf(NationalAnswer answer) throws AuthenticationFailure {
    return answer
        .single("state")
        .orElseThrow(
            () ->
                new AuthenticationFailure(
                    AuthenticationFailure.Reason.WRONG_PARTY,
                    "The authorization response has no state"));
  }

  @Override
  public CommonIdentity complete(NationalAnswer answer, PendingAuthentication pending)
      throws AuthenticationFailure {
    pending.requireOpenFor(id(), clock.instant());
    NationalClaims claims = relyingParty.complete(answer, pending);
    LevelOfAssurance achieved =
        settings.op().tokenShape() == TokenShape.ACCESS_TOKEN
            ? pending.achievedLevel(settings.acrValues(), levelScope(claims), "scope")
            : pending.achievedLevel(settings.acrValues(), claims.acr(), "acr");
    return mapper.map(claims, pending.destination(), achieved);
  }

  /** The highest configured level whose value the signed access token's {@code scope} grants. */
  private java.util.Optional<String> levelScope(NationalClaims claims) {
    List<String> granted =
        claims.string("scope").map(s -> List.of(s.strip().split("\\s+"))).orElse(List.of());
    return settings.acrValues().entrySet().stream()
        .filter(e -> granted.contains(e.getValue()))
        .max(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue)
        // none granted: the whole scope, for the refusal's message
        .or(() -> claims.string("scope"));
  }
}
