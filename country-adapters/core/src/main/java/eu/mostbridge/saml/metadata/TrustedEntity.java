package eu.mostbridge.saml.metadata;

import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.MalformedSamlException;
import eu.mostbridge.saml.SamlXmlParser;
import eu.mostbridge.saml.XmlSignatures;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.saml.saml2.metadata.EntitiesDescriptor;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * The checks every peer's metadata passes before anything in it is read: hardened XML holding one
 * EntityDescriptor for the configured entity ID, within its {@code validUntil}, signed by the
 * configured metadata key with an algorithm the policy accepts (unless the peer is configured to
 * accept unsigned metadata, a logged relaxation).
 */
public final class TrustedEntity {
  private TrustedEntity() {}

  /** The EntityDescriptor of {@code xml}, once every check above passed. */
  public static EntityDescriptor read(
      SamlXmlParser parser,
      byte[] xml,
      String expectedEntityId,
      Optional<X509Certificate> metadataSigner,
      AlgorithmPolicy signatures,
      Instant now)
      throws MetadataException {
    if (!(parsed(parser, xml) instanceof EntityDescriptor entity)) {
      throw new MetadataException("The metadata is not a single EntityDescriptor");
    }
    return trusted(entity, expectedEntityId, metadataSigner, signatures, now);
  }

  private static XMLObject parsed(SamlXmlParser parser, byte[] xml) throws MetadataException {
    try {
      return SamlXmlParser.unmarshal(parser.parse(xml).getDocumentElement());
    } catch (MalformedSamlException e) {
      throw new MetadataException("The metadata is not acceptable XML: " + e.getMessage());
    }
  }

  /** The checks of {@link #read} once the EntityDescriptor is parsed. */
  private static EntityDescriptor trusted(
      EntityDescriptor entity,
      String expectedEntityId,
      Optional<X509Certificate> metadataSigner,
      AlgorithmPolicy signatures,
      Instant now)
      throws MetadataException {
    if (!expectedEntityId.equals(entity.getEntityID())) {
      throw new MetadataException("The metadata describes another entity than " + expectedEntityId);
    }
    if (entity.getValidUntil() != null && !now.isBefore(entity.getValidUntil())) {
      throw new MetadataException("The metadata expired at " + entity.getValidUntil());
    }
    if (metadataSigner.isPresent()) {
      if (!entity.isSigned()) {
        throw new MetadataException("The metadata is not signed");
      }
      try {
        XmlSignatures.verify(
            entity.getSignature(),
            "metadata",
            signatures,
            List.of(new BasicX509Credential(metadataSigner.get())),
            expectedEntityId);
      } catch (XmlSignatures.Refused e) {
        throw new MetadataException(e.getMessage());
      }
    }
    return entity;
  }

  /**
   * As {@link #read}, but {@code xml} may also be a metadata aggregate (an EntitiesDescriptor, as
   * the eIDAS network's metadata lists are) signed as a whole by {@code metadataSigner}, holding
   * the EntityDescriptor of {@code expectedEntityId}: the aggregate's signature then vouches for
   * it, and the earlier of the two {@code validUntil} bounds it.
   */
  public static EntityDescriptor readEntityOrAggregate(
      SamlXmlParser parser,
      byte[] xml,
      String expectedEntityId,
      X509Certificate metadataSigner,
      AlgorithmPolicy signatures,
      Instant now)
      throws MetadataException {
    XMLObject object = parsed(parser, xml);
    if (object instanceof EntityDescriptor entity) {
      return trusted(entity, expectedEntityId, Optional.of(metadataSigner), signatures, now);
    }
    if (!(object instanceof EntitiesDescriptor aggregate)) {
      throw new MetadataException("The metadata is neither an EntityDescriptor nor an aggregate");
    }
    if (aggregate.getValidUntil() != null && !now.isBefore(aggregate.getValidUntil())) {
      throw new MetadataException("The metadata aggregate expired at " + aggregate.getValidUntil());
    }
    if (!aggregate.isSigned()) {
      throw new MetadataException("The metadata aggregate is not signed");
    }
    try {
      XmlSignatures.verify(
          aggregate.getSignature(),
          "metadata aggregate",
          signatures,
          List.of(new BasicX509Credential(metadataSigner)),
          expectedEntityId);
    } catch (XmlSignatures.Refused e) {
      throw new MetadataException(e.getMessage());
    }
    List<EntityDescriptor> found = new java.util.ArrayList<>();
    collect(aggregate, expectedEntityId, found, 0);
    if (found.size() != 1) {
      throw new MetadataException(
          "The metadata aggregate holds "
              + found.size()
              + " EntityDescriptors for "
              + expectedEntityId
              + ", not one");
    }
    EntityDescriptor entity = found.get(0);
    if (entity.getValidUntil() != null && !now.isBefore(entity.getValidUntil())) {
      throw new MetadataException("The metadata expired at " + entity.getValidUntil());
    }
    if (entity.getValidUntil() == null
        || (aggregate.getValidUntil() != null
            && aggregate.getValidUntil().isBefore(entity.getValidUntil()))) {
      entity.setValidUntil(aggregate.getValidUntil());
    }
    return entity;
  }

  /** Aggregates nest; a few levels are plenty. */
  private static void collect(
      EntitiesDescriptor aggregate, String entityId, List<EntityDescriptor> into, int depth)
      throws MetadataException {
    if (depth > 4) {
      throw new MetadataException("The metadata aggregate is nested too deeply");
    }
    for (EntityDescriptor entity : aggregate.getEntityDescriptors()) {
      if (entityId.equals(entity.getEntityID())) {
        into.add(entity);
      }
    }
    for (EntitiesDescriptor nested : aggregate.getEntitiesDescriptors()) {
      collect(nested, entityId, into, depth + 1);
    }
  }
}
