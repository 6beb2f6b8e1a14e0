package eu.mostbridge.broker.client;

import eu.mostbridge.broker.config.BrokerConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The relying parties, read once at start-up; an unreadable or invalid file stops start-up. */
@ApplicationScoped
@Startup
public class ClientRegistry {
  private final Map<String, ClientRegistration> clients = new LinkedHashMap<>();

  @Inject
  public ClientRegistry(BrokerConfig config) {
    String text;
    try {
      text = Files.readString(config.clientsFile());
    } catch (IOException e) {
      throw new IllegalStateException(
          "most.clients-file " + config.clientsFile() + " cannot be read", e);
    }
    try {
      for (ClientRegistration client : ClientFile.parse(text)) {
        clients.put(client.id(), client);
      }
    } catch (InvalidClientFileException e) {
      throw new IllegalStateException(config.clientsFile() + ": " + e.getMessage(), e);
    }
  }

  private ClientRegistry(List<ClientRegistration> registrations) {
    registrations.forEach(client -> clients.put(client.id(), client));
  }

  /** A registry of already validated clients (tests, tools). */
  public static ClientRegistry of(List<ClientRegistration> registrations) {
    return new ClientRegistry(registrations);
  }

  public Optional<ClientRegistration> find(String clientId) {
    return Optional.ofNullable(clients.get(clientId));
  }

  public List<ClientRegistration> all() {
    return List.copyOf(clients.values());
  }
}
