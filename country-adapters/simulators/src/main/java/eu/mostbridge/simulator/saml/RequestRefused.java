package eu.mostbridge.simulator.saml;

/** The simulator will not serve this request; the message is shown on its error page. */
public final class RequestRefused extends Exception {
  private static final long serialVersionUID = 1L;

  public RequestRefused(String message) {
    super(message);
  }

  public RequestRefused(String message, Throwable cause) {
    super(message, cause);
  }
}
