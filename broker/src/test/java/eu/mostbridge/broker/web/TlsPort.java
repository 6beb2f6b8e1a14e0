package eu.mostbridge.broker.web;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A TLS port for the broker under test, as when Most terminates TLS itself: a self-signed key for
 * localhost made by the JDK's keytool before Quarkus starts.
 */
public class TlsPort implements QuarkusTestResourceLifecycleManager {
  static final int PORT = 8444;
  static final String PASSWORD = "test-only";

  @Override
  public Map<String, String> start() {
    try {
      Path keystore = Files.createTempDirectory("most-tls").resolve("localhost.p12");
      Process keytool =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                      "-genkeypair",
                      "-alias",
                      "localhost",
                      "-keyalg",
                      "EC",
                      "-groupname",
                      "secp256r1",
                      "-dname",
                      "CN=localhost",
                      "-ext",
                      "SAN=dns:localhost,ip:127.0.0.1",
                      "-validity",
                      "2",
                      "-storetype",
                      "PKCS12",
                      "-keystore",
                      keystore.toString(),
                      "-storepass",
                      PASSWORD))
              .redirectErrorStream(true)
              .start();
      if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool failed: "
                + new String(
                    keytool.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
      }
      return Map.of(
          "quarkus.http.ssl.certificate.key-store-file",
          keystore.toString(),
          "quarkus.http.ssl.certificate.key-store-password",
          PASSWORD,
          "quarkus.http.test-ssl-port",
          String.valueOf(PORT),
          "quarkus.http.insecure-requests",
          "enabled");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {}
}
