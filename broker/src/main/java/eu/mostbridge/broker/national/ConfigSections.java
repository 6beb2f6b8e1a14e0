package eu.mostbridge.broker.national;

import eu.mostbridge.config.ConfigSection;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;

/**
 * {@link ConfigSection}s over MicroProfile Config, so a national eID's keys come from
 * application.properties, {@code MOST_NATIONAL_…} environment variables or a mounted Secret alike,
 * and durations are converted as every other one is ({@code PT10M}, {@code 10m} or {@code 1h30m});
 * booleans are {@code true} or {@code false} only, as a misspelt {@code fasle} must not relax
 * anything. A key is matched exactly as written ({@code most.national.bg-eauth. relaxations}); only
 * a name in the environment's form ({@code MOST_NATIONAL_BG_EAUTH_RELAXATIONS}) is compared the way
 * MicroProfile maps it, so {@code Relaxations} or {@code token_shape} is a key nobody reads, and is
 * refused as such.
 */
final class ConfigSections {
  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Z0-9_]+");
  private static final Pattern LIST_INDEX = Pattern.compile("\\[\\d+]$");

  /** A list item as the environment writes it: {@code …_PLACEHOLDER_NAMES_0_}. */
  private static final Pattern ENVIRONMENT_LIST_INDEX = Pattern.compile("(\\[\\d+]|_\\d+_)$");

  private ConfigSections() {}

  static ConfigSection of(Config config, String name) {
    return new Section(config, name, ConcurrentHashMap.newKeySet());
  }

  /**
   * {@code most.national.bg-eauth} as the environment writes it: {@code MOST_NATIONAL_BG_EAUTH}.
   */
  static String canonical(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /**
   * A property name as the config lists it; {@code environment} when an environment variable sets
   * it, whose name the config may list as written ({@code MOST_NATIONAL_BG_EAUTH_IDP_SSO_URL}) or
   * mapped ({@code most.national.bg.eauth.idp.sso.url}): such a name is compared in its canonical
   * form, every other one exactly.
   */
  record Name(String name, boolean environment) {
    private String key() {
      return (environment ? ENVIRONMENT_LIST_INDEX : LIST_INDEX).matcher(name).replaceAll("");
    }

    /** Whether this names a key under {@code section}. */
    boolean isUnder(String section) {
      return environment
          ? canonical(key()).startsWith(canonical(section) + "_")
          : key().startsWith(section + ".");
    }

    /** Whether this is the key {@code key} (a whole dotted name). */
    boolean is(String key) {
      return environment ? canonical(key()).equals(canonical(key)) : key().equals(key);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Every property name under {@code most.national} set to a value that is not blank, profile
   * prefixes already resolved by the config (names of inactive profiles keep their {@code %} and
   * are left out).
   */
  static List<Name> names(Config config) {
    return names(config, ConfiguredNationalEids.PREFIX);
  }

  /** As {@link #names(Config)}, for the names under {@code section}. */
  static List<Name> names(Config config, String section) {
    SmallRyeConfig smallRye = config.unwrap(SmallRyeConfig.class);
    return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
        .filter(n -> !n.startsWith("%"))
        .map(
            n -> new Name(n, ENVIRONMENT_NAME.matcher(n).matches() || fromEnvironment(smallRye, n)))
        .filter(n -> n.isUnder(section))
        .filter(
            n ->
                config
                    .getOptionalValue(n.name(), String.class)
                    .filter(v -> !v.isBlank())
                    .isPresent())
        .toList();
  }

  /**
   * Whether the value of {@code name} comes from the environment, profile-prefixed ({@code
   * _PROD_MOST_NATIONAL_…}) or not: the config lists such a variable under a name it mapped.
   */
  private static boolean fromEnvironment(SmallRyeConfig config, String name) {
    String source = config.getConfigValue(name).getConfigSourceName();
    return source != null && source.startsWith(EnvConfigSource.NAME);
  }

  /**
   * The keys set under {@code section} that nothing read while its eID was built: a misspelt key,
   * or one of the binding not chosen, would otherwise be ignored without a word.
   */
  static Set<String> unread(ConfigSection section) {
    Section s = (Section) section;
    Set<String> unread = new TreeSet<>();
    for (Name property : names(s.config(), s.name())) {
      if (property.isUnder(s.name()) && s.read().stream().noneMatch(property::is)) {
        unread.add(property.name());
      }
    }
    return unread;
  }

  /** {@code read} holds the whole names of the keys read, shared with the child sections. */
  private record Section(Config config, String name, Set<String> read) implements ConfigSection {
    @Override
    public boolean isPresent() {
      return !names(config, name).isEmpty();
    }

    @Override
    public ConfigSection section(String child) {
      return new Section(config, keyName(child), read);
    }

    @Override
    public Optional<String> string(String key) {
      read.add(keyName(key));
      return config.getOptionalValue(keyName(key), String.class).filter(v -> !v.isBlank());
    }

    @Override
    public Optional<List<String>> list(String key) {
      read.add(keyName(key));
      return config
          .getOptionalValues(keyName(key), String.class)
          .map(values -> values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList())
          .filter(values -> !values.isEmpty());
    }

    @Override
    public Map<String, String> map(String key) {
      String parent = keyName(key);
      Set<String> children = new LinkedHashSet<>();
      for (Name property : names(config, parent)) {
        if (property.isUnder(parent)) {
          String child = property.key().substring(parent.length() + 1);
          children.add(property.environment() ? child.toLowerCase(Locale.ROOT) : child);
        }
      }
      // Each child resolved once, by its dotted name: the config's own order of sources decides.
      Map<String, String> values = new LinkedHashMap<>();
      children.forEach(child -> string(key + "." + child).ifPresent(v -> values.put(child, v)));
      return values;
    }

    @Override
    public Optional<Duration> duration(String key) {
      return converted(key, Duration.class, "a duration such as PT10M, 10m or 1h30m");
    }

    /** The value converted as MicroProfile converts every other setting of that type. */
    private <T> Optional<T> converted(String key, Class<T> type, String expected) {
      if (string(key).isEmpty()) {
        return Optional.empty();
      }
      try {
        return config.getOptionalValue(keyName(key), type);
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        // The converter's message repeats the value, which may be a secret: ours names the key.
        throw problem(key, "must be " + expected);
      }
    }
  }
}
