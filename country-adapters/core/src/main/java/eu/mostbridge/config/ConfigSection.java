package eu.mostbridge.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One section of configuration, such as {@code most.national.bg-eauth}: what a national eID's
 * factory reads, as Keycloak's {@code Config.Scope} is for a provider factory. Keys are relative
 * ({@code idp-sso-url}); every error names the whole key and never the value (it may be a secret).
 * The broker backs it with MicroProfile Config, so environment variables and mounted Secrets work
 * as for any other setting.
 */
public interface ConfigSection {
  /** The section's full name, for messages: {@code most.national.bg-eauth}. */
  String name();

  /** Whether any key is set under this section. */
  boolean isPresent();

  /** The child section {@code name}: {@code most.national.mk-eid.saml}. */
  ConfigSection section(String name);

  /** The value of {@code key}, if set and not blank. */
  Optional<String> string(String key);

  /** A comma-separated (or indexed, {@code key[0]}) list; empty when not set. */
  Optional<List<String>> list(String key);

  /** The keys under {@code key} with their values: {@code service-oids.low=…} gives {@code low}. */
  Map<String, String> map(String key);

  /** The whole name of {@code key}, for messages. */
  default String keyName(String key) {
    return name() + "." + key;
  }

  /** The value of {@code key}, which must be set. */
  default String required(String key) {
    return string(key).orElseThrow(() -> problem(key, "is required"));
  }

  /**
   * The value of {@code key} read by {@code parser}; a value it refuses stops start-up with {@code
   * expected} in the message.
   */
  default <T> Optional<T> parsed(String key, String expected, Function<String, T> parser) {
    Optional<String> raw = string(key);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(raw.get().trim()));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw problem(key, "must be " + expected);
    }
  }

  default Optional<URI> uri(String key) {
    return parsed(key, "an absolute URI", ConfigSection::absoluteUri);
  }

  default URI requiredUri(String key) {
    return uri(key).orElseThrow(() -> problem(key, "is required"));
  }

  default Optional<Path> path(String key) {
    return parsed(key, "a file path", Path::of);
  }

  default Path requiredPath(String key) {
    return path(key).orElseThrow(() -> problem(key, "is required"));
  }

  /** An ISO-8601 duration ({@code PT10M}) or a number with a unit ({@code 10m}, {@code 30s}). */
  default Optional<Duration> duration(String key) {
    return parsed(key, "a duration such as PT10M or 10m", ConfigSection::parseDuration);
  }

  default Optional<Boolean> bool(String key) {
    return parsed(key, "true or false", ConfigSection::strictBoolean);
  }

  /** An enum constant, by its name in any case, with {@code -} for {@code _}. */
  default <E extends Enum<E>> Optional<E> enumValue(String key, Class<E> type) {
    return parsed(key, "one of " + EnumSet.allOf(type), v -> constant(type, v));
  }

  /** A set of enum constants, comma-separated. */
  default <E extends Enum<E>> Optional<Set<E>> enumSet(String key, Class<E> type) {
    return list(key)
        .map(
            values -> {
              EnumSet<E> set = EnumSet.noneOf(type);
              for (String value : values) {
                try {
                  set.add(constant(type, value));
                } catch (IllegalArgumentException e) {
                  throw problem(key, "may hold only " + EnumSet.allOf(type));
                }
              }
              return Set.copyOf(set);
            });
  }

  /** A start-up error about {@code key}: {@code most.national.bg-eauth.idp-sso-url is required}. */
  default InvalidConfigurationException problem(String key, String what) {
    return new InvalidConfigurationException(keyName(key) + " " + what);
  }

  private static URI absoluteUri(String value) {
    URI uri = URI.create(value);
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("not absolute");
    }
    return uri;
  }

  private static Duration parseDuration(String value) {
    if (value.regionMatches(true, 0, "P", 0, 1)) {
      return Duration.parse(value);
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?").matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2) == null ? "s" : m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  private static Boolean strictBoolean(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String value) {
    return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
