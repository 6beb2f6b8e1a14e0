package eu.mostbridge.saml.metadata;

/** Metadata that cannot be trusted or used; the message says why. */
public final class MetadataException extends Exception {
  private static final long serialVersionUID = 1L;

  public MetadataException(String message) {
    super(message);
  }
}
