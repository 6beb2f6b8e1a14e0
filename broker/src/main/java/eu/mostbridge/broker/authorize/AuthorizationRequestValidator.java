package eu.mostbridge.broker.authorize;

import com.nimbusds.openid.connect.sdk.OIDCClaimsRequest;
import com.nimbusds.openid.connect.sdk.claims.ClaimsSetRequest;
import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.client.ClientRegistry;
import eu.mostbridge.broker.country.NationalEidRegistry;
import eu.mostbridge.broker.flow.ValidatedAuthorization;
import eu.mostbridge.broker.token.RequestedClaims;
import eu.mostbridge.broker.web.Language;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.ErrorText;
import eu.mostbridge.identity.LevelOfAssurance;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an authorization request, rule by rule (RFC 6749, OpenID Connect Core, RFC 7636, RFC
 * 9700, RFC 8252). The first two rules decide whether errors may be redirected at all: the client
 * must be registered, and the redirect URI must be one of its registered ones, exactly (or, for a
 * registered {@code http://127.0.0.1} URI, the same with any port). After that every error goes
 * back to the relying party.
 */
@jakarta.enterprise.context.ApplicationScoped
public class AuthorizationRequestValidator {

  /**
   * The longest value of each parameter Most reads (in characters). Most keeps a login's values for
   * up to {@code most.lifetimes.login}: without limits a pushed request could make it hold half a
   * megabyte per login. Longer values are refused with {@code invalid_request}; other parameters
   * are ignored, as OpenID Connect asks, and never kept.
   */
  public static final Map<String, Integer> LIMITS =
      Map.ofEntries(
          Map.entry("client_id", 255),
          Map.entry("redirect_uri", 2048),
          Map.entry("response_type", 64),
          Map.entry("response_mode", 64),
          Map.entry("scope", 1024),
          Map.entry("state", 2048),
          Map.entry("nonce", 512),
          Map.entry("code_challenge", 128),
          Map.entry("code_challenge_method", 16),
          Map.entry("acr_values", 1024),
          Map.entry("ui_locales", 256),
          Map.entry("prompt", 64),
          Map.entry("max_age", 19),
          Map.entry("claims", 4096),
          Map.entry("request", 16384),
          Map.entry("request_uri", 256));

  /**
   * A {@code max_age} beyond this (about 31 years) asks nothing of the authentication's age: it is
   * read as this, so no date arithmetic overflows.
   */
  static final long LONGEST_MAX_AGE = 999_999_999L;

  /** No control characters (RFC 6749 VSCHAR, widened to any printable Unicode character). */
  private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]*");

  private static final java.util.Set<String> RELEASABLE =
      java.util.Set.copyOf(eu.mostbridge.broker.token.ReleasedClaims.RELEASABLE);

  /** RFC 7636: BASE64URL(SHA-256(verifier)), 32 bytes without padding. */
  private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final ClientRegistry clients;

  /** openid, profile and one {@code eidas:country:<code>} per country a national eID serves. */
  private final Set<String> knownScopes;

  public AuthorizationRequestValidator(ClientRegistry clients, NationalEidRegistry countries) {
    this.clients = clients;
    Set<String> scopes = new LinkedHashSet<>(List.of("openid", "profile"));
    scopes.addAll(countries.countryScopes());
    this.knownScopes = Set.copyOf(scopes);
  }

  /**
   * The validated request, or the reason it is refused: each rule below in turn, the first that
   * refuses deciding the answer.
   */
  public Result validate(Map<String, List<String>> parameters) {
    try {
      requireNoRepeatedParameter(parameters);
      ClientRegistration client = registeredClient(parameters);
      URI redirect = registeredRedirect(parameters, client);
      Back back = new Back(redirect, printableState(parameters, redirect));
      requireWithinLimits(parameters, back);
      refuseRequestObjects(parameters, back);
      requireCodeInQuery(parameters, back);
      Set<String> scopes = knownScopes(parameters, back);
      Set<CountryCode> countries = allowedCountries(scopes, client, back);
      String challenge = s256Challenge(parameters, back);
      LevelOfAssurance minimum = acrValuesMinimum(parameters, client.minimumLevel(), back);
      Set<String> prompts = prompts(parameters, back);
      Optional<Duration> maxAge = maxAge(parameters, back);
      ClaimsAsked claims = claimsAsked(parameters, minimum, back);
      Optional<String> nonce = printableNonce(parameters, back);
      return new Accepted(
          new ValidatedAuthorization(
              client,
              redirect,
              back.state(),
              nonce,
              challenge,
              countries,
              claims.minimum(),
              uiLocale(parameters),
              prompts.contains("login") || maxAge.map(Duration::isZero).orElse(false),
              maxAge,
              claims.requested(),
              String.join(" ", scopes)));
    } catch (Refusal refusal) {
      return new Refused(refusal.failure);
    }
  }

  /** A parameter given twice is refused before anything is read (RFC 6749 3.1). */
  private static void requireNoRepeatedParameter(Map<String, List<String>> parameters)
      throws Refusal {
    for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
      if (entry.getValue().size() > 1) {
        throw Refusal.shown("invalid_request", "The parameter " + entry.getKey() + " is repeated");
      }
    }
  }

  /** The client, which must be registered: until then errors are shown, never redirected. */
  private ClientRegistration registeredClient(Map<String, List<String>> parameters) throws Refusal {
    if (tooLong(parameters, "client_id") || tooLong(parameters, "redirect_uri")) {
      throw Refusal.shown("invalid_request", "client_id or redirect_uri is longer than accepted");
    }
    return single(parameters, "client_id")
        .flatMap(clients::find)
        .orElseThrow(() -> Refusal.shown("invalid_client", "Unknown client_id"));
  }

  /** The redirect URI, one of the client's exactly, or by RFC 8252's loopback rule. */
  private static URI registeredRedirect(
      Map<String, List<String>> parameters, ClientRegistration client) throws Refusal {
    Optional<URI> redirect =
        single(parameters, "redirect_uri").flatMap(AuthorizationRequestValidator::uri);
    if (redirect.isEmpty() || !registered(client, redirect.get())) {
      throw Refusal.shown("invalid_request", "The redirect_uri is not registered for this client");
    }
    return redirect.get();
  }

  /** The state, echoed only when it is within its limit and printable (RFC 6749: VSCHAR). */
  private static Optional<String> printableState(Map<String, List<String>> parameters, URI redirect)
      throws Refusal {
    Back stateless = new Back(redirect, Optional.empty());
    if (tooLong(parameters, "state")) {
      throw stateless.refusal(
          "invalid_request", "state is longer than " + LIMITS.get("state") + " characters");
    }
    Optional<String> state = single(parameters, "state");
    if (state.isPresent() && !PRINTABLE.matcher(state.get()).matches()) {
      throw stateless.refusal(
          "invalid_request", "state may not hold control characters (RFC 6749: VSCHAR)");
    }
    return state;
  }

  /** Every parameter Most reads within its {@link #LIMITS}. */
  private static void requireWithinLimits(Map<String, List<String>> parameters, Back back)
      throws Refusal {
    for (String name : LIMITS.keySet()) {
      if (tooLong(parameters, name)) {
        throw back.refusal(
            "invalid_request", name + " is longer than " + LIMITS.get(name) + " characters");
      }
    }
  }

  /** Request objects and request URIs other than PAR's are not supported. */
  private static void refuseRequestObjects(Map<String, List<String>> parameters, Back back)
      throws Refusal {
    if (parameters.containsKey("request")) {
      throw back.refusal("request_not_supported", "Request objects are not supported");
    }
    if (parameters.containsKey("request_uri")) {
      throw back.refusal("request_uri_not_supported", "Request URIs are not supported");
    }
  }

  /** The code flow, answered in the query. */
  private static void requireCodeInQuery(Map<String, List<String>> parameters, Back back)
      throws Refusal {
    if (!single(parameters, "response_type").equals(Optional.of("code"))) {
      throw back.refusal("unsupported_response_type", "Only response_type=code is supported");
    }
    Optional<String> responseMode = single(parameters, "response_mode");
    if (responseMode.isPresent() && !responseMode.get().equals("query")) {
      throw back.refusal("invalid_request", "Only response_mode=query is supported");
    }
  }

  /** The scopes: openid among them, and only those Most knows. */
  private Set<String> knownScopes(Map<String, List<String>> parameters, Back back) throws Refusal {
    Set<String> scopes =
        new LinkedHashSet<>(Arrays.asList(single(parameters, "scope").orElse("").split(" ", -1)));
    scopes.remove("");
    if (!scopes.contains("openid")) {
      throw back.refusal("invalid_scope", "The scope must include openid");
    }
    for (String scope : scopes) {
      if (!knownScopes.contains(scope)) {
        throw back.refusal("invalid_scope", "Unknown scope " + ErrorText.quote(scope));
      }
    }
    return scopes;
  }

  /**
   * The countries whose citizens may log in: those the {@code eidas:country:} scopes name, all of
   * them the client's; without such a scope, every country the client may receive.
   */
  private static Set<CountryCode> allowedCountries(
      Set<String> scopes, ClientRegistration client, Back back) throws Refusal {
    Set<CountryCode> countries = new LinkedHashSet<>();
    for (String scope : scopes) {
      if (scope.startsWith("eidas:country:")) {
        countries.add(CountryCode.ofEidas(scope.substring("eidas:country:".length())));
      }
    }
    if (!client.allowedCountries().containsAll(countries)) {
      throw back.refusal(
          "invalid_scope", "The client may not receive citizens of a requested country");
    }
    if (countries.isEmpty()) {
      countries.addAll(client.allowedCountries());
    }
    return countries;
  }

  /** PKCE with S256, always (RFC 9700). */
  private static String s256Challenge(Map<String, List<String>> parameters, Back back)
      throws Refusal {
    Optional<String> challenge = single(parameters, "code_challenge");
    if (challenge.isEmpty()) {
      throw back.refusal("invalid_request", "PKCE is required: send code_challenge with S256");
    }
    if (!single(parameters, "code_challenge_method").equals(Optional.of("S256"))) {
      throw back.refusal("invalid_request", "Only code_challenge_method=S256 is accepted");
    }
    if (!S256_CHALLENGE.matcher(challenge.get()).matches()) {
      throw back.refusal("invalid_request", "The code_challenge is not a base64url SHA-256");
    }
    return challenge.get();
  }

  /**
   * The weakest level the relying party accepts: its registered minimum, raised by {@code
   * acr_values} (of which it accepts any, so the weakest counts), never lowered.
   */
  private static LevelOfAssurance acrValuesMinimum(
      Map<String, List<String>> parameters, LevelOfAssurance registered, Back back) throws Refusal {
    Optional<String> acrValues = single(parameters, "acr_values");
    if (acrValues.isEmpty()) {
      return registered;
    }
    LevelOfAssurance requested =
        weakestOf(List.of(acrValues.get().split(" ", -1)))
            .orElseThrow(
                () -> back.refusal("invalid_request", "acr_values must be eIDAS level URIs"));
    return requested.compareTo(registered) > 0 ? requested : registered;
  }

  /** The first of {@code ui_locales} Most speaks, if any. */
  private static Optional<Locale> uiLocale(Map<String, List<String>> parameters) {
    for (String tag : single(parameters, "ui_locales").orElse("").split(" ", -1)) {
      String language = Locale.forLanguageTag(tag).getLanguage();
      if (Language.SUPPORTED.contains(language)) {
        return Optional.of(Locale.forLanguageTag(language));
      }
    }
    return Optional.empty();
  }

  /** {@code prompt}; {@code none} is refused, as a cross-border login always needs the citizen. */
  private static Set<String> prompts(Map<String, List<String>> parameters, Back back)
      throws Refusal {
    Set<String> prompts =
        single(parameters, "prompt")
            .map(p -> Set.copyOf(Arrays.asList(p.split(" ", -1))))
            .orElse(Set.of());
    if (prompts.contains("none")) {
      throw back.refusal("login_required", "A cross-border login always needs the citizen");
    }
    return prompts;
  }

  /** {@code max_age} in seconds, capped at {@link #LONGEST_MAX_AGE}. */
  private static Optional<Duration> maxAge(Map<String, List<String>> parameters, Back back)
      throws Refusal {
    Optional<String> maxAge = single(parameters, "max_age");
    if (maxAge.isEmpty()) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(maxAge.get());
      if (seconds >= 0) {
        return Optional.of(Duration.ofSeconds(Math.min(seconds, LONGEST_MAX_AGE)));
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw back.refusal("invalid_request", "max_age must be a non-negative number of seconds");
  }

  /** What the {@code claims} parameter asks for, and the minimum level it may raise. */
  private record ClaimsAsked(RequestedClaims requested, LevelOfAssurance minimum) {}

  /**
   * The {@code claims} parameter (OpenID Connect Core 5.5): the releasable claims asked for in the
   * ID token, whether verified claims are asked for, and an {@code acr} asked for in the ID token,
   * which is a minimum as {@code acr_values} is (Core 5.5.1.1).
   */
  private static ClaimsAsked claimsAsked(
      Map<String, List<String>> parameters, LevelOfAssurance minimum, Back back) throws Refusal {
    Optional<String> claims = single(parameters, "claims");
    if (claims.isEmpty()) {
      return new ClaimsAsked(RequestedClaims.NONE, minimum);
    }
    OIDCClaimsRequest request;
    try {
      request = OIDCClaimsRequest.parse(claims.get());
    } catch (com.nimbusds.oauth2.sdk.ParseException | RuntimeException e) {
      throw back.refusal("invalid_request", "The claims parameter is not a valid claims request");
    }
    Set<String> inIdToken = new LinkedHashSet<>();
    LevelOfAssurance raised = minimum;
    if (request.getIDTokenClaimsRequest() != null) {
      for (ClaimsSetRequest.Entry entry : request.getIDTokenClaimsRequest().getEntries()) {
        if (RELEASABLE.contains(entry.getClaimName())) {
          inIdToken.add(entry.getClaimName()); // others Most never releases: not kept
        }
        if ("acr".equals(entry.getClaimName())) {
          List<String> acrs = new java.util.ArrayList<>();
          if (entry.getValueAsString() != null) {
            acrs.add(entry.getValueAsString());
          }
          if (entry.getValuesAsListOfStrings() != null) {
            acrs.addAll(entry.getValuesAsListOfStrings());
          }
          Optional<LevelOfAssurance> weakest = weakestOf(acrs);
          if (!acrs.isEmpty() && weakest.isEmpty()) {
            throw back.refusal("invalid_request", "acr values must be eIDAS level URIs");
          }
          if (weakest.isPresent() && weakest.get().compareTo(raised) > 0) {
            raised = weakest.get();
          }
        }
      }
    }
    return new ClaimsAsked(
        new RequestedClaims(
            !request.getIDTokenVerifiedClaimsRequests().isEmpty()
                || !request.getUserInfoVerifiedClaimsRequests().isEmpty(),
            inIdToken),
        raised);
  }

  /** The nonce, printable. */
  private static Optional<String> printableNonce(Map<String, List<String>> parameters, Back back)
      throws Refusal {
    Optional<String> nonce = single(parameters, "nonce");
    if (nonce.isPresent() && !PRINTABLE.matcher(nonce.get()).matches()) {
      throw back.refusal("invalid_request", "nonce may not hold control characters");
    }
    return nonce;
  }

  /**
   * The weakest of {@code acrs} (a relying party accepts any level it lists); empty if one is no
   * eIDAS level.
   */
  private static Optional<LevelOfAssurance> weakestOf(List<String> acrs) {
    LevelOfAssurance weakest = null;
    for (String acr : acrs) {
      Optional<LevelOfAssurance> level = eidasLevel(acr);
      if (level.isEmpty()) {
        return Optional.empty();
      }
      weakest = weakest == null || level.get().compareTo(weakest) < 0 ? level.get() : weakest;
    }
    return Optional.ofNullable(weakest);
  }

  private static Optional<LevelOfAssurance> eidasLevel(String acr) {
    try {
      return Optional.of(LevelOfAssurance.fromUri(acr));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Exact match with a registered URI, or RFC 8252's loopback rule: a registered {@code
   * http://127.0.0.1/...} or {@code http://[::1]/...} matches the same URI with any port; for a
   * client allowed any loopback redirect, any such URI on either loopback address.
   */
  static boolean registered(ClientRegistration client, URI redirect) {
    if (client.anyLoopbackRedirect()
        && "http".equals(redirect.getScheme())
        && ("127.0.0.1".equals(redirect.getHost()) || "[::1]".equals(redirect.getHost()))
        && redirect.getRawUserInfo() == null
        && redirect.getRawFragment() == null) {
      return true;
    }
    for (URI registered : client.redirectUris()) {
      if (registered.toString().equals(redirect.toString())) {
        return true;
      }
      boolean loopback =
          "http".equals(registered.getScheme())
              && ("127.0.0.1".equals(registered.getHost()) || "[::1]".equals(registered.getHost()))
              && registered.getPort() == -1;
      if (loopback
          && "http".equals(redirect.getScheme())
          && registered.getHost().equals(redirect.getHost())
          && redirect.getRawUserInfo() == null
          && String.valueOf(registered.getRawPath()).equals(String.valueOf(redirect.getRawPath()))
          && String.valueOf(registered.getRawQuery()).equals(String.valueOf(redirect.getRawQuery()))
          && redirect.getRawFragment() == null) {
        return true;
      }
    }
    return false;
  }

  private static boolean tooLong(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values != null && values.stream().anyMatch(v -> v.length() > LIMITS.get(name));
  }

  /**
   * The parameters of a request worth keeping (a pushed request): those Most reads, within their
   * limits once {@link #validate} accepted them.
   */
  public static Map<String, List<String>> kept(Map<String, List<String>> parameters) {
    Map<String, List<String>> kept = new java.util.LinkedHashMap<>(parameters);
    kept.keySet().retainAll(LIMITS.keySet());
    return kept;
  }

  private static Optional<URI> uri(String value) {
    try {
      return Optional.of(new URI(value));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() || values.get(0).isEmpty()
        ? Optional.empty()
        : Optional.of(values.get(0));
  }

  /** Sends errors back to a verified redirect URI. */
  private record Back(URI redirectUri, Optional<String> state) {
    Refusal refusal(String error, String description) {
      return new Refusal(
          new AuthorizationFailure(error, description, Optional.of(redirectUri), state));
    }
  }

  /** A rule's refusal, which ends the validation with its failure. */
  private static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient AuthorizationFailure failure;

    Refusal(AuthorizationFailure failure) {
      super(failure.error(), null, false, false);
      this.failure = failure;
    }

    /** A failure shown to the citizen: the client or its redirect URI is not to be trusted. */
    static Refusal shown(String error, String description) {
      return new Refusal(AuthorizationFailure.shown(error, description));
    }
  }

  /** A validated request, or why it is refused. */
  public sealed interface Result permits Accepted, Refused {
    /** The request, when accepted. */
    default Optional<ValidatedAuthorization> accepted() {
      return this instanceof Accepted a ? Optional.of(a.request()) : Optional.empty();
    }

    /** The failure, when refused. */
    default Optional<AuthorizationFailure> refused() {
      return this instanceof Refused r ? Optional.of(r.failure()) : Optional.empty();
    }
  }

  /** The request, valid by every rule. */
  public record Accepted(ValidatedAuthorization request) implements Result {}

  /** The failure of the first rule that refused the request. */
  public record Refused(AuthorizationFailure failure) implements Result {}
}
