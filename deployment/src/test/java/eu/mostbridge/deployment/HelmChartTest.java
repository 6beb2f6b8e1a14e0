package eu.mostbridge.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart in helm/most through real Helm (helm-java bundles Helm's Go library): strict lint, and
 * the objects it renders with the default values and with production-like values.
 */
class HelmChartTest {
  private static final Path CHART = Path.of(System.getProperty("most.repository"), "helm", "most");
  private static final String RELEASE = "most";
  private static final String NAMESPACE = "eid";

  /** A Kubernetes version the chart supports (Chart.yaml: kubeVersion >=1.27). */
  private static final String KUBERNETES = "1.31.0";

  private static Manifests render(TemplateCommand template) throws Exception {
    return Manifests.parse(
        template.withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBERNETES).call());
  }

  private static Path productionValues() throws URISyntaxException {
    return Path.of(HelmChartTest.class.getResource("/production-values.yaml").toURI());
  }

  @Test
  void passesStrictLint() {
    LintResult lint = new Helm(CHART).lint().strict().call();

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void defaultsRenderAHardenedClusterOfThree() throws Exception {
    Manifests objects = render(new Helm(CHART).template());

    assertThat(objects.kinds())
        .containsExactlyInAnyOrder(
            "ConfigMap",
            "Deployment",
            "NetworkPolicy",
            "PodDisruptionBudget",
            "Service",
            "Service",
            "ServiceAccount");
    JsonNode deployment = objects.get("Deployment", RELEASE);
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).isFalse();
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
    assertThat(container.at("/image").asText()).isEqualTo("ghcr.io/mostbridge/most-broker:0.1.0");
    assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
    assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
    assertThat(container.at("/resources/limits/cpu").asText()).isNotEmpty();
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
    assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("management");
    assertThat(container.at("/env/0/value").asText())
        .as("the image's JVM options kept")
        .contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
    assertThat(volumeMountPaths(container)).contains("/tmp", "/deployments/config");
    assertThat(Manifests.env(deployment, "MOST_STATE_CLUSTER_TLS_KEYSTORE").isMissingNode())
        .as("no TLS material by default: the replicas refuse to start and say why")
        .isTrue();
    assertThat(Manifests.env(deployment, "MOST_STATE_CLUSTER_ALLOW_PLAINTEXT").isMissingNode())
        .as("no relaxation by default")
        .isTrue();

    // Clustered over DNS_PING on a headless Service that lists replicas before they are ready.
    assertThat(Manifests.env(deployment, "MOST_STATE_MODE").get("value").asText())
        .isEqualTo("cluster");
    assertThat(Manifests.env(deployment, "MOST_STATE_CLUSTER_DISCOVERY").get("value").asText())
        .isEqualTo("dns-ping");
    assertThat(Manifests.env(deployment, "MOST_STATE_CLUSTER_DNS_QUERY").get("value").asText())
        .isEqualTo("most-jgroups.eid.svc.cluster.local");
    assertThat(
            Manifests.env(deployment, "MOST_STATE_CLUSTER_BIND_ADDRESS")
                .at("/valueFrom/fieldRef/fieldPath")
                .asText())
        .isEqualTo("status.podIP");
    JsonNode headless = objects.get("Service", "most-jgroups");
    assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
    assertThat(headless.at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
    assertThat(headless.at("/spec/selector"))
        .isEqualTo(deployment.at("/spec/selector/matchLabels"));

    // JGroups only between replicas; HTTP open; one replica at a time may be disrupted.
    JsonNode policy = objects.get("NetworkPolicy", RELEASE);
    assertThat(policy.at("/spec/ingress/1/ports/0/port").asText()).isEqualTo("management");
    assertThat(policy.at("/spec/ingress/1/from/0/podSelector").size())
        .as("management: pods of the namespace")
        .isZero();
    assertThat(policy.at("/spec/ingress/2/ports/0/port").asInt()).isEqualTo(7800);
    assertThat(policy.at("/spec/ingress/2/from/0/podSelector/matchLabels"))
        .isEqualTo(deployment.at("/spec/selector/matchLabels"));
    assertThat(objects.get("PodDisruptionBudget", RELEASE).at("/spec/maxUnavailable").asInt())
        .isEqualTo(1);
    assertThat(objects.get("ConfigMap", RELEASE).at("/data/application.properties").asText())
        .contains("most.clients-file=/deployments/config/clients.yaml");
  }

  @Test
  void productionValuesAddIngressAutoscalingMonitoringKeycloakAndTheValidator() throws Exception {
    Manifests objects = render(new Helm(CHART).template().withValuesFile(productionValues()));

    assertThat(objects.kinds())
        .contains("Ingress", "HorizontalPodAutoscaler", "ServiceMonitor")
        .filteredOn("Deployment"::equals)
        .as("the broker, Keycloak and the validator")
        .hasSize(3);
    JsonNode deployment = objects.get("Deployment", RELEASE);
    assertThat(deployment.at("/spec/replicas").isMissingNode())
        .as("the autoscaler owns the replica count")
        .isTrue();
    assertThat(Manifests.env(deployment, "MOST_ISSUER").get("value").asText())
        .isEqualTo("https://most.gov.example");
    assertThat(
            Manifests.env(deployment, "MOST_SECRETS_PAIRWISE_KEY")
                .at("/valueFrom/secretKeyRef/name")
                .asText())
        .isEqualTo("most-identifier-secrets");
    assertThat(deployment.at("/spec/template/spec/volumes/1/secret/secretName").asText())
        .isEqualTo("most-signing-keys");
    assertThat(deployment.at("/spec/template/spec/containers/0/envFrom/0/secretRef/name").asText())
        .isEqualTo("most-national-client-secrets");
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).endsWith(":0.1.0");
    // The replicas talk TLS with the cluster's key and trust stores.
    assertThat(Manifests.env(deployment, "MOST_STATE_CLUSTER_TLS_KEYSTORE").get("value").asText())
        .isEqualTo("/deployments/jgroups/keystore.p12");
    assertThat(
            Manifests.env(deployment, "MOST_STATE_CLUSTER_TLS_TRUSTSTORE_PASSWORD")
                .at("/valueFrom/secretKeyRef/name")
                .asText())
        .isEqualTo("most-jgroups-tls");
    assertThat(Manifests.env(deployment, "MOST_STATE_CLUSTER_ALLOW_PLAINTEXT").isMissingNode())
        .isTrue();
    assertThat(deployment.at("/spec/template/spec/volumes").toString())
        .contains("most-jgroups-tls");
    String properties =
        objects.get("ConfigMap", RELEASE).at("/data/application.properties").asText();
    assertThat(properties)
        .contains("most.national.mk-eid.oidc.issuer=https://eid.mk.example")
        .contains("most.signing.keys-file=/deployments/keys/signing.p12")
        .contains("most.signing.active-key-ids=2026-11");
    assertThat(objects.get("ConfigMap", RELEASE).at("/data/clients.yaml").asText())
        .contains("ministry-portal");
    // The eIDAS identity provider for MK: its keys from a Secret, its password never in the
    // ConfigMap; the connector's metadata signer beside the settings.
    assertThat(properties)
        .contains("most.eidas.proxy-services.mk.keystore=/deployments/eidas/mk/keystore.p12")
        .contains(
            "most.eidas.proxy-services.mk.keystore-password=${MOST_EIDAS_MK_KEYSTORE_PASSWORD}")
        .contains("most.eidas.proxy-services.mk.next-signing-aliases=signing-2027")
        .contains("most.eidas.publisher.organization-name=Most operator")
        .contains(
            "most.eidas.connectors.bg-node.metadata-signer="
                + "/deployments/config/eidas-connector-bg-node.pem")
        .contains("most.eidas.connectors.bg-node.metadata-url=https://eidas.egov.example/")
        .doesNotContain("most.eidas.connectors.bg-node.relaxations")
        .contains(
            "most.eidas.connectors.municipality-keycloak.relaxations=NO_NODE_COUNTRY,"
                + "RSA_PKCS1_SIGNATURE,METADATA_WITHOUT_VALID_UNTIL,PLAIN_SAML_REQUESTS")
        .contains("most.eidas.connectors.municipality-keycloak.node-country=BG")
        .contains("most.eidas.connectors.municipality-keycloak.sp-type=public");
    assertThat(objects.get("ConfigMap", RELEASE).at("/data/eidas-connector-bg-node.pem").asText())
        .startsWith("-----BEGIN CERTIFICATE-----");
    // Most as an eIDAS connector: the member states, each ProxyService's trust anchor, the keys.
    assertThat(properties)
        .contains("most.eidas.network.node-country=MK")
        .contains("most.eidas.network.countries=EL,HR")
        .contains("most.eidas.network.keystore=/deployments/eidas/connector/keystore.p12")
        .contains(
            "most.eidas.network.el.entity-id=https://eidas.gr.example/EidasNode/ServiceMetadata")
        .contains("most.eidas.network.el.trust-anchor=/deployments/config/eidas-network-el.pem")
        .contains("most.eidas.network.el.relaxations=RSA_OAEP_MGF1P_KEY_TRANSPORT")
        .contains("most.eidas.network.hr.metadata-url=https://eidas.hr.example/metadata")
        .doesNotContain("most.eidas.network.el.metadata-url");
    assertThat(objects.get("ConfigMap", RELEASE).at("/data/eidas-network-hr.pem").asText())
        .startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(
            Manifests.env(deployment, "MOST_EIDAS_NETWORK_KEYSTORE_PASSWORD")
                .at("/valueFrom/secretKeyRef/name")
                .asText())
        .isEqualTo("most-eidas-connector");
    assertThat(deployment.at("/spec/template/spec/containers/0/volumeMounts").toString())
        .contains("/deployments/eidas/connector");
    assertThat(
            Manifests.env(deployment, "MOST_EIDAS_MK_KEYSTORE_PASSWORD")
                .at("/valueFrom/secretKeyRef/name")
                .asText())
        .isEqualTo("most-eidas-mk");
    assertThat(deployment.at("/spec/template/spec/volumes").toString())
        .contains("\"secretName\":\"most-eidas-mk\"");
    assertThat(deployment.at("/spec/template/spec/containers/0/volumeMounts").toString())
        .contains("/deployments/eidas/mk");

    JsonNode ingress = objects.get("Ingress", RELEASE);
    assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("most-tls");
    assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("most.gov.example");
    JsonNode hpa = objects.get("HorizontalPodAutoscaler", RELEASE);
    assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(3);
    assertThat(hpa.at("/spec/behavior/scaleDown/policies/0/value").asInt()).isEqualTo(1);
    assertThat(objects.get("ServiceMonitor", RELEASE).at("/spec/endpoints/0/path").asText())
        .isEqualTo("/q/metrics");
    assertThat(objects.get("ServiceMonitor", RELEASE).at("/spec/endpoints/0/port").asText())
        .isEqualTo("management");
    assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/port/name").asText())
        .as("the Ingress never publishes health and metrics")
        .isEqualTo("http");
    assertThat(objects.get("NetworkPolicy", RELEASE).at("/spec/ingress/0/from/0").toString())
        .contains("ingress-nginx");

    JsonNode keycloak = objects.get("Deployment", "most-keycloak");
    JsonNode kc = keycloak.at("/spec/template/spec/containers/0");
    assertThat(kc.at("/args").toString()).isEqualTo("[\"start\",\"--optimized\"]");
    assertThat(kc.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(Manifests.env(keycloak, "KC_DB_URL").get("value").asText())
        .isEqualTo("jdbc:postgresql://postgres.db:5432/keycloak");
    assertThat(objects.find("Secret", "most-signing")).as("existing Secrets are used").isEmpty();

    JsonNode validator = objects.get("Deployment", "most-trust-services");
    JsonNode container = validator.at("/spec/template/spec/containers/0");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(Manifests.env(validator, "MOST_TRUST_MK_URL").get("value").asText())
        .isEqualTo("https://tl.mk.invalid/tl-mk.xml");
    assertThat(Manifests.env(validator, "MOST_TRUST_EU_TERRITORIES").get("value").asText())
        .isEqualTo("BG");
    // Vert.x's limit one MiB above Most's, so that Most answers 413 with a message.
    assertThat(
            Manifests.env(validator, "MOST_TRUST_VALIDATION_MAX_UPLOAD_MEGABYTES")
                .get("value")
                .asText())
        .isEqualTo("40");
    assertThat(Manifests.env(validator, "QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE").get("value").asText())
        .isEqualTo("41M");
    assertThat(validator.at("/spec/template/spec/volumes").toString())
        .contains("most-trusted-list-signers")
        .contains("\"claimName\":\"most-trusted-lists\"");
    assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("management");
    assertThat(
            objects.get("Service", "most-trust-services").at("/spec/ports/0/targetPort").asText())
        .isEqualTo("http");
  }

  @Test
  void theValidatorIsOffByDefaultAndRefusesToGuessNorthMacedoniasList() throws Exception {
    assertThat(render(new Helm(CHART).template()).find("Deployment", "most-trust-services"))
        .isEmpty();
    assertThatThrownBy(
            () ->
                render(
                    new Helm(CHART)
                        .template()
                        .set("trustServices.enabled", "true")
                        .set("trustServices.signingCertificatesConfigMap", "signers")))
        .hasMessageContaining("trustServices.mk.url is required");
  }

  @Test
  void inlineSecretsBecomeSecretsNotConfigMaps() throws Exception {
    Manifests objects =
        render(
            new Helm(CHART)
                .template()
                .set("signing.keys", "{\"keys\":[]}")
                .set("identifierSecrets.pairwiseKey", "cGFpcndpc2U=")
                .set("identifierSecrets.pseudonymKey", "cHNldWRvbnlt")
                .set("secretEnv.MOST_NATIONAL_MK_EID_OIDC_CLIENT_SECRET", "national"));

    assertThat(objects.get("Secret", "most-signing").at("/stringData/signing-keys.json").asText())
        .isEqualTo("{\"keys\":[]}");
    assertThat(objects.get("Secret", "most-identifiers").at("/stringData/pairwise-key").asText())
        .isEqualTo("cGFpcndpc2U=");
    assertThat(objects.get("Secret", "most-env").toString()).contains("national");
    assertThat(objects.get("ConfigMap", RELEASE).toString())
        .doesNotContain("cGFpcndpc2U=")
        .doesNotContain("national\"");
  }

  @Test
  void theValuesSchemaRefusesTyposAndAPlainHttpIssuer() {
    assertThatThrownBy(() -> render(new Helm(CHART).template().set("replicas", "3")))
        .hasMessageContaining("replicas");
    assertThatThrownBy(
            () -> render(new Helm(CHART).template().set("issuer", "http://most.example")))
        .hasMessageContaining("issuer");
    assertThatThrownBy(() -> render(new Helm(CHART).template().set("state.mode", "sticky")))
        .hasMessageContaining("/state/mode");
    assertThatThrownBy(
            () -> render(new Helm(CHART).template().set("settings.javaHome", "/opt/java")))
        .hasMessageContaining("javaHome");
    assertThatThrownBy(
            () ->
                render(
                    new Helm(CHART)
                        .template()
                        .set("eidas.proxyServices.MK.existingSecret", "most-eidas-mk")))
        .as("a country in lower case, as in its URLs")
        .hasMessageContaining("'MK' does not match pattern");
    assertThatThrownBy(
            () ->
                render(
                    new Helm(CHART)
                        .template()
                        .set("eidas.connectors.bg.entityId", "https://bg.example")
                        .set("eidas.connectors.bg.metadataUrl", "http://bg.example")
                        .set("eidas.connectors.bg.metadataSigner", "BEGIN CERTIFICATE")))
        .as("connector metadata over https only")
        .hasMessageContaining("metadataUrl");
    assertThatThrownBy(
            () ->
                render(
                    new Helm(CHART)
                        .template()
                        .set("eidas.connectors.bg.entityId", "https://bg.example")
                        .set("eidas.connectors.bg.metadataUrl", "https://bg.example")
                        .set("eidas.connectors.bg.metadataSigner", "BEGIN CERTIFICATE")
                        .set("eidas.connectors.bg.relaxations[0]", "UNSIGNED_METADATA_FILE")))
        .as("files only, which the chart does not mount")
        .hasMessageContaining("relaxations");
  }

  @Test
  void refusesLocalStateWithSeveralReplicas() {
    assertThatThrownBy(() -> render(new Helm(CHART).template().set("state.mode", "local")))
        .hasMessageContaining("state.mode=local");
    assertThatThrownBy(
            () ->
                render(
                    new Helm(CHART)
                        .template()
                        .set("autoscaling.enabled", "true")
                        .set("autoscaling.minReplicas", "2")))
        .hasMessageContaining("at least 3");
  }

  @Test
  void remoteStateNeedsNoJGroupsAndAnyReplicaCount() throws Exception {
    Manifests objects =
        render(
            new Helm(CHART)
                .template()
                .set("state.mode", "remote")
                .set("replicaCount", "2")
                .set("settings.most\\.state\\.remote\\.servers", "infinispan:11222"));

    assertThat(objects.find("Service", "most-jgroups")).isEmpty();
    JsonNode deployment = objects.get("Deployment", RELEASE);
    assertThat(Manifests.env(deployment, "MOST_STATE_MODE").get("value").asText())
        .isEqualTo("remote");
    assertThat(objects.get("NetworkPolicy", RELEASE).at("/spec/egress").toString())
        .as("Hot Rod to the server is let out")
        .contains("11222");
    assertThat(objects.get("ConfigMap", RELEASE).at("/data/application.properties").asText())
        .contains("most.state.remote.servers=infinispan:11222");
  }

  @Test
  void aSingleLocalReplicaHasNoJGroups() throws Exception {
    Manifests objects =
        render(new Helm(CHART).template().set("state.mode", "local").set("replicaCount", "1"));

    assertThat(objects.find("Service", "most-jgroups")).isEmpty();
    JsonNode deployment = objects.get("Deployment", RELEASE);
    assertThat(Manifests.env(deployment, "MOST_STATE_CLUSTER_DISCOVERY").isMissingNode()).isTrue();
    assertThat(deployment.at("/spec/template/spec/containers/0/ports").toString())
        .contains("\"http\"", "\"management\"")
        .doesNotContain("jgroups");
  }

  @Test
  void chartVersionFollowsTheProject() throws Exception {
    String chart = Files.readString(CHART.resolve("Chart.yaml"));
    String appVersion = chart.replaceAll("(?s).*appVersion: \"([^\"]+)\".*", "$1");
    assertThat(System.getProperty("most.version")).startsWith(appVersion);
  }

  private static List<String> volumeMountPaths(JsonNode container) {
    List<String> paths = new ArrayList<>();
    container.at("/volumeMounts").forEach(m -> paths.add(m.get("mountPath").asText()));
    return paths;
  }
}
