package eu.mostbridge.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The personas a simulator offers, read from a JSON file (format: docs/SIMULATORS.md). */
public final class Personas {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final List<Persona> all;

  private Personas(List<Persona> all) {
    this.all = List.copyOf(all);
  }

  /** The synthetic set shipped with the simulators. */
  public static Personas defaults() {
    try (InputStream in =
        Personas.class.getResourceAsStream(
            "/eu/mostbridge/simulator/personas/default-personas.json")) {
      return read(in);
    } catch (IOException e) {
      throw new IllegalStateException("The default personas cannot be read", e);
    }
  }

  public static Personas read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  static Personas read(InputStream in) throws IOException {
    PersonaFile file = JSON.readValue(in, PersonaFile.class);
    Set<String> ids = new HashSet<>();
    List<Persona> personas = new ArrayList<>();
    for (Persona p : file.personas()) {
      if (p.id() == null || !ids.add(p.id())) {
        throw new IOException("Persona ids must be present and unique: " + p.id());
      }
      if (p.identifier() == null
          || p.givenName() == null
          || p.familyName() == null
          || p.dateOfBirth() == null
          || p.level() == null
          || p.country() == null) {
        throw new IOException("Persona " + p.id() + " lacks a required field");
      }
      Persona.rank(p.level());
      personas.add(p);
    }
    return new Personas(personas);
  }

  /** Every persona, of every country. */
  public List<Persona> all() {
    return List.copyOf(all);
  }

  /** The personas of {@code country}. */
  public List<Persona> of(String country) {
    return all.stream().filter(p -> p.country().equals(country)).toList();
  }

  public Optional<Persona> byId(String id) {
    return all.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  private record PersonaFile(String comment, List<Persona> personas) {}
}
