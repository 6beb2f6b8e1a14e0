package eu.mostbridge.simulator.eidas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.PersonIdentifier;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.eidas.AssertionEncryption;
import eu.mostbridge.saml.eidas.AuthnRequestRefusal;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.saml.eidas.EidasLevel;
import eu.mostbridge.saml.eidas.EidasNames.NaturalPersonAttribute;
import eu.mostbridge.saml.eidas.EidasResponseWriter;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import eu.mostbridge.simulator.SimulatorKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * Most's eIDAS Responses read by the connector simulator's own code (JDK XML Signature, plain JCA
 * decryption with ECDH-ES and ConcatKDF written there): both key types, the attributes with
 * transliterated names, and signed error Responses.
 */
class EidasResponseTest {
  private static final SimulatorKeys MOST = SimulatorKeys.ec("Most MK signing");
  private static final String ACS = "https://eidas.example.bg/EidasNode/ColleagueResponse";
  private static final String CONNECTOR = "https://eidas.example.bg/EidasNode/ConnectorMetadata";

  private static final ProxyServiceIdentity MK =
      new ProxyServiceIdentity(
          CountryCode.MK,
          "https://most.example/eidas/mk/metadata",
          URI.create("https://most.example/eidas/mk/sso"),
          new BasicX509Credential(MOST.certificate(), MOST.privateKey()),
          List.of(),
          SimulatorKeys.ec("Most MK encryption").certificate(),
          AlgorithmPolicy.ECDSA_SHA256,
          List.of(new EidasLevel(LevelOfAssurance.SUBSTANTIAL, false)),
          new ProxyServiceIdentity.Publisher(
              "Most", "Most", URI.create("https://most.example/"), List.of()));

  private static final CommonIdentity LJUBICA =
      CommonIdentity.builder()
          .personIdentifier(new PersonIdentifier(CountryCode.MK, CountryCode.BG, "2802983455097"))
          .familyName(PersonName.of("Petrovska", "Петровска", ScriptTag.MACEDONIAN_CYRILLIC))
          .givenName(PersonName.of("Ljubica", "Љубица", ScriptTag.MACEDONIAN_CYRILLIC))
          .dateOfBirth(LocalDate.of(1983, 2, 28))
          .gender(Gender.FEMALE)
          .nationality(CountryCode.MK)
          .placeOfBirth("Skopje")
          .levelOfAssurance(LevelOfAssurance.SUBSTANTIAL)
          .originCountry(CountryCode.MK)
          .authenticationInstant(Instant.parse("2026-12-01T10:00:00Z"))
          .build();

  private static EidasAnswer roundTrip(SimulatorKeys connectorEncryption) {
    ConnectorPeer.EncryptionKey key =
        new ConnectorPeer.EncryptionKey(connectorEncryption.certificate(), List.of());
    String transport =
        AssertionEncryption.keyTransportFor(key, AlgorithmPolicy.eidasStrict()).orElseThrow();
    byte[] response =
        EidasResponseWriter.success(
            MK,
            new EidasResponseWriter.Recipient("_request-1", CONNECTOR, URI.create(ACS)),
            new EidasResponseWriter.Assertion(
                LJUBICA,
                "MK/BG/pseudonym-123",
                new EidasLevel(LevelOfAssurance.SUBSTANTIAL, false),
                EnumSet.allOf(NaturalPersonAttribute.class),
                "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"),
            key,
            transport,
            Instant.now());
    return EidasAnswer.read(response, expected(connectorEncryption), Instant.now());
  }

  private static EidasAnswer.Expected expected(SimulatorKeys connectorEncryption) {
    return new EidasAnswer.Expected(
        MK.entityId(),
        List.of(MOST.certificate()),
        ACS,
        "_request-1",
        CONNECTOR,
        connectorEncryption.privateKey());
  }

  @ParameterizedTest
  @ValueSource(strings = {"EC", "RSA"})
  void theConnectorDecryptsAndChecksTheAnswer(String keyType) {
    SimulatorKeys encryption =
        "EC".equals(keyType)
            ? SimulatorKeys.ec("connector encryption")
            : SimulatorKeys.rsa("connector encryption");

    EidasAnswer answer = roundTrip(encryption);

    assertThat(answer.status()).isEqualTo(EidasAnswer.SUCCESS);
    assertThat(answer.level()).contains("http://eidas.europa.eu/NotNotified/LoA/substantial");
    assertThat(answer.nameId()).contains("MK/BG/pseudonym-123");
    assertThat(answer.attributes().get("PersonIdentifier"))
        .extracting(EidasAnswer.Value::text)
        .containsExactly("MK/BG/pseudonym-123");
    assertThat(answer.attributes().get("CurrentFamilyName"))
        .containsExactly(
            new EidasAnswer.Value("Petrovska", true, "eidas-natural:CurrentFamilyNameType"),
            new EidasAnswer.Value("Петровска", false, "eidas-natural:CurrentFamilyNameType"));
    assertThat(answer.attributes().get("CurrentGivenName"))
        .extracting(EidasAnswer.Value::text)
        .containsExactly("Ljubica", "Љубица");
    assertThat(answer.attributes().get("DateOfBirth"))
        .extracting(EidasAnswer.Value::text)
        .containsExactly("1983-02-28");
    assertThat(answer.attributes().get("Gender"))
        .extracting(EidasAnswer.Value::text)
        .containsExactly("Female");
    assertThat(answer.attributes().get("Nationality"))
        .extracting(EidasAnswer.Value::text)
        .containsExactly("MK");
    assertThat(answer.attributes().get("PlaceOfBirth"))
        .extracting(EidasAnswer.Value::text)
        .containsExactly("Skopje");
    assertThat(answer.attributes()).doesNotContainKey("BirthName");
  }

