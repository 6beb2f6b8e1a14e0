package eu.mostbridge.saml;

/** A SAML message that cannot be accepted as XML at all: too big, too deep, DOCTYPE, unparsable. */
public final class MalformedSamlException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedSamlException(String message) {
    super(message);
  }

  public MalformedSamlException(String message, Throwable cause) {
    super(message, cause);
  }
}
