package eu.mostbridge.config;

/**
 * A configuration Most cannot start with; the message names the key and what is wrong, never the
 * value.
 */
public class InvalidConfigurationException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigurationException(String message) {
    super(message);
  }

  public InvalidConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
