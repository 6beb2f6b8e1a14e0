package eu.mostbridge.saml.eidas;

import eu.mostbridge.identity.CountryCode;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An eIDAS ProxyService as its signed metadata describes it, which Most (as a connector) sends
 * citizens of its country to.
 *
 * @param entityId its entity ID, the Issuer of its Responses
 * @param nodeCountry its {@code eidas:NodeCountry}: the only country whose citizens it answers for
 * @param singleSignOnPost its SSO service over HTTP-POST, if published
 * @param singleSignOnRedirect its SSO service over HTTP-Redirect, if published
 * @param signingCertificates the certificates whose keys sign its Responses
 * @param protocolVersions the eIDAS protocol versions it declares (empty when none)
 * @param levels the levels of assurance it publishes ({@code assurance-certification})
 * @param requesterIdFlag whether it publishes the RequesterID entity category, asking connectors to
 *     name the relying party in {@code Scoping/RequesterID}
 * @param validUntil the metadata's {@code validUntil}
 */
public record ProxyServicePeer(
    String entityId,
    CountryCode nodeCountry,
    Optional<URI> singleSignOnPost,
    Optional<URI> singleSignOnRedirect,
    List<X509Certificate> signingCertificates,
    List<String> protocolVersions,
    List<EidasLevel> levels,
    boolean requesterIdFlag,
    Optional<Instant> validUntil) {
  public ProxyServicePeer {
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(nodeCountry, "nodeCountry");
    Objects.requireNonNull(singleSignOnPost, "singleSignOnPost");
    Objects.requireNonNull(singleSignOnRedirect, "singleSignOnRedirect");
    signingCertificates = List.copyOf(signingCertificates);
    protocolVersions = List.copyOf(protocolVersions);
    levels = List.copyOf(levels);
    Objects.requireNonNull(validUntil, "validUntil");
  }

  /**
   * Whether it may still transport keys with {@code rsa-oaep-mgf1p}: the EU node allows it only to
   * a ProxyService whose highest declared protocol version is below 1.4; one declaring 1.4, or
   * nothing, never.
   */
  public boolean allowsMgf1pKeyTransport() {
    return !protocolVersions.isEmpty()
        && protocolVersions.stream()
            .allMatch(v -> compareVersions(v, EidasNames.PROTOCOL_VERSION) < 0);
  }

  static int compareVersions(String a, String b) {
    String[] left = a.split("\\.", -1);
    String[] right = b.split("\\.", -1);
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      int l = i < left.length ? number(left[i]) : 0;
      int r = i < right.length ? number(right[i]) : 0;
      if (l != r) {
        return Integer.compare(l, r);
      }
    }
    return 0;
  }

  private static int number(String part) {
    try {
      return Integer.parseInt(part.strip());
    } catch (NumberFormatException e) {
      // An unreadable version is read as a high one: it never opens a legacy algorithm.
      return Integer.MAX_VALUE;
    }
  }
}
