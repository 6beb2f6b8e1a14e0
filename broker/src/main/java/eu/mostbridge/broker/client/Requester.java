package eu.mostbridge.broker.client;

/**
 * Who asks for a login, as the citizen's pages, the audit and the metrics name it: a relying party
 * registered as an OpenID Connect client, or any other front's registered requester. What it may
 * receive follows from its {@link IdentifierPolicy}.
 */
public interface Requester {
  /** Its stable id: in audit events and metrics. */
  String id();

  /** Its display name in {@code language} (bg, mk, en), English when that is missing. */
  String name(String language);

  /** Whether it receives national numbers or pseudonyms. */
  IdentifierPolicy identifierPolicy();

  /**
   * Whose pseudonyms it receives: empty for the one pseudonym every OpenID Connect relying party
   * shares, or an audience (an eIDAS connector's entity ID) with pseudonyms of its own.
   */
  default java.util.Optional<String> pseudonymAudience() {
    return java.util.Optional.empty();
  }

  /**
   * Whom its pseudonyms are made for, named for the citizen in {@code language}, when they are its
   * own (an eIDAS connector's, shared by the services behind it); empty when it receives the
   * pseudonym every OpenID Connect relying party receives.
   */
  default java.util.Optional<String> pseudonymHolder(String language) {
    return java.util.Optional.empty();
  }

  /**
   * The destination in the person identifiers it receives, when it is not the country Most bridges
   * to (an eIDAS connector's NodeCountry).
   */
  default java.util.Optional<eu.mostbridge.identity.CountryCode> destination() {
    return java.util.Optional.empty();
  }
}
