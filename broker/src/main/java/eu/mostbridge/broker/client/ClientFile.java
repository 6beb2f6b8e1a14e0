package eu.mostbridge.broker.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import eu.mostbridge.broker.country.NationalEidRegistry;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the relying parties from YAML (or JSON, which is YAML) and validates every entry; all
 * problems are collected and reported together, naming the client and the field, so an operator
 * fixes the file in one go. An invalid file stops start-up.
 */
public final class ClientFile {
  private static final ObjectMapper YAML =
      JsonMapper.builder(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private static final Set<String> LANGUAGES = Set.of("bg", "mk", "en");
  private static final Set<String> ALGORITHMS = Set.of("ES256", "PS256", "RS256");

  private ClientFile() {}

  /** The file's content as read by Jackson, before validation. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Raw(List<RawClient> clients) {}

  /** One client as written. */
  record RawClient(
      String id,
      Map<String, String> names,
      List<String> redirectUris,
      String secretHash,
      String jwksUri,
      List<String> allowedCountries,
      String minimumLevel,
      String identifierPolicy,
      String tokenAlgorithm,
      @JsonProperty("public") Boolean publicClient,
      List<String> postLogoutRedirectUris,
      Boolean minimalIdToken) {}

  /** The {@code secretHash} of a client secret, as the file writes it: {@code sha256:<hex>}. */
  public static String secretHash(String secret) {
    try {
      return "sha256:"
          + java.util.HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Parses and validates, with RS256 (the default of {@code most.signing.default-algorithm}) for
   * clients that name no token algorithm; throws with every problem listed.
   */
  public static List<ClientRegistration> parse(String text) throws InvalidClientFileException {
    return parse(text, "RS256");
  }

  /**
   * As {@link #parse(String, String, Set)} for the countries of the national eIDs on the class
   * path.
   */
  public static List<ClientRegistration> parse(String text, String defaultAlgorithm)
      throws InvalidClientFileException {
    return parse(text, defaultAlgorithm, new NationalEidRegistry().countries());
  }

  /**
   * Parses and validates; a client that names no {@code tokenAlgorithm} gets {@code
   * defaultAlgorithm}, the broker's {@code most.signing.default-algorithm}, so a deployment with
   * only RSA keys need not repeat RS256 for every client. Throws with every problem listed.
   */
  public static List<ClientRegistration> parse(
      String text, String defaultAlgorithm, Set<CountryCode> served)
      throws InvalidClientFileException {
    Raw raw;
    try {
      raw = YAML.readValue(text, Raw.class);
    } catch (JsonProcessingException e) {
      throw new InvalidClientFileException(
          List.of(
              "the file is not valid YAML/JSON of the documented form: " + e.getOriginalMessage()));
    }
    List<String> problems = new ArrayList<>();
    List<ClientRegistration> clients = new ArrayList<>();
    if (raw == null || raw.clients() == null || raw.clients().isEmpty()) {
      throw new InvalidClientFileException(List.of("no clients are listed"));
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < raw.clients().size(); i++) {
      RawClient c = raw.clients().get(i);
      if (c == null) {
        problems.add("clients[" + i + "]: is empty");
        continue;
      }
      String where = c.id() == null ? "clients[" + i + "]" : "client " + c.id();
      if (c.id() == null || !c.id().matches("[A-Za-z0-9._-]{1,64}")) {
        problems.add(where + ": id must be 1-64 of A-Z a-z 0-9 . _ -");
      } else if (!ids.add(c.id())) {
        problems.add(where + ": id is used twice");
      }
      Map<String, String> names = c.names() == null ? Map.of() : new LinkedHashMap<>(c.names());
      if (!names.keySet().equals(LANGUAGES) || names.values().stream().anyMatch(n -> n == null)) {
        problems.add(where + ": names must be given in exactly bg, mk and en");
      }
      names.values().removeIf(n -> n == null);
      List<URI> redirects = redirectUris(where, c.redirectUris(), problems);
      boolean publicClient = Boolean.TRUE.equals(c.publicClient());
      if (publicClient && (c.secretHash() != null || c.jwksUri() != null)) {
        problems.add(where + ": a public client has neither secretHash nor jwksUri");
      }
      if (!publicClient && c.secretHash() == null && c.jwksUri() == null) {
        problems.add(
            where
                + ": needs secretHash (client_secret_*), jwksUri (private_key_jwt) or public:"
                + " true");
      }
      if (c.secretHash() != null && c.jwksUri() != null) {
        problems.add(where + ": secretHash and jwksUri exclude each other: choose one");
      }
      if (c.secretHash() != null && !c.secretHash().matches("sha256:[0-9a-f]{64}")) {
        problems.add(where + ": secretHash must be sha256:<64 lower-case hex digits>");
      }
      Optional<URI> jwks =
          Optional.ofNullable(c.jwksUri()).map(u -> uri(where, "jwksUri", u, problems));
      Set<CountryCode> countries = countries(where, c.allowedCountries(), served, problems);
      LevelOfAssurance level = LevelOfAssurance.LOW;
      try {
        level =
            c.minimumLevel() == null
                ? LevelOfAssurance.LOW
                : LevelOfAssurance.valueOf(c.minimumLevel().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(where + ": minimumLevel must be low, substantial or high");
      }
      IdentifierPolicy policy = IdentifierPolicy.PSEUDONYM;
      try {
        policy =
            c.identifierPolicy() == null
                ? IdentifierPolicy.PSEUDONYM
                : IdentifierPolicy.valueOf(c.identifierPolicy().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(where + ": identifierPolicy must be PSEUDONYM or NATIONAL_NUMBER");
      }
      String algorithm = c.tokenAlgorithm() == null ? defaultAlgorithm : c.tokenAlgorithm();
      if (!ALGORITHMS.contains(algorithm)) {
        problems.add(where + ": tokenAlgorithm must be ES256, PS256 or RS256");
      }
      clients.add(
          new ClientRegistration(
              c.id(),
              names,
              redirects,
              Optional.ofNullable(c.secretHash()),
              jwks,
              countries,
              level,
              policy,
              algorithm,
              publicClient,
              c.postLogoutRedirectUris() == null
                  ? List.of()
                  : redirectUris(where, c.postLogoutRedirectUris(), problems),
              Boolean.TRUE.equals(c.minimalIdToken()),
              false));
    }
    if (!problems.isEmpty()) {
      throw new InvalidClientFileException(problems);
    }
    return List.copyOf(clients);
  }

  private static List<URI> redirectUris(String where, List<String> values, List<String> problems) {
    List<URI> uris = new ArrayList<>();
    if (values == null || values.isEmpty()) {
      problems.add(where + ": at least one redirectUri is required");
      return uris;
    }
    for (String value : values) {
      URI uri = uri(where, "redirectUri", value, problems);
      if (uri == null) {
        continue;
      }
      boolean loopback =
          "http".equals(uri.getScheme())
              && ("127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost()));
      if (!"https".equals(uri.getScheme())
          && !loopback
          && !(uri.getScheme() != null && uri.getScheme().contains("."))) {
        problems.add(
            where
                + ": redirectUri "
                + value
                + " must be https, http on a loopback address, or a private-use scheme");
      }
      if (uri.getFragment() != null) {
        problems.add(where + ": redirectUri " + value + " must not have a fragment");
      }
      uris.add(uri);
    }
    return uris;
  }

  private static URI uri(String where, String field, String value, List<String> problems) {
    if (value == null) {
      problems.add(where + ": a " + field + " is empty");
      return null;
    }
    try {
      URI uri = new URI(value);
      if (!uri.isAbsolute()) {
        problems.add(where + ": " + field + " " + value + " is not absolute");
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      problems.add(where + ": " + field + " " + value + " is not a URI");
      return null;
    }
  }

  /** {@code allowedCountries}: some of the countries this build of Most serves ({@code served}). */
  private static Set<CountryCode> countries(
      String where, List<String> values, Set<CountryCode> served, List<String> problems) {
    Set<CountryCode> countries = new LinkedHashSet<>();
    if (values == null || values.isEmpty()) {
      problems.add(where + ": allowedCountries must list some of " + served);
      return countries;
    }
    for (String value : values) {
      // Greece as eIDAS writes it (EL) or as ISO does (GR).
      Optional<CountryCode> country =
          served.stream()
              .filter(
                  c -> c.alpha2().equals(value) || ("GR".equals(value) && c.iso().equals(value)))
              .findFirst();
      if (country.isEmpty()) {
        problems.add(where + ": allowedCountries may hold only " + served + ", not " + value);
      } else {
        countries.add(country.get());
      }
    }
    return countries;
  }
}