  @Test
  void theBirthNameJoinsNamesAtTheirLongest() {
    SimulatorKeys encryption = SimulatorKeys.ec("connector encryption");
    ConnectorPeer.EncryptionKey key =
        new ConnectorPeer.EncryptionKey(encryption.certificate(), List.of());
    String given = "G".repeat(PersonName.MAX_LENGTH);
    CommonIdentity longNames =
        LJUBICA.toBuilder()
            .givenName(PersonName.latinOnly(given))
            .birthFamilyName(
                PersonName.of("Stojanovska", "Стојановска", ScriptTag.MACEDONIAN_CYRILLIC))
            .build();
    byte[] response =
        EidasResponseWriter.success(
            MK,
            new EidasResponseWriter.Recipient("_request-1", CONNECTOR, URI.create(ACS)),
            new EidasResponseWriter.Assertion(
                longNames,
                "MK/BG/x",
                new EidasLevel(LevelOfAssurance.SUBSTANTIAL, false),
                EnumSet.of(NaturalPersonAttribute.BIRTH_NAME),
                "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"),
            key,
            AssertionEncryption.keyTransportFor(key, AlgorithmPolicy.eidasStrict()).orElseThrow(),
            Instant.now());

    assertThat(EidasAnswer.read(response, expected(encryption), Instant.now()).attributes())
        .containsEntry(
            "BirthName",
            List.of(
                new EidasAnswer.Value(
                    given + " Stojanovska", true, "eidas-natural:BirthNameType")));
  }

  @Test
  void theEcKeyAgreementIsTheEuNodes() {
    SimulatorKeys encryption = SimulatorKeys.ec("connector encryption");
    ConnectorPeer.EncryptionKey key =
        new ConnectorPeer.EncryptionKey(encryption.certificate(), List.of());
    String xml =
        new String(
            EidasResponseWriter.success(
                MK,
                new EidasResponseWriter.Recipient("_r", CONNECTOR, URI.create(ACS)),
                new EidasResponseWriter.Assertion(
                    LJUBICA,
                    "MK/BG/x",
                    new EidasLevel(LevelOfAssurance.SUBSTANTIAL, false),
                    EnumSet.of(NaturalPersonAttribute.PERSON_IDENTIFIER),
                    "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"),
                key,
                AssertionEncryption.keyTransportFor(key, AlgorithmPolicy.eidasStrict())
                    .orElseThrow(),
                Instant.now()),
            StandardCharsets.UTF_8);

    assertThat(xml)
        .contains("http://www.w3.org/2009/xmlenc11#aes256-gcm")
        .contains("http://www.w3.org/2009/xmlenc11#ECDH-ES")
        .contains("http://www.w3.org/2009/xmlenc11#ConcatKDF")
        .contains("http://www.w3.org/2001/04/xmlenc#kw-aes256")
        .contains("AlgorithmID=\"0000\"")
        .doesNotContain("Petrovska");
  }

  @Test
  void anAnswerForAnotherConnectorOrTamperedIsRefused() {
    SimulatorKeys encryption = SimulatorKeys.ec("connector encryption");
    ConnectorPeer.EncryptionKey key =
        new ConnectorPeer.EncryptionKey(encryption.certificate(), List.of());
    byte[] response =
        EidasResponseWriter.success(
            MK,
            new EidasResponseWriter.Recipient("_request-1", CONNECTOR, URI.create(ACS)),
            new EidasResponseWriter.Assertion(
                LJUBICA,
                "MK/BG/x",
                new EidasLevel(LevelOfAssurance.SUBSTANTIAL, false),
                EnumSet.of(NaturalPersonAttribute.PERSON_IDENTIFIER),
                "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"),
            key,
            AssertionEncryption.keyTransportFor(key, AlgorithmPolicy.eidasStrict()).orElseThrow(),
            Instant.now());
    EidasAnswer.Expected otherAudience =
        new EidasAnswer.Expected(
            MK.entityId(),
            List.of(MOST.certificate()),
            ACS,
            "_request-1",
            CONNECTOR + "/other",
            encryption.privateKey());

    assertThatThrownBy(() -> EidasAnswer.read(response, otherAudience, Instant.now()))
        .hasMessageContaining("Audience");
    byte[] tampered =
        new String(response, StandardCharsets.UTF_8)
            .replace("_request-1", "_request-2")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> EidasAnswer.read(tampered, expected(encryption), Instant.now()))
        .hasMessageContaining("signature");
  }

  @Test
  void aRefusalIsASignedResponseWithItsCodesAndNoAssertion() {
    byte[] response =
        EidasResponseWriter.failure(
            MK,
            new EidasResponseWriter.Recipient("_request-1", CONNECTOR, URI.create(ACS)),
            AuthnRequestRefusal.REQUESTER,
            Optional.of(AuthnRequestRefusal.NO_AUTHN_CONTEXT),
            "No national eID reaches the level asked for",
            Instant.now());

    EidasAnswer answer =
        EidasAnswer.read(
            response, expected(SimulatorKeys.ec("connector encryption")), Instant.now());

    assertThat(answer.status()).isEqualTo(AuthnRequestRefusal.REQUESTER);
    assertThat(answer.subStatus()).contains(AuthnRequestRefusal.NO_AUTHN_CONTEXT);
    assertThat(answer.message()).contains("No national eID reaches the level asked for");
    assertThat(answer.attributes()).isEmpty();
  }
}
