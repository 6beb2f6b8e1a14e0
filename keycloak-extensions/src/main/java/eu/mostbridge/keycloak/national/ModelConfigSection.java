package eu.mostbridge.keycloak.national;

import eu.mostbridge.config.ConfigSection;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An identity provider's settings as the section a national eID's factory reads: the key {@code
 * idp-sso-url} of the section is the provider's setting {@code idp-sso-url}, a child section's key
 * {@code saml.idp-sso-url}. Messages name the provider by its alias, never a value.
 */
final class ModelConfigSection implements ConfigSection {
  private final String name;
  private final String prefix;
  private final Map<String, String> values;

  private ModelConfigSection(String name, String prefix, Map<String, String> values) {
    this.name = name;
    this.prefix = prefix;
    this.values = values;
  }

  /** The settings of the provider {@code alias}. */
  static ModelConfigSection of(String alias, Map<String, String> config) {
    return new ModelConfigSection(
        "identity provider " + alias + ":", "", Map.copyOf(new TreeMap<>(config)));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String keyName(String key) {
    return name + " " + prefix + key;
  }

  @Override
  public boolean isPresent() {
    return values.keySet().stream().anyMatch(k -> k.startsWith(prefix) && !blank(values.get(k)));
  }

  @Override
  public ConfigSection section(String child) {
    return new ModelConfigSection(name, prefix + child + ".", values);
  }

  @Override
  public Optional<String> string(String key) {
    String value = values.get(prefix + key);
    return blank(value) ? Optional.empty() : Optional.of(value.trim());
  }

  /**
   * Comma-separated, or one value per line (the admin console's multi-valued settings keep theirs
   * separated by {@code ##}).
   */
  @Override
  public Optional<List<String>> list(String key) {
    return string(key)
        .map(
            value ->
                Arrays.stream(value.split("##|,|\\R"))
                    .map(String::trim)
                    .filter(v -> !v.isEmpty())
                    .toList())
        .filter(list -> !list.isEmpty());
  }

  @Override
  public Map<String, String> map(String key) {
    String start = prefix + key + ".";
    Map<String, String> found = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(start) && !blank(v)) {
            found.put(k.substring(start.length()), v.trim());
          }
        });
    return found;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
