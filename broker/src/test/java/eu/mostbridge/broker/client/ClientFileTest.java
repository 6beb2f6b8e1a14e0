package eu.mostbridge.broker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientFileTest {
  private static final String VALID =
      """
      clients:
        - id: bg-municipality
          names: {bg: "Община", mk: "Општина", en: "Municipality"}
          redirectUris: [https://municipality.bg.test/cb, "http://127.0.0.1/cb", "bg.test.app:/cb"]
          jwksUri: https://municipality.bg.test/jwks
          allowedCountries: [MK]
          identifierPolicy: NATIONAL_NUMBER
          tokenAlgorithm: PS256
      """;

  @Test
  void readsAValidFileWithDefaults() throws InvalidClientFileException {
    List<ClientRegistration> clients = ClientFile.parse(VALID);

    ClientRegistration client = clients.get(0);
    assertThat(client.id()).isEqualTo("bg-municipality");
    assertThat(client.names()).containsEntry("mk", "Општина");
    assertThat(client.redirectUris()).contains(URI.create("https://municipality.bg.test/cb"));
    assertThat(client.allowedCountries()).containsExactly(CountryCode.MK);
    assertThat(client.minimumLevel()).as("default").isEqualTo(LevelOfAssurance.LOW);
    assertThat(client.identifierPolicy()).isEqualTo(IdentifierPolicy.NATIONAL_NUMBER);
    assertThat(client.tokenAlgorithm()).isEqualTo("PS256");
  }

  @Test
  void aClientWithoutTokenAlgorithmGetsTheBrokersDefault() throws InvalidClientFileException {
    String unnamed =
        """
        clients:
          - id: rsa-only
            names: {bg: "а", mk: "б", en: "c"}
            redirectUris: [https://rsa.test/cb]
            public: true
            allowedCountries: [BG]
        """;

    // OpenID Connect Registration's default for id_token_signed_response_alg.
    assertThat(ClientFile.parse(unnamed).get(0).tokenAlgorithm()).isEqualTo("RS256");
    assertThat(ClientFile.parse(unnamed, "ES256").get(0).tokenAlgorithm()).isEqualTo("ES256");
    assertThat(ClientFile.parse(VALID, "RS256").get(0).tokenAlgorithm())
        .as("named by the client")
        .isEqualTo("PS256");
  }

  @Test
  void listsEveryProblemOfAnInvalidFileTogether() {
    String invalid =
        """
        clients:
          - id: "bad id"
            names: {bg: "x", en: "y"}
            redirectUris: ["http://portal.test/cb", "https://portal.test/cb#frag", "relative/cb"]
            secretHash: "plain-text-secret"
            allowedCountries: [DE]
            minimumLevel: medium
            identifierPolicy: EVERYTHING
            tokenAlgorithm: HS256
          - id: twin
            names: {bg: "a", mk: "b", en: "c"}
            redirectUris: [https://a.test/cb]
            allowedCountries: [BG]
          - id: twin
            names: {bg: "a", mk: "b", en: "c"}
            redirectUris: [https://a.test/cb]
            secretHash: "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
            allowedCountries: [BG]
        """;

    InvalidClientFileException e =
        catchThrowableOfType(InvalidClientFileException.class, () -> ClientFile.parse(invalid));

    assertThat(e.problems())
        .anyMatch(p -> p.contains("id must be"))
        .anyMatch(p -> p.contains("exactly bg, mk and en"))
        .anyMatch(p -> p.contains("must be https"))
        .anyMatch(p -> p.contains("fragment"))
        .anyMatch(p -> p.contains("not absolute"))
        .anyMatch(p -> p.contains("secretHash must be"))
        .anyMatch(p -> p.contains("allowedCountries may hold only"))
        .anyMatch(p -> p.contains("minimumLevel"))
        .anyMatch(p -> p.contains("identifierPolicy"))
        .anyMatch(p -> p.contains("tokenAlgorithm"))
        .anyMatch(p -> p.contains("client twin: needs secretHash"))
        .anyMatch(p -> p.contains("client twin: id is used twice"));
    assertThat(e.getMessage()).startsWith("The clients file is invalid:");
  }

  @Test
  void emptyEntriesAreProblemsNotCrashes() {
    InvalidClientFileException e =
        catchThrowableOfType(
            InvalidClientFileException.class,
            () ->
                ClientFile.parse(
                    """
                    clients:
                      - ~
                      - id: a
                        names: {bg: "a", mk: "b", en: "c"}
                        redirectUris: [~]
                        secretHash: "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                        jwksUri: ~
                        allowedCountries: [~]
                    """));

    assertThat(e.problems())
        .contains("clients[0]: is empty", "client a: a redirectUri is empty")
        .anyMatch(p -> p.contains("allowedCountries may hold only"));
  }

  @Test
  void refusesUnknownKeysAndEmptyFiles() {
    assertThat(
            catchThrowableOfType(
                    InvalidClientFileException.class,
                    () -> ClientFile.parse("clients:\n  - id: a\n    colour: blue\n"))
                .getMessage())
        .contains("not valid YAML/JSON");
    assertThat(
            catchThrowableOfType(
                    InvalidClientFileException.class, () -> ClientFile.parse("clients: []"))
                .problems())
        .containsExactly("no clients are listed");
  }

  @Test
  void aPublicClientHasNoCredentialsAndLogoutUrisAreExact() throws InvalidClientFileException {
    ClientRegistration app =
        ClientFile.parse(
                """
                clients:
                  - id: mobile-app
                    names: {bg: "a", mk: "b", en: "c"}
                    redirectUris: [eu.example.app:/callback]
                    public: true
                    allowedCountries: [MK]
                    postLogoutRedirectUris: [eu.example.app:/bye]
                """)
            .get(0);

    assertThat(app.publicClient()).isTrue();
    assertThat(app.secretHash()).isEmpty();
    assertThat(app.postLogoutRedirectUris())
        .extracting(Object::toString)
        .containsExactly("eu.example.app:/bye");
    assertThat(app.anyLoopbackRedirect()).as("never from a file").isFalse();
  }

  @Test
  void credentialsAreExactlyOneKind() {
    InvalidClientFileException failure =
        catchThrowableOfType(
            InvalidClientFileException.class,
            () ->
                ClientFile.parse(
                    """
                    clients:
                      - id: both
                        names: {bg: "a", mk: "b", en: "c"}
                        redirectUris: [https://a.test/cb]
                        secretHash: "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                        jwksUri: https://a.test/jwks
                        allowedCountries: [BG]
                      - id: public-with-secret
                        names: {bg: "a", mk: "b", en: "c"}
                        redirectUris: [https://b.test/cb]
                        public: true
                        secretHash: "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                        allowedCountries: [BG]
                    """));

    assertThat(failure.getMessage())
        .contains("client both: secretHash and jwksUri exclude each other")
        .contains("client public-with-secret: a public client has neither secretHash nor jwksUri");
  }
}
