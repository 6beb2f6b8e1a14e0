package eu.mostbridge.broker.national;

import eu.mostbridge.config.ConfigSection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;

/**
 * {@link ConfigSection}s over MicroProfile Config, so a national eID's keys come from
 * application.properties, {@code MOST_NATIONAL_…} environment variables or a mounted Secret alike.
 * A key set as an environment variable is found under its section by comparing names the way
 * MicroProfile maps them (upper case, every other character {@code _}).
 */
final class ConfigSections {
  private ConfigSections() {}

  static ConfigSection of(Config config, String name) {
    return new Section(config, name, java.util.concurrent.ConcurrentHashMap.newKeySet());
  }

  /**
   * The keys set under {@code section} that nothing read while its eID was built: a misspelt key,
   * or one of another binding, would otherwise be ignored without a word.
   */
  static java.util.Set<String> unread(ConfigSection section) {
    Section s = (Section) section;
    String prefix = canonical(s.name()) + "_";
    java.util.Set<String> unread = new java.util.TreeSet<>();
    for (String property : names(s.config())) {
      String canonical = canonical(property.replaceAll("\\[\\d+]$", ""));
      if (canonical.startsWith(prefix) && !s.read().contains(canonical)) {
        unread.add(property);
      }
    }
    return unread;
  }

  /** {@code most.national.bg-eauth} and {@code MOST_NATIONAL_BG_EAUTH} compare equal. */
  static String canonical(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /** Every property name set, profile prefixes already resolved by the config. */
  static List<String> names(Config config) {
    return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
        .filter(n -> !n.startsWith("%"))
        .toList();
  }

  /** {@code read} holds the canonical names of the keys read, shared with the child sections. */
  private record Section(Config config, String name, java.util.Set<String> read)
      implements ConfigSection {
    @Override
    public boolean isPresent() {
      String prefix = canonical(name) + "_";
      return names(config).stream()
          .anyMatch(n -> canonical(n).startsWith(prefix) && value(n).isPresent());
    }

    @Override
    public ConfigSection section(String child) {
      return new Section(config, keyName(child), read);
    }

    @Override
    public Optional<String> string(String key) {
      read.add(canonical(keyName(key)));
      return value(keyName(key));
    }

    @Override
    public Optional<List<String>> list(String key) {
      read.add(canonical(keyName(key)));
      return config
          .getOptionalValues(keyName(key), String.class)
          .map(values -> values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList())
          .filter(values -> !values.isEmpty());
    }

    @Override
    public Map<String, String> map(String key) {
      String prefix = canonical(keyName(key)) + "_";
      Map<String, String> children = new LinkedHashMap<>();
      for (String property : names(config)) {
        String canonical = canonical(property);
        if (canonical.startsWith(prefix)) {
          read.add(canonical);
          String child = property.substring(prefix.length()); // canonical keeps the length
          value(property).ifPresent(v -> children.put(child.toLowerCase(Locale.ROOT), v));
        }
      }
      return children;
    }

    private Optional<String> value(String property) {
      return config.getOptionalValue(property, String.class).filter(v -> !v.isBlank());
    }
  }
}
