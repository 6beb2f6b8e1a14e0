package eu.mostbridge.broker.authorize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pushed authorization requests (RFC 9126), kept until their single use. */
public interface PushedRequests {
  /** What a client pushed: its id and the request's parameters. */
  record Pushed(String clientId, Map<String, List<String>> parameters) {
    public Pushed {
      parameters = Map.copyOf(parameters);
    }
  }

  /** Stores {@code pushed} under {@code requestUri} for {@code lifetime}. */
  void push(String requestUri, Pushed pushed, Duration lifetime);

  /** Removes and returns the request: a request URI is used once. */
  Optional<Pushed> take(String requestUri);
}
