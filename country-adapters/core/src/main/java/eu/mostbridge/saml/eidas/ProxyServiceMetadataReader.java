package eu.mostbridge.saml.eidas;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.SamlXmlParser;
import eu.mostbridge.saml.metadata.KeyDescriptors;
import eu.mostbridge.saml.metadata.MetadataException;
import eu.mostbridge.saml.metadata.TrustedEntity;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.Extensions;
import org.opensaml.saml.saml2.metadata.IDPSSODescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.SingleSignOnService;
import org.opensaml.security.credential.UsageType;

/**
 * Reads an eIDAS ProxyService's metadata into the {@link ProxyServicePeer} Most trusts, after
 * {@link TrustedEntity}'s checks (one EntityDescriptor for the configured entity ID, signed by the
 * configured trust anchor, itself or as part of a signed metadata aggregate, within its {@code
 * validUntil}, which the profile requires): a SAML 2.0 IDPSSODescriptor that wants signed requests,
 * signing certificates whose keys the policy accepts, an SSO service over HTTP-POST or
 * HTTP-Redirect at an https URL, {@code eidas:NodeCountry} equal to the country it is configured
 * for, and the levels it publishes.
 */
public final class ProxyServiceMetadataReader {
  private final SamlXmlParser parser = new SamlXmlParser(1024 * 1024, 32, 20_000);

  /**
   * Reads {@code xml}.
   *
   * @param expectedEntityId the ProxyService's configured entity ID
   * @param country the country it is configured to answer for
   * @param trustAnchor the certificate its metadata, or the aggregate holding it, must be signed
   *     with
   * @param policy the signature algorithms and key sizes accepted from it
   */
  public ProxyServicePeer read(
      byte[] xml,
      String expectedEntityId,
      CountryCode country,
      X509Certificate trustAnchor,
      AlgorithmPolicy policy,
      Instant now)
      throws MetadataException {
    EntityDescriptor entity =
        TrustedEntity.readEntityOrAggregate(
            parser, xml, expectedEntityId, trustAnchor, policy, now);
    if (entity.getValidUntil() == null) {
      throw new MetadataException(
          "The metadata has no validUntil, which the eIDAS profile asks for");
    }
    IDPSSODescriptor idp = entity.getIDPSSODescriptor(SAMLConstants.SAML20P_NS);
    if (idp == null) {
      throw new MetadataException("The metadata has no SAML 2.0 identity provider role");
    }
    if (!Boolean.TRUE.equals(idp.getWantAuthnRequestsSigned())) {
      throw new MetadataException(
          "The identity provider does not want signed requests (WantAuthnRequestsSigned)");
    }
    List<X509Certificate> signing = new ArrayList<>();
    for (KeyDescriptor key : idp.getKeyDescriptors()) {
      if (key.getUse() != UsageType.ENCRYPTION) {
        signing.addAll(KeyDescriptors.certificates(key, policy));
      }
    }
    if (signing.isEmpty()) {
      throw new MetadataException("The metadata names no signing certificate");
    }
    Optional<URI> post = Optional.empty();
    Optional<URI> redirect = Optional.empty();
    for (SingleSignOnService sso : idp.getSingleSignOnServices()) {
      if (SAMLConstants.SAML2_POST_BINDING_URI.equals(sso.getBinding()) && post.isEmpty()) {
        post = Optional.of(https(sso.getLocation()));
      } else if (SAMLConstants.SAML2_REDIRECT_BINDING_URI.equals(sso.getBinding())
          && redirect.isEmpty()) {
        redirect = Optional.of(https(sso.getLocation()));
      }
    }
    if (post.isEmpty() && redirect.isEmpty()) {
      throw new MetadataException(
          "The metadata has no single sign-on service over HTTP-POST or HTTP-Redirect");
    }
    Set<String> countries = new LinkedHashSet<>();
    for (Extensions extensions : new Extensions[] {entity.getExtensions(), idp.getExtensions()}) {
      if (extensions == null) {
        continue;
      }
      for (XMLObject child : extensions.getUnknownXMLObjects()) {
        if (EidasNames.EXTENSIONS_NS.equals(child.getElementQName().getNamespaceURI())
            && "NodeCountry".equals(child.getElementQName().getLocalPart())) {
          countries.add(text(child));
        }
      }
    }
    if (countries.size() != 1) {
      throw new MetadataException(
          "The metadata must name exactly one eidas:NodeCountry, it names " + countries.size());
    }
    CountryCode nodeCountry;
    try {
      nodeCountry = CountryCode.of(countries.iterator().next());
    } catch (IllegalArgumentException e) {
      throw new MetadataException("The metadata's NodeCountry is not a country code");
    }
    if (!nodeCountry.equals(country)) {
      throw new MetadataException(
          "The metadata's NodeCountry is " + nodeCountry + ", not the country " + country);
    }
    List<EidasLevel> levels = new ArrayList<>();
    for (String uri : entityAttribute(entity, EidasNames.ASSURANCE_CERTIFICATION_ATTRIBUTE)) {
      EidasLevel.parse(uri).ifPresent(levels::add);
    }
    if (levels.isEmpty()) {
      throw new MetadataException(
          "The metadata publishes no eIDAS level of assurance (assurance-certification)");
    }
    return new ProxyServicePeer(
        entity.getEntityID(),
        nodeCountry,
        post,
        redirect,
        signing,
        entityAttribute(entity, EidasNames.PROTOCOL_VERSION_ATTRIBUTE),
        levels,
        entityAttribute(entity, EidasNames.ENTITY_CATEGORY_ATTRIBUTE)
            .contains(EidasNames.REQUESTER_ID_CATEGORY),
        Optional.of(entity.getValidUntil()));
  }

  private static URI https(String location) throws MetadataException {
    URI uri;
    try {
      uri = new URI(location);
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new MetadataException("A single sign-on service location is not a URL");
    }
    boolean loopback =
        "localhost".equals(uri.getHost())
            || "127.0.0.1".equals(uri.getHost())
            || "[::1]".equals(uri.getHost());
    if (!uri.isAbsolute()
        || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
      throw new MetadataException(
          "A single sign-on service location is not an https URL (plain http only on this host,"
              + " for tests)");
    }
    return uri;
  }

  private static List<String> entityAttribute(EntityDescriptor entity, String name) {
    return ConnectorMetadataReader.entityAttribute(entity.getExtensions(), name);
  }

  private static String text(XMLObject object) {
    return ConnectorMetadataReader.text(object);
  }
}
