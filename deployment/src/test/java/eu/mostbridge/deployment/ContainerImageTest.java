package eu.mostbridge.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles, read as text (no Docker engine here): maintained JRE 21+ base, a non-root user,
 * and the Keycloak image at the version the extensions are built and tested against.
 */
class ContainerImageTest {
  private static final Path REPOSITORY = Path.of(System.getProperty("most.repository"));
  private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");
  private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)");

  private static List<String> all(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void theBrokerRunsAsNonRootOnAMaintainedJava21Runtime() throws IOException {
    String dockerfile = Files.readString(REPOSITORY.resolve("broker/src/main/docker/Dockerfile"));
    List<String> bases = all(FROM, dockerfile);
    assertThat(bases).hasSize(1);
    Matcher java = Pattern.compile("openjdk-(\\d+)-runtime:[0-9.]+$").matcher(bases.get(0));
    assertThat(java.find()).as(bases.get(0)).isTrue();
    assertThat(Integer.parseInt(java.group(1))).isGreaterThanOrEqualTo(21);
    assertThat(bases.get(0)).startsWith("registry.access.redhat.com/ubi9/");
    List<String> users = all(USER, dockerfile);
    assertThat(users).isNotEmpty();
    assertThat(users.get(users.size() - 1)).matches("[1-9][0-9]*");
    assertThat(dockerfile).contains("COPY --chown=185 target/quarkus-app/lib/");
  }

  @Test
  void theValidatorRunsAsNonRootOnTheBrokersRuntimeWithItsDemo() throws IOException {
    String broker = Files.readString(REPOSITORY.resolve("broker/src/main/docker/Dockerfile"));
    String dockerfile =
        Files.readString(REPOSITORY.resolve("trust-services/src/main/docker/Dockerfile"));
    assertThat(all(FROM, dockerfile)).isEqualTo(all(FROM, broker));
    List<String> users = all(USER, dockerfile);
    assertThat(users.get(users.size() - 1)).matches("[1-9][0-9]*");
    // The demo profile reads trust-services/demo/ from the working directory.
    assertThat(dockerfile)
        .contains("COPY --chown=185 demo/ /deployments/trust-services/demo/")
        .contains("WORKDIR /deployments");
    assertThat(
            Files.readString(
                REPOSITORY.resolve("trust-services/src/main/resources/application.properties")))
        .contains("%demo.most.trust.fixtures=trust-services/demo/fixtures");
  }

  @Test
  void keycloakImageMatchesTheTestedKeycloakAndRunsAsNonRoot() throws IOException {
    String dockerfile =
        Files.readString(REPOSITORY.resolve("keycloak-extensions/src/main/docker/Dockerfile"));
    assertThat(all(FROM, dockerfile))
        .allMatch(
            from ->
                from.equals("quay.io/keycloak/keycloak:" + System.getProperty("keycloak.version")));
    List<String> users = all(USER, dockerfile);
    assertThat(users.get(users.size() - 1)).matches("[1-9][0-9]*");
    assertThat(dockerfile).contains("kc.sh build");
    // The direct national-eID providers load the adapters' classes when Keycloak builds.
    assertThat(dockerfile.indexOf("COPY target/providers/*.jar /opt/keycloak/providers/"))
        .isPositive()
        .isLessThan(dockerfile.indexOf("RUN /opt/keycloak/bin/kc.sh build"));
    // The database vendor is built in; the chart's default must be the one built.
    String values = Files.readString(REPOSITORY.resolve("helm/most/values.yaml"));
    Matcher built = Pattern.compile("ARG KC_DB=(\\w+)").matcher(dockerfile);
    assertThat(built.find()).isTrue();
    assertThat(values).contains("vendor: " + built.group(1));
  }

  @Test
  void helmChartUsesTheImagesUserAndKeycloakVersion() throws IOException {
    String values = Files.readString(REPOSITORY.resolve("helm/most/values.yaml"));
    assertThat(values).contains("runAsUser: 185");
  }
}
