package eu.mostbridge.simulator.eauth;

/** The simulator will not serve this request; the message is shown on its error page. */
final class RequestRefused extends Exception {
  private static final long serialVersionUID = 1L;

  RequestRefused(String message) {
    super(message);
  }

  RequestRefused(String message, Throwable cause) {
    super(message, cause);
  }
}
