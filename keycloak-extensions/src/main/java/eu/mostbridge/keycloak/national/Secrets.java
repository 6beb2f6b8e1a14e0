package eu.mostbridge.keycloak.national;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/**
 * The secret settings of a provider (a keystore's password, a client secret), read through
 * Keycloak's vault when they name it ({@code ${vault.eauth-keystore}}). A secret given in plain is
 * used, with a warning: Keycloak keeps it in its database and its admin API returns it (Keycloak
 * masks only an identity provider's own {@code clientSecret}).
 */
final class Secrets {
  private static final Logger LOG = Logger.getLogger(Secrets.class);

  private Secrets() {}

  /** Whether the setting {@code name} holds a secret. */
  static boolean isSecret(String name) {
    return name.endsWith("password")
        || name.endsWith("secret")
        || name.equals(PseudonymKeys.SETTING);
  }

  /** {@code settings} with every vault reference of a secret setting replaced by its value. */
  static Map<String, String> resolve(
      String alias, Map<String, String> settings, VaultTranscriber vault) {
    Map<String, String> resolved = new HashMap<>(settings);
    settings.forEach(
        (name, value) -> {
          if (!isSecret(name) || value.isBlank()) {
            return;
          }
          if (!value.trim().startsWith("${vault.")) {
            LOG.warnf(
                "Identity provider %s keeps %s in plain in Keycloak's database; use a vault"
                    + " reference such as ${vault.%s-%s}",
                alias, name, alias, name.replace('.', '-'));
            return;
          }
          try (VaultStringSecret secret = vault.getStringSecret(value.trim())) {
            Optional<String> found = secret.get();
            if (found.isEmpty()) {
              throw new IllegalStateException(
                  "identity provider " + alias + ": " + name + " names a vault entry not found");
            }
            resolved.put(name, found.get());
          }
        });
    return Map.copyOf(resolved);
  }
}
