package eu.mostbridge.broker.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What production runs (the packaged broker, as the container image copies it) carries no simulator
 * and no demo: the demo is a separate artifact ({@code demo/}), so no setting can mount a national
 * eID that logs anyone in as anyone.
 */
class ProductionJarIT {
  private static final Path APP = Path.of("target", "quarkus-app");

  /** Class-file prefixes that only the demo artifact may hold. */
  private static final List<String> DEMO_ONLY =
      List.of("eu/mostbridge/simulator/", "eu/mostbridge/demo/");

  @Test
  void thePackagedBrokerHoldsNoSimulatorAndNoDemo() throws IOException {
    assertThat(APP.resolve("quarkus-run.jar")).exists();
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(APP)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
        if (file.getFileName().toString().contains("simulator")) {
          found.add(file.toString());
        }
        try (JarFile jar = new JarFile(file.toFile())) {
          jar.stream()
              .map(entry -> entry.getName())
              .filter(name -> DEMO_ONLY.stream().anyMatch(name::startsWith))
              .filter(name -> name.endsWith(".class"))
              .forEach(name -> found.add(file.getFileName() + "!" + name));
        }
      }
    }
    try (Stream<Path> files = Files.walk(APP)) {
      files
          .filter(f -> f.toString().contains("templates/demo/"))
          .forEach(f -> found.add(f.toString()));
    }
    assertThat(found).as("demo or simulator code in the production package").isEmpty();
  }
}
