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
    EntityDescriptor entity;
    try {
      XMLObject object = SamlXmlParser.unmarshal(parser.parse(xml).getDocumentElement());
      if (!(object instanceof EntityDescriptor descriptor)) {
        throw new MetadataException("The metadata is not a single EntityDescriptor");
      }
      entity = descriptor;
    } catch (MalformedSamlException e) {
      throw new MetadataException("The metadata is not acceptable XML: " + e.getMessage());
    }
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
    XMLObject object;
    try {
      object = SamlXmlParser.unmarshal(parser.parse(xml).getDocumentElement());
    } catch (MalformedSamlException e) {
      throw new MetadataException("The metadata is not acceptable XML: " + e.getMessage());
    }
    if (!(object instanceof EntitiesDescriptor aggregate)) {
      return read(parser, xml, expectedEntityId, Optional.of(metadataSigner), signatures, now);
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
