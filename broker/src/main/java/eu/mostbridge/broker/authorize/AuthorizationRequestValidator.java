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

  /** The validated request, or the reason it is refused. */
  public Result validate(Map<String, List<String>> parameters) {
    for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
      if (entry.getValue().size() > 1) {
        return Result.refused(
            AuthorizationFailure.shown(
                "invalid_request", "The parameter " + entry.getKey() + " is repeated"));
      }
    }
    if (tooLong(parameters, "client_id") || tooLong(parameters, "redirect_uri")) {
      return Result.refused(
          AuthorizationFailure.shown(
              "invalid_request", "client_id or redirect_uri is longer than accepted"));
    }
    Optional<String> clientId = single(parameters, "client_id");
    Optional<ClientRegistration> client = clientId.flatMap(clients::find);
    if (client.isEmpty()) {
      return Result.refused(AuthorizationFailure.shown("invalid_client", "Unknown client_id"));
    }
    Optional<URI> redirect =
        single(parameters, "redirect_uri").flatMap(AuthorizationRequestValidator::uri);
    if (redirect.isEmpty() || !registered(client.get(), redirect.get())) {
      return Result.refused(
          AuthorizationFailure.shown(
              "invalid_request", "The redirect_uri is not registered for this client"));
    }
    if (tooLong(parameters, "state")) {
      return new Back(redirect.get(), Optional.empty())
          .error("invalid_request", "state is longer than " + LIMITS.get("state") + " characters");
    }
    Optional<String> state = single(parameters, "state");
    if (state.isPresent() && !PRINTABLE.matcher(state.get()).matches()) {
      return new Back(redirect.get(), Optional.empty())
          .error("invalid_request", "state may not hold control characters (RFC 6749: VSCHAR)");
    }
    Back back = new Back(redirect.get(), state);
    for (String name : LIMITS.keySet()) {
      if (tooLong(parameters, name)) {
        return back.error(
            "invalid_request", name + " is longer than " + LIMITS.get(name) + " characters");
      }
    }

    if (parameters.containsKey("request")) {
      return back.error("request_not_supported", "Request objects are not supported");
    }
    if (parameters.containsKey("request_uri")) {
      return back.error("request_uri_not_supported", "Request URIs are not supported");
    }
    if (!single(parameters, "response_type").equals(Optional.of("code"))) {
      return back.error("unsupported_response_type", "Only response_type=code is supported");
    }
    Optional<String> responseMode = single(parameters, "response_mode");
    if (responseMode.isPresent() && !responseMode.get().equals("query")) {
      return back.error("invalid_request", "Only response_mode=query is supported");
    }
    Set<String> scopes =
        new LinkedHashSet<>(Arrays.asList(single(parameters, "scope").orElse("").split(" ", -1)));
    scopes.remove("");
    if (!scopes.contains("openid")) {
      return back.error("invalid_scope", "The scope must include openid");
    }
    for (String scope : scopes) {
      if (!knownScopes.contains(scope)) {
        return back.error("invalid_scope", "Unknown scope " + ErrorText.quote(scope));
      }
    }
    Set<CountryCode> countries = new LinkedHashSet<>();
    for (String scope : scopes) {
      if (scope.startsWith("eidas:country:")) {
        countries.add(
            CountryCode.of(scope.substring("eidas:country:".length()).toUpperCase(Locale.ROOT)));
      }
    }
    if (!client.get().allowedCountries().containsAll(countries)) {
      return back.error(
          "invalid_scope", "The client may not receive citizens of a requested country");
    }
    if (countries.isEmpty()) {
      countries.addAll(client.get().allowedCountries());
    }
    Optional<String> challenge = single(parameters, "code_challenge");
    Optional<String> method = single(parameters, "code_challenge_method");
    if (challenge.isEmpty()) {
      return back.error("invalid_request", "PKCE is required: send code_challenge with S256");
    }
    if (!method.equals(Optional.of("S256"))) {
      return back.error("invalid_request", "Only code_challenge_method=S256 is accepted");
    }
    if (!S256_CHALLENGE.matcher(challenge.get()).matches()) {
      return back.error("invalid_request", "The code_challenge is not a base64url SHA-256");
    }
    LevelOfAssurance minimum = client.get().minimumLevel();
    Optional<String> acrValues = single(parameters, "acr_values");
    if (acrValues.isPresent()) {
      // The relying party accepts any level it lists: the weakest of them is its minimum.
      Optional<LevelOfAssurance> requested = weakestOf(List.of(acrValues.get().split(" ", -1)));
      if (requested.isEmpty()) {
        return back.error("invalid_request", "acr_values must be eIDAS level URIs");
      }
      if (requested.get().compareTo(minimum) > 0) {
        minimum = requested.get();
      }
    }
    Optional<Locale> locale = Optional.empty();
    Optional<String> uiLocales = single(parameters, "ui_locales");
    if (uiLocales.isPresent()) {
      for (String tag : uiLocales.get().split(" ", -1)) {
        String language = Locale.forLanguageTag(tag).getLanguage();
        if (Language.SUPPORTED.contains(language)) {
          locale = Optional.of(Locale.forLanguageTag(language));
          break;
        }
      }
    }
    Optional<String> prompt = single(parameters, "prompt");
    Set<String> prompts =
        prompt.map(p -> Set.copyOf(Arrays.asList(p.split(" ", -1)))).orElse(Set.of());
    if (prompts.contains("none")) {
      return back.error("login_required", "A cross-border login always needs the citizen");
    }
    Optional<Duration> maxAge = Optional.empty();
    Optional<String> maxAgeText = single(parameters, "max_age");
    if (maxAgeText.isPresent()) {
      try {
        long seconds = Long.parseLong(maxAgeText.get());
        if (seconds < 0) {
          throw new NumberFormatException();
        }
        maxAge = Optional.of(Duration.ofSeconds(Math.min(seconds, LONGEST_MAX_AGE)));
      } catch (NumberFormatException e) {
        return back.error("invalid_request", "max_age must be a non-negative number of seconds");
      }
    }
    RequestedClaims requestedClaims = RequestedClaims.NONE;
    Optional<String> claims = single(parameters, "claims");
    if (claims.isPresent()) {
      try {
        OIDCClaimsRequest request = OIDCClaimsRequest.parse(claims.get());
        Set<String> inIdToken = new LinkedHashSet<>();
        if (request.getIDTokenClaimsRequest() != null) {
          for (ClaimsSetRequest.Entry entry : request.getIDTokenClaimsRequest().getEntries()) {
            if (RELEASABLE.contains(entry.getClaimName())) {
              inIdToken.add(entry.getClaimName()); // others Most never releases: not kept
            }
            if ("acr".equals(entry.getClaimName())) {
              // An acr asked for in the ID token is a minimum, as acr_values is (Core 5.5.1.1).
              List<String> acrs = new java.util.ArrayList<>();
              if (entry.getValueAsString() != null) {
                acrs.add(entry.getValueAsString());
              }
              if (entry.getValuesAsListOfStrings() != null) {
                acrs.addAll(entry.getValuesAsListOfStrings());
              }
              Optional<LevelOfAssurance> weakest = weakestOf(acrs);
              if (!acrs.isEmpty() && weakest.isEmpty()) {
                return back.error("invalid_request", "acr values must be eIDAS level URIs");
              }
              if (weakest.isPresent() && weakest.get().compareTo(minimum) > 0) {
                minimum = weakest.get();
              }
            }
          }
        }
        requestedClaims =
            new RequestedClaims(
                !request.getIDTokenVerifiedClaimsRequests().isEmpty()
                    || !request.getUserInfoVerifiedClaimsRequests().isEmpty(),
                inIdToken);
      } catch (com.nimbusds.oauth2.sdk.ParseException | RuntimeException e) {
        return back.error("invalid_request", "The claims parameter is not a valid claims request");
      }
    }
    Optional<String> nonce = single(parameters, "nonce");
    if (nonce.isPresent() && !PRINTABLE.matcher(nonce.get()).matches()) {
      return back.error("invalid_request", "nonce may not hold control characters");
    }
    boolean force = prompts.contains("login") || maxAge.map(Duration::isZero).orElse(false);
    return Result.accepted(
        new ValidatedAuthorization(
            client.get(),
            redirect.get(),
            state,
            nonce,
            challenge.get(),
            countries,
            minimum,
            locale,
            force,
            maxAge,
            requestedClaims,
            String.join(" ", scopes)));
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
    Result error(String error, String description) {
      return Result.refused(
          new AuthorizationFailure(error, description, Optional.of(redirectUri), state));
    }
  }

  /** Either a validated request or a failure. */
  public record Result(
      Optional<ValidatedAuthorization> accepted, Optional<AuthorizationFailure> refused) {
    static Result accepted(ValidatedAuthorization request) {
      return new Result(Optional.of(request), Optional.empty());
    }

    static Result refused(AuthorizationFailure failure) {
      return new Result(Optional.empty(), Optional.of(failure));
    }
  }
}
