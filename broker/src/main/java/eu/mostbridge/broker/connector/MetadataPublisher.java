package eu.mostbridge.broker.connector;

import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Organization and ContactPersons of every eIDAS metadata Most publishes (its identity
 * providers' and its connector's), from {@code most.eidas.publisher}: the profile asks for a
 * support and a technical contact.
 */
public final class MetadataPublisher {
  private MetadataPublisher() {}

  /**
   * Who runs Most, from {@code most.eidas.publisher}.
   *
   * @throws IllegalStateException naming every missing key
   */
  public static ProxyServiceIdentity.Publisher of(EidasConfig config, IssuerUrl issuer) {
    EidasConfig.Publisher publisher = config.publisher();
    List<String> missing = new ArrayList<>();
    if (publisher.organizationName().isEmpty()) {
      missing.add("most.eidas.publisher.organization-name");
    }
    if (publisher.supportEmail().isEmpty()) {
      missing.add("most.eidas.publisher.support-email");
    }
    if (publisher.technicalEmail().isEmpty()) {
      missing.add("most.eidas.publisher.technical-email");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The eIDAS metadata names who runs it; missing: " + String.join(", ", missing));
    }
    String name = publisher.organizationName().get();
    return new ProxyServiceIdentity.Publisher(
        name,
        publisher.displayName().orElse(name),
        publisher.url().orElse(URI.create(issuer.base() + "/")),
        List.of(
            new ProxyServiceIdentity.Contact(
                ProxyServiceIdentity.Contact.Type.SUPPORT,
                Optional.of(name),
                publisher.supportEmail().get()),
            new ProxyServiceIdentity.Contact(
                ProxyServiceIdentity.Contact.Type.TECHNICAL,
                Optional.of(name),
                publisher.technicalEmail().get())));
  }
}
