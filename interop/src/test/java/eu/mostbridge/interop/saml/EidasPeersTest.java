package eu.mostbridge.interop.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import eu.mostbridge.interop.Citizen;
import eu.mostbridge.interop.RunningDemo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Most's eIDAS identity providers checked by SAML software nobody on the project wrote, against the
 * packaged demo:
 *
 * <ul>
 *   <li>xmlsec1 and samlsign (Shibboleth's OpenSAML C++ tools) verify the ECDSA-signed metadata;
 *   <li>a pysaml2 service provider is the connector: it sends signed requests over both bindings
 *       and reads Most's answers (signature, decryption, conditions, attributes). It signs with RSA
 *       PKCS#1 v1.5, publishes no NodeCountry and decrypts only {@code rsa-oaep-mgf1p}, so it is
 *       trusted with exactly those relaxations and an unsigned metadata file;
 *   <li>xmlsec1 decrypts that answer's assertion and verifies its signature by itself;
 *   <li>a connector written on Node's xml-crypto and xml-encryption holds Most to the strict
 *       profile, with no relaxation: RSASSA-PSS signatures both ways, AES-256-GCM content, {@code
 *       xmlenc11#rsa-oaep} with MGF1-SHA256 key transport.
 * </ul>
 *
 * The tools are Debian's (xmlsec1, python3-pysaml2, opensaml-tools) and npm's; {@code .ci/run}
 * installs them. Without them the tests are skipped on a developer's machine and fail under CI.
 */
class EidasPeersTest {
  private static final String PYSAML2 = "http://localhost/pysaml2-connector/metadata";
  private static final String PYSAML2_ACS = "http://localhost:7999/acs";
  private static final String NODE = "http://localhost/node-connector/metadata";
  private static final String NODE_ACS = "http://localhost:7998/acs";
  private static final String NODE_PROXY_SERVICE = "https://proxyservice.node.test/metadata";
  private static final String NODE_PROXY_SERVICE_SSO = "https://proxyservice.node.test/sso";
  private static final String REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
  private static final String POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
  private static final Path SOURCES = Path.of("src", "test").toAbsolutePath();

  private static Path work;
  private static RunningDemo demo;

  @BeforeAll
  static void startTheDemoWithThirdPartyConnectors() throws Exception {
    requireTools();
    work = Path.of("target", "eidas-peers").toAbsolutePath();
    Files.createDirectories(work);
    for (String connector : List.of("pysaml2", "node", "nodeps")) {
      run(
          "openssl",
          "req",
          "-x509",
          "-newkey",
          "rsa:3072",
          "-nodes",
          "-days",
          "2",
          "-subj",
          "/CN=" + connector + " test connector",
          "-keyout",
          key(connector),
          "-out",
          cert(connector));
    }
    // Most's Bulgarian identity provider signs with RSASSA-PSS here (the Node peer cannot verify
    // ECDSA); the Macedonian one keeps the demo's ECDSA keys.
    Path bg = work.resolve("bg.p12");
    Files.deleteIfExists(bg);
    for (String alias : List.of("signing", "encryption")) {
      run(
          Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
          "-genkeypair",
          "-keystore",
          bg.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          "changeit",
          "-alias",
          alias,
          "-keyalg",
          "RSA",
          "-keysize",
          "3072",
          "-dname",
          "CN=Most test BG " + alias,
          "-validity",
          "2");
    }
    // Most's eIDAS connector: ECDSA signatures, an RSA encryption key (xml-encryption transports
    // keys with RSA only).
    Path connector = work.resolve("connector.p12");
    Files.deleteIfExists(connector);
    for (List<String> key :
        List.of(
            List.of("signing", "EC", "-groupname", "secp256r1"),
            List.of("encryption", "RSA", "-keysize", "3072"))) {
      run(
          Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
          "-genkeypair",
          "-keystore",
          connector.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          "changeit",
          "-alias",
          key.get(0),
          "-keyalg",
          key.get(1),
          key.get(2),
          key.get(3),
          "-dname",
          "CN=Most test connector " + key.get(0),
          "-validity",
          "2");
    }
    Files.writeString(
        work.resolve("pysaml2-metadata.xml"),
        pysaml2("metadata", key("pysaml2"), cert("pysaml2"), PYSAML2, PYSAML2_ACS));
    Path node = work.resolve("node");
    Files.createDirectories(node);
    for (String file :
        List.of(
            "package.json",
            "package-lock.json",
            "common.mjs",
            "connector.mjs",
            "proxyservice.mjs")) {
      Files.copy(
          SOURCES.resolve("node").resolve(file),
          node.resolve(file),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    // Always from the lock file: a node_modules of an older lock would go unnoticed.
    runIn(node, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
    node(
        "metadata",
        key("node"),
        cert("node"),
        NODE,
        NODE_ACS,
        work.resolve("node-metadata.xml").toString());

    proxyService(
        "metadata",
        key("nodeps"),
        cert("nodeps"),
        NODE_PROXY_SERVICE,
        NODE_PROXY_SERVICE_SSO,
        "EL",
        work.resolve("nodeps-metadata.xml").toString());

    Map<String, String> settings = new LinkedHashMap<>();
    String network = "most.eidas.network.";
    settings.put(network + "countries", "EL");
    settings.put(network + "node-country", "MK");
    settings.put(network + "keystore", connector.toString());
    settings.put(network + "keystore-password", "changeit");
    settings.put(network + "el.entity-id", NODE_PROXY_SERVICE);
    settings.put(network + "el.metadata-file", work.resolve("nodeps-metadata.xml").toString());
    settings.put(network + "el.trust-anchor", cert("nodeps"));
    String pysaml2 = "most.eidas.connectors.pysaml2.";
    settings.put(pysaml2 + "entity-id", PYSAML2);
    settings.put(pysaml2 + "metadata-file", work.resolve("pysaml2-metadata.xml").toString());
    settings.put(pysaml2 + "node-country", "BG");
    settings.put(
        pysaml2 + "relaxations",
        "UNSIGNED_METADATA_FILE,NO_NODE_COUNTRY,RSA_PKCS1_SIGNATURE,RSA_OAEP_MGF1P_KEY_TRANSPORT");
    String strict = "most.eidas.connectors.node.";
    settings.put(strict + "entity-id", NODE);
    settings.put(strict + "metadata-file", work.resolve("node-metadata.xml").toString());
    settings.put(strict + "metadata-signer", cert("node"));
    settings.put("most.eidas.proxy-services.bg.keystore", bg.toString());
    settings.put("most.eidas.proxy-services.bg.keystore-password", "changeit");
    settings.put(
        "most.eidas.proxy-services.bg.signature-algorithm",
        "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1");
    demo = RunningDemo.start("demo-for-eidas-peers.log", settings);
  }

  @AfterAll
  static void stopTheDemo() throws Exception {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void xmlsec1AndSamlsignVerifyTheMetadataAndCatchATamperedCopy() throws Exception {
    Path metadata = saveMetadata("mk");
    Path signer = work.resolve("mk-signing.pem");
    Files.writeString(signer, signingCertificate(Files.readString(metadata)));

    // Each exits 0 only when the signature verifies.
    run(
        "xmlsec1",
        "--verify",
        "--id-attr:ID",
        "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor",
        "--pubkey-cert-pem",
        signer.toString(),
        metadata.toString());
    run("samlsign", "-c", signer.toString(), "-f", metadata.toString());

    Path tampered = work.resolve("mk-tampered.xml");
    Files.writeString(
        tampered, Files.readString(metadata).replaceFirst(">Most demo<", ">Most demo!<"));
    assertThat(Files.readString(tampered)).isNotEqualTo(Files.readString(metadata));
    assertThat(
            fails(
                "xmlsec1",
                "--verify",
                "--id-attr:ID",
                "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor",
                "--pubkey-cert-pem",
                signer.toString(),
                tampered.toString()))
        .contains("failed");
    assertThat(fails("samlsign", "-c", signer.toString(), "-f", tampered.toString()))
        .contains("verification");
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {REDIRECT, POST})
  void aPysaml2ConnectorReceivesAMacedonianCitizen(String binding) throws Exception {
    Path idp = saveMetadata("mk");
    String level = "http://eidas.europa.eu/NotNotified/LoA/low";
    String request =
        pysaml2(
            "request",
            key("pysaml2"),
            cert("pysaml2"),
            PYSAML2,
            PYSAML2_ACS,
            idp.toString(),
            binding,
            level);
    Citizen citizen = new Citizen();
    URI sso = URI.create(field(request, "url"));
    Citizen.Page start;
    if (binding.equals(REDIRECT)) {
      start = citizen.open(sso);
    } else {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("SAMLRequest", field(request, "SAMLRequest"));
      fields.put("RelayState", field(request, "RelayState"));
      // From the connector's site Most has no cookie yet: it posts the same form from its own.
      Citizen.Page resubmit = citizen.post(sso, fields);
      start = citizen.submit(resubmit, "/eidas/mk/sso", Map.of());
    }
    String samlResponse = asMacedonianCitizen(citizen, start, PYSAML2_ACS);

    String answer =
        pysaml2(
            "response",
            key("pysaml2"),
            cert("pysaml2"),
            PYSAML2,
            PYSAML2_ACS,
            idp.toString(),
            samlResponse,
            field(request, "id"));
    assertThat(answer)
        .contains("\"issuer\": \"" + demo.base() + "/eidas/mk/metadata\"")
        .contains("\"in_response_to\": \"" + field(request, "id") + "\"")
        .contains("\"name_id\": \"MK/BG/")
        .contains("\"levels\": [\"" + level + "\"]")
        // pysaml2's own names for the eIDAS attributes; Latin first, then the native script.
        .contains("\"FamilyName\": [\"Djambazovski\", \"Џамбазовски\"]")
        .contains("\"FirstName\": [\"Gjorgji\", \"Ѓорѓи\"]")
        .contains("\"DateOfBirth\": [\"1990-05-12\"]")
        .contains("\"PersonIdentifier\": [\"MK/BG/");

    // xmlsec1 alone: the Response's signature, the assertion it decrypts, and that one's
    // signature.
    Path response = work.resolve("pysaml2-response.xml");
    Files.write(response, Base64.getMimeDecoder().decode(samlResponse));
    Path signer = work.resolve("mk-signing.pem");
    Files.writeString(signer, signingCertificate(Files.readString(idp)));
    run(
        "xmlsec1",
        "--verify",
        "--id-attr:ID",
        "urn:oasis:names:tc:SAML:2.0:protocol:Response",
        "--pubkey-cert-pem",
        signer.toString(),
        response.toString());
    String decrypted =
        run("xmlsec1", "--decrypt", "--privkey-pem", key("pysaml2"), response.toString());
    assertThat(decrypted).doesNotContain("EncryptedData");
    Matcher element =
        Pattern.compile("<saml2:Assertion .*</saml2:Assertion>", Pattern.DOTALL).matcher(decrypted);
    assertThat(element.find()).as(decrypted).isTrue();
    Path assertion = work.resolve("pysaml2-assertion.xml");
    Files.writeString(assertion, element.group());
    assertThat(element.group())
        .contains("eidas-natural:LatinScript=\"false\"")
        .contains("NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:uri\"");
    run(
        "xmlsec1",
        "--verify",
        "--id-attr:ID",
        "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
        "--pubkey-cert-pem",
        signer.toString(),
        assertion.toString());
  }

  @Test
  void aNodeConnectorHoldsMostToTheStrictProfile() throws Exception {
    Path idp = saveMetadata("bg");
    String level = "http://eidas.europa.eu/LoA/low";
    String request =
        node("request", key("node"), cert("node"), NODE, demo.base() + "/eidas/bg/sso", level);
    Citizen citizen = new Citizen();
    Citizen.Page resubmit =
        citizen.post(
            URI.create(demo.base() + "/eidas/bg/sso"),
            Map.of("SAMLRequest", field(request, "SAMLRequest")));
    Citizen.Page choose = citizen.submit(resubmit, "/eidas/bg/sso", Map.of());
    Citizen.Page simulator =
        citizen.submit(choose, "/method", Map.of("method", "bg-mvr-eid", "action", "continue"));
    Citizen.Page consent =
        citizen.submit(simulator, "login", Map.of("persona", "bg-maria", "action", "login"));
    Citizen.Page answer = citizen.submit(consent, "/consent", Map.of("action", "allow"));
    String samlResponse = citizen.form(answer, NODE_ACS).fields().get("SAMLResponse");

    String checked =
        node(
            "response",
            key("node"),
            idp.toString(),
            samlResponse,
            field(request, "id"),
            NODE,
            NODE_ACS);
    assertThat(checked)
        .contains("\"issuer\":\"" + demo.base() + "/eidas/bg/metadata\"")
        .contains("\"nameId\":\"BG/BG/")
        .contains("\"level\":\"http://eidas.europa.eu/LoA/")
        .contains("\"audience\":\"" + NODE + "\"")
        .contains("{\"value\":\"Petrova\",\"latinScript\":null,\"qualified\":null}")
        .contains("{\"value\":\"Петрова\",\"latinScript\":false,\"qualified\":true}");

    // The same checks refuse an answer to another request, or for another connector.
    assertThat(
            nodeFails(
                "response", key("node"), idp.toString(), samlResponse, "_another", NODE, NODE_ACS))
        .contains("refused: Response InResponseTo is");
    assertThat(
            nodeFails(
                "response",
                key("node"),
                idp.toString(),
                samlResponse,
                field(request, "id"),
                PYSAML2,
                NODE_ACS))
        .contains("refused: AudienceRestriction")
        .contains("does not include " + PYSAML2);
  }

  /** From Most's national eID page to the SAMLResponse posted to {@code acs}. */
  private static String asMacedonianCitizen(Citizen citizen, Citizen.Page start, String acs)
      throws Exception {
    Citizen.Page simulator = citizen.submit(start, "/sim/eid-mk/SingleSignOnService", Map.of());
    Citizen.Page back =
        citizen.submit(simulator, "login", Map.of("persona", "mk-gjorgji", "action", "login"));
    Citizen.Page consent = citizen.submit(back, "/callback/mk-eid", Map.of());
    Citizen.Page answer = citizen.submit(consent, "/consent", Map.of("action", "allow"));
    return citizen.form(answer, acs).fields().get("SAMLResponse");
  }

  /**
   * Most as the connector of a Greek ProxyService written on xml-crypto and xml-encryption: its
   * strict answer (RSASSA-PSS, AES-256-GCM, xmlenc11 RSA-OAEP with MGF1-SHA256) logs the citizen
   * in; its Triple DES and RSA PKCS#1 v1.5 answers are refused on a page, and the login waits on.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"strict", "tripledes", "rsa15"})
  void aNodeProxyServicesAnswerIsAcceptedOnlyInTheStrictProfile(String variant) throws Exception {
    Path connectorMetadata = saveMetadata("connector");
    Citizen citizen = new Citizen();
    Citizen.Page choice = citizen.open(URI.create(demo.base() + "/demo/mk-service/login?acr=high"));
    Citizen.Page toProxyService =
        citizen.submit(choice, "/method", Map.of("method", "el-eidas", "action", "continue"));
    Citizen.Form request = citizen.form(toProxyService, NODE_PROXY_SERVICE_SSO);
    String xml =
        new String(
            Base64.getMimeDecoder().decode(request.fields().get("SAMLRequest")),
            StandardCharsets.UTF_8);
    Matcher id = Pattern.compile(" ID=\"([^\"]+)\"").matcher(xml);
    assertThat(id.find()).as(xml).isTrue();

    String answer =
        proxyService(
            "response",
            key("nodeps"),
            cert("nodeps"),
            connectorMetadata.toString(),
            NODE_PROXY_SERVICE,
            id.group(1),
            "EL/MK/node-4f9c2a71",
            "high",
            variant);
    Citizen.Page back =
        citizen.post(
            URI.create(demo.base() + "/callback/eidas-network"),
            Map.of("SAMLResponse", field(answer, "SAMLResponse")));

    if (variant.equals("strict")) {
      assertThat(back.status()).as(back.body()).isEqualTo(200);
      assertThat(back.body()).contains("Papadopoulou").contains("Παπαδοπούλου");
      Citizen.Page result = citizen.submit(back, "/consent", Map.of("action", "allow"));
      assertThat(result.status()).as(result.body()).isEqualTo(200);
      assertThat(result.body()).contains("Papadopoulou").contains("EL/MK/");
    } else {
      assertThat(back.status()).as(back.body()).isBetween(400, 499);
      assertThat(back.body()).doesNotContain("Papadopoulou").doesNotContain("Exception");
      String refused = variant.equals("tripledes") ? "tripledes-cbc" : "rsa-1_5";
      assertThat(Files.readAllLines(Path.of("target", "demo-for-eidas-peers.log")))
          .as("the audit names the refused algorithm")
          .anyMatch(
              line ->
                  line.contains("\"national.failed\"")
                      && line.contains("\"el-eidas\"")
                      && line.contains(refused));
    }
  }

  private static Path saveMetadata(String country) throws Exception {
    HttpResponse<String> metadata =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(demo.base() + "/eidas/" + country + "/metadata"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metadata.statusCode()).isEqualTo(200);
    Path file = work.resolve(country + "-metadata.xml");
    Files.writeString(file, metadata.body());
    return file;
  }

  /** The metadata's signing certificate as PEM, as a connector's operator copies it. */
  private static String signingCertificate(String metadata) {
    Matcher signing =
        Pattern.compile(
                "<md:KeyDescriptor"
                    + " use=\"signing\">.*?<ds:X509Certificate>(.*?)</ds:X509Certificate>",
                Pattern.DOTALL)
            .matcher(metadata);
    assertThat(signing.find()).as(metadata).isTrue();
    String base64 = signing.group(1).replaceAll("\\s|&#13;|&#xD;", "");
    return "-----BEGIN CERTIFICATE-----\n"
        + String.join("\n", base64.split("(?<=\\G.{64})"))
        + "\n-----END CERTIFICATE-----\n";
  }

  /** A string field of a peer's JSON answer. */
  private static String field(String json, String name) {
    Matcher value = Pattern.compile("\"" + name + "\":\\s*\"([^\"]*)\"").matcher(json);
    assertThat(value.find()).as(name + " in " + json).isTrue();
    return value.group(1);
  }

  private static String key(String connector) {
    return work.resolve(connector + ".key").toString();
  }

  private static String cert(String connector) {
    return work.resolve(connector + ".crt").toString();
  }

  private static String pysaml2(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("/usr/bin/python3");
    command.add(SOURCES.resolve("python").resolve("pysaml2_connector.py").toString());
    command.addAll(Arrays.asList(args));
    return run(command.toArray(String[]::new));
  }

  private static String node(String... args) throws Exception {
    return runIn(work.resolve("node"), nodeCommand(args));
  }

  private static String proxyService(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "proxyservice.mjs"));
    command.addAll(Arrays.asList(args));
    return runIn(work.resolve("node"), command.toArray(String[]::new));
  }

  private static String nodeFails(String... args) throws Exception {
    return outcome(work.resolve("node"), nodeCommand(args), false);
  }

  private static String[] nodeCommand(String... args) {
    List<String> command = new ArrayList<>(List.of("node", "connector.mjs"));
    command.addAll(Arrays.asList(args));
    return command.toArray(String[]::new);
  }

  private static String run(String... command) throws Exception {
    return runIn(work, command);
  }

  private static String runIn(Path directory, String... command) throws Exception {
    return outcome(directory, command, true);
  }

  /** What a command that must fail printed. */
  private static String fails(String... command) throws Exception {
    return outcome(work, command, false);
  }

  private static String outcome(Path directory, String[] command, boolean mustSucceed)
      throws Exception {
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(false)
            .start();
    process.getOutputStream().close();
    // Both streams drained on threads of their own, so a tool that hangs is stopped at 120 s.
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    Thread drainOut = drain(process.getInputStream(), output);
    Thread drainErr = drain(process.getErrorStream(), errors);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end in 120 s");
    }
    drainOut.join();
    drainErr.join();
    String out = output.toString(StandardCharsets.UTF_8);
    String err = errors.toString(StandardCharsets.UTF_8);
    boolean succeeded = process.exitValue() == 0;
    if (succeeded != mustSucceed) {
      throw new AssertionError(
          String.join(" ", command)
              + (mustSucceed ? " failed (" : " succeeded, it must fail (")
              + process.exitValue()
              + "):\n"
              + err
              + "\n"
              + out);
    }
    return mustSucceed ? out : err + out;
  }

  private static Thread drain(InputStream stream, ByteArrayOutputStream into) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = stream) {
                in.transferTo(into);
              } catch (IOException ignored) {
                // the process ended
              }
            });
    thread.start();
    return thread;
  }

  /** The third-party tools: skipped without them on a developer's machine, a failure under CI. */
  private static void requireTools() {
    List<String> missing = new ArrayList<>();
    for (String tool :
        List.of("/usr/bin/xmlsec1", "/usr/bin/samlsign", "/usr/bin/python3", "/usr/bin/openssl")) {
      if (!Files.isExecutable(Path.of(tool))) {
        missing.add(tool);
      }
    }
    if (!Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/saml2"))) {
      missing.add("python3-pysaml2");
    }
    if (!onPath("node") || !onPath("npm")) {
      missing.add("node and npm");
    }
    if (System.getenv("MOST_CI") != null) {
      assertThat(missing).as("tools .ci/run installs").isEmpty();
    }
    assumeTrue(missing.isEmpty(), "not installed: " + missing);
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
