package eu.mostbridge.broker.client;

import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.country.NationalEidRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
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
  public ClientRegistry(
      BrokerConfig config, Instance<BuiltInClients> builtIn, NationalEidRegistry countries) {
    builtIn.forEach(source -> source.clients().forEach(this::add));
    if (config.clientsFile().isEmpty()) {
      return; // ProductionReadiness refuses to start without clients outside the demo
    }
    java.nio.file.Path file = config.clientsFile().get();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException("most.clients-file " + file + " cannot be read", e);
    }
    try {
      ClientFile.parse(text, config.signing().defaultAlgorithm(), countries.countries())
          .forEach(this::add);
    } catch (InvalidClientFileException e) {
      throw new IllegalStateException(file + ": " + e.getMessage(), e);
    }
  }

  private void add(ClientRegistration client) {
    if (clients.putIfAbsent(client.id(), client) != null) {
      throw new IllegalStateException("The client id " + client.id() + " is registered twice");
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
