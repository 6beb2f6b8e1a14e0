package eu.mostbridge.keycloak.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The real Keycloak distribution, unpacked by the build, with the extension installed as an
 * operator installs it: the jar and the libraries of {@code target/providers} in its {@code
 * providers/} folder; started in development mode on a fresh database.
 */
final class KeycloakServer {
  private KeycloakServer() {}

  /**
   * Starts Keycloak on {@code port}, its output in {@code log}, with {@code options} besides; the
   * caller waits for it.
   */
  static Process start(int port, Path log, String... options) throws IOException {
    Path home = Path.of(System.getProperty("most.keycloak.home"));
    deleteTree(home.resolve("data")); // a fresh development database every run
    Path providers = home.resolve("providers");
    Path jar = Path.of(System.getProperty("most.extension.jar"));
    Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    try (DirectoryStream<Path> libraries =
        Files.newDirectoryStream(Path.of(System.getProperty("most.extension.libraries")))) {
      for (Path library : libraries) {
        Files.copy(
            library, providers.resolve(library.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    home.resolve("bin/kc.sh").toFile().setExecutable(true);
    java.util.List<String> command =
        new java.util.ArrayList<>(
            java.util.List.of(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + port,
                "--hostname-strict=false"));
    command.addAll(java.util.List.of(options));
    ProcessBuilder kc =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    kc.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    kc.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
    kc.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return kc.start();
  }

  /** Stops {@code process} and its children, and waits, so the next test class finds it gone. */
  static void stop(Process process) {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      for (ProcessHandle child : process.descendants().toList()) {
        child.onExit().get(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // stopped as far as it would
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (var paths = Files.walk(root)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}
