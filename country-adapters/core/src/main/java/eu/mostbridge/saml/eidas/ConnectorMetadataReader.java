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
import org.opensaml.saml.ext.saml2mdattr.EntityAttributes;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.metadata.EncryptionMethod;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.Extensions;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.saml2.metadata.SPSSODescriptor;
import org.opensaml.security.credential.UsageType;

/**
 * Reads an eIDAS connector's (or a SAML service provider's) metadata into the {@link ConnectorPeer}
 * Most trusts, after {@link TrustedEntity}'s checks: a SAML 2.0 SPSSODescriptor, signing and
 * encryption certificates whose keys the policy accepts, at least one HTTP-POST assertion consumer
 * service, {@code eidas:NodeCountry} and {@code eidas:SPType} (from the entity's or the role's
 * Extensions; both places must agree), the protocol versions declared.
 */
public final class ConnectorMetadataReader {
  private static final String NODE_COUNTRY = "NodeCountry";
  private static final String SP_TYPE = "SPType";

  private final SamlXmlParser parser = new SamlXmlParser(1024 * 1024, 32, 20_000);

  /**
   * Reads {@code xml}.
   *
   * @param expectedEntityId the connector's configured entity ID
   * @param metadataSigner the key its metadata must be signed with; empty only when the connector
   *     is configured to accept unsigned metadata from a file (a logged relaxation)
   * @param policy the signature algorithms and key sizes accepted from this connector
   * @param validUntilRequired whether signed metadata must carry a {@code validUntil} (the eIDAS
   *     profile's rule: without one, an old signed copy, with a key since replaced, never expires)
   */
  public ConnectorPeer read(
      byte[] xml,
      String expectedEntityId,
      Optional<X509Certificate> metadataSigner,
      AlgorithmPolicy policy,
      boolean validUntilRequired,
      Instant now)
      throws MetadataException {
    EntityDescriptor entity =
        TrustedEntity.read(parser, xml, expectedEntityId, metadataSigner, policy, now);
    if (validUntilRequired && metadataSigner.isPresent() && entity.getValidUntil() == null) {
      throw new MetadataException(
          "The metadata has no validUntil, which the eIDAS profile asks for");
    }
    SPSSODescriptor sp = entity.getSPSSODescriptor(SAMLConstants.SAML20P_NS);
    if (sp == null) {
      throw new MetadataException("The metadata has no SAML 2.0 service provider role");
    }
    List<X509Certificate> signing = new ArrayList<>();
    List<ConnectorPeer.EncryptionKey> encryption = new ArrayList<>();
    for (KeyDescriptor key : sp.getKeyDescriptors()) {
      for (X509Certificate certificate : KeyDescriptors.certificates(key, policy)) {
        if (key.getUse() != UsageType.ENCRYPTION) {
          signing.add(certificate);
        }
        if (key.getUse() != UsageType.SIGNING) {
          encryption.add(
              new ConnectorPeer.EncryptionKey(
                  certificate,
                  key.getEncryptionMethods().stream()
                      .map(EncryptionMethod::getAlgorithm)
                      .toList()));
        }
      }
    }
    if (signing.isEmpty()) {
      throw new MetadataException("The metadata names no signing certificate");
    }
    List<ConnectorPeer.AssertionConsumerService> services = new ArrayList<>();
    for (org.opensaml.saml.saml2.metadata.AssertionConsumerService acs :
        sp.getAssertionConsumerServices()) {
      if (!SAMLConstants.SAML2_POST_BINDING_URI.equals(acs.getBinding())) {
        continue;
      }
      URI location;
      try {
        location = new URI(acs.getLocation());
      } catch (java.net.URISyntaxException | NullPointerException e) {
        throw new MetadataException("An assertion consumer service location is not a URL");
      }
      if (!location.isAbsolute()
          || !("https".equals(location.getScheme())
              || ("http".equals(location.getScheme()) && loopback(location.getHost())))) {
        throw new MetadataException(
            "An assertion consumer service location is not an https URL (answers are bearer"
                + " assertions; plain http only on this host, for tests)");
      }
      services.add(
          new ConnectorPeer.AssertionConsumerService(
              location,
              acs.getIndex() == null ? 0 : acs.getIndex(),
              Boolean.TRUE.equals(acs.isDefault())));
    }
    if (services.isEmpty()) {
      throw new MetadataException("The metadata has no assertion consumer service over HTTP-POST");
    }
    Optional<String> country = extension(entity.getExtensions(), sp.getExtensions(), NODE_COUNTRY);
    Optional<CountryCode> nodeCountry;
    try {
      nodeCountry = country.map(CountryCode::of);
    } catch (IllegalArgumentException e) {
      throw new MetadataException("The metadata's NodeCountry is not a country code");
    }
    Optional<String> type = extension(entity.getExtensions(), sp.getExtensions(), SP_TYPE);
    Optional<ConnectorPeer.SpType> spType = type.flatMap(ConnectorPeer.SpType::parse);
    if (type.isPresent() && spType.isEmpty()) {
      throw new MetadataException("The metadata's SPType is neither public nor private");
    }
    return new ConnectorPeer(
        entity.getEntityID(),
        nodeCountry,
        spType,
        signing,
        encryption,
        services,
        entityAttribute(entity.getExtensions(), EidasNames.PROTOCOL_VERSION_ATTRIBUTE),
        Optional.ofNullable(entity.getValidUntil()));
  }

  private static boolean loopback(String host) {
    return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
  }

  /** The text of the eIDAS extension {@code name} in either Extensions; both must agree. */
  private static Optional<String> extension(Extensions entity, Extensions role, String name)
      throws MetadataException {
    Set<String> values = new LinkedHashSet<>();
    for (Extensions extensions : new Extensions[] {entity, role}) {
      if (extensions == null) {
        continue;
      }
      for (XMLObject child : extensions.getUnknownXMLObjects()) {
        if (EidasNames.EXTENSIONS_NS.equals(child.getElementQName().getNamespaceURI())
            && name.equals(child.getElementQName().getLocalPart())) {
          values.add(text(child));
        }
      }
    }
    if (values.size() > 1) {
      throw new MetadataException("The metadata names more than one " + name);
    }
    return values.stream().findFirst();
  }

  /** The values of the entity attribute {@code name} in {@code extensions}. */
  static List<String> entityAttribute(Extensions extensions, String name) {
    List<String> values = new ArrayList<>();
    if (extensions == null) {
      return values;
    }
    for (XMLObject child : extensions.getUnknownXMLObjects()) {
      if (child instanceof EntityAttributes attributes) {
        for (Attribute attribute : attributes.getAttributes()) {
          if (name.equals(attribute.getName())) {
            attribute.getAttributeValues().forEach(value -> values.add(text(value)));
          }
        }
      }
    }
    return values;
  }

  /** An element's whole text, stripped. */
  static String text(XMLObject object) {
    return object.getDOM() == null ? "" : object.getDOM().getTextContent().strip();
  }
}
