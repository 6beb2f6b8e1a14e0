package eu.mostbridge.broker.state;

import static org.assertj.core.api.Assertions.assertThat;

import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.broker.client.ClientFile;
import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.client.ClientRegistry;
import eu.mostbridge.broker.connector.ConnectorRegistration;
import eu.mostbridge.broker.connector.Connectors;
import eu.mostbridge.broker.flow.LoginFlow;
import eu.mostbridge.broker.flow.LoginRequest;
import eu.mostbridge.broker.flow.PushedRequests.Pushed;
import eu.mostbridge.broker.flow.SamlReturn;
import eu.mostbridge.broker.flow.ValidatedAuthorization;
import eu.mostbridge.broker.token.AccessGrant;
import eu.mostbridge.broker.token.IssuedCode;
import eu.mostbridge.broker.token.ReleasedClaims;
import eu.mostbridge.broker.token.RequestedClaims;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.Gender;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.PersonIdentifier;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.identity.PostalAddress;
import eu.mostbridge.identity.ScriptTag;
import eu.mostbridge.saml.eidas.ConnectorPeer;
import eu.mostbridge.saml.eidas.EidasAuthnRequest;
import eu.mostbridge.saml.eidas.EidasLevel;
import eu.mostbridge.saml.eidas.EidasNames;
import eu.mostbridge.saml.eidas.LevelRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What replicas hand each other: every stored value survives the trip through its JSON form
 * unchanged, and an entry that cannot be read back is refused as a whole.
 */
class StateCodecTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  private final List<ClientRegistration> registrations;
  private final StateCodec codec;

  StateCodecTest() throws Exception {
    registrations =
        ClientFile.parse(
            """
            clients:
              - id: portal
                names: {bg: "а", mk: "б", en: "c"}
                redirectUris: [https://a.test/cb]
                jwksUri: https://a.test/jwks
                allowedCountries: [BG, MK]
            """);
    codec = new StateCodec(ClientRegistry.of(registrations), Connectors.of(List.of(CONNECTOR)));
  }

  /** A connector as its metadata described it, to an eIDAS login. */
  static final ConnectorRegistration CONNECTOR =
      new ConnectorRegistration(
          "bg-node",
          "https://eidas.example.bg/ConnectorMetadata",
          "Bulgarian eIDAS node",
          () ->
              Optional.of(
                  new ConnectorPeer(
                      "https://eidas.example.bg/ConnectorMetadata",
                      Optional.of(CountryCode.BG),
                      Optional.of(ConnectorPeer.SpType.PUBLIC),
                      List.of(),
                      List.of(),
                      List.of(
                          new ConnectorPeer.AssertionConsumerService(
                              java.net.URI.create("https://eidas.example.bg/ColleagueResponse"),
                              0,
                              true)),
                      List.of("1.4"),
                      Optional.empty())),
          Optional.empty(),
          Optional.empty(),
          java.util.Set.of(),
          eu.mostbridge.broker.client.IdentifierPolicy.PSEUDONYM);

  /** An eIDAS login of a Macedonian citizen, as the SSO endpoint starts it. */
  static LoginFlow samlLogin() {
    EidasAuthnRequest request =
        new EidasAuthnRequest(
            "_request-1",
            "https://eidas.example.bg/ConnectorMetadata",
            java.net.URI.create("https://eidas.example.bg/ColleagueResponse"),
            Optional.of("relay-1"),
            ConnectorPeer.SpType.PUBLIC,
            java.util.Set.of(EidasNames.NaturalPersonAttribute.PERSON_IDENTIFIER),
            java.util.Set.of(EidasNames.NaturalPersonAttribute.PERSON_IDENTIFIER),
            new LevelRequest(
                LevelRequest.Comparison.EXACT,
                List.of(new EidasLevel(LevelOfAssurance.SUBSTANTIAL, false))),
            "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
            Optional.of("https://service.example.bg"),
            NOW);
    return LoginFlow.start(
            "flow-saml",
            "browser-saml",
            new LoginRequest(
                java.util.Set.of(CountryCode.MK),
                LevelOfAssurance.SUBSTANTIAL,
                Optional.empty(),
                true,
                Optional.empty()),
            new SamlReturn(CONNECTOR, CountryCode.MK, request),
            "csrf-saml",
            NOW)
        .identified(everything(), NOW.plusSeconds(20));
  }

  /** A synthetic Macedonian citizen (EMBG made up, checksum-valid) with every optional value. */
  static CommonIdentity everything() {
    return CommonIdentity.builder()
        .personIdentifier(PersonIdentifier.parse("MK/BG/0101990450006"))
        .givenName(PersonName.of("Gjorgji", "Ѓорѓи", ScriptTag.MACEDONIAN_CYRILLIC))
        .familyName(PersonName.of("Dzhambazovski", "Џамбазовски", ScriptTag.MACEDONIAN_CYRILLIC))
        .birthFamilyName(PersonName.latinOnly("Testov"))
        .dateOfBirth(LocalDate.of(1990, 1, 1))
        .gender(Gender.MALE)
        .placeOfBirth("Скопје")
        .currentAddress(new PostalAddress("ул. Тест 1, Скопје"))
        .nationality(CountryCode.MK)
        .levelOfAssurance(LevelOfAssurance.HIGH)
        .originCountry(CountryCode.MK)
        .authenticationInstant(NOW.minusSeconds(5))
        .build();
  }

  private static CommonIdentity onlyRequired() {
    return CommonIdentity.builder()
        .personIdentifier(PersonIdentifier.parse("BG/MK/8703141379"))
        .givenName(PersonName.latinOnly("Maria"))
        .familyName(PersonName.latinOnly("Petrova"))
        .dateOfBirth(LocalDate.of(1987, 3, 14))
        .levelOfAssurance(LevelOfAssurance.SUBSTANTIAL)
        .originCountry(CountryCode.BG)
        .authenticationInstant(NOW)
        .build();
  }

  private ValidatedAuthorization request() {
    return request(registrations.get(0));
  }

  /** An accepted authorization request of {@code client} with every optional value. */
  static ValidatedAuthorization request(ClientRegistration client) {
    return new ValidatedAuthorization(
        client,
        URI.create("https://a.test/cb"),
        Optional.of("st\"ate"),
        Optional.empty(),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        Set.of(CountryCode.BG, CountryCode.MK),
        LevelOfAssurance.SUBSTANTIAL,
        Optional.of(Locale.forLanguageTag("mk")),
        true,
        Optional.of(Duration.ofMinutes(5)),
        new RequestedClaims(true, Set.of("birthdate", "acr")),
        "openid eidas:country:bg");
  }

  private <T> T roundTrip(T value, Class<T> type) {
    String stored = codec.write(value);
    Optional<T> read = codec.read(stored, type);
    assertThat(read).as(stored).isPresent();
    return read.get();
  }

  @Test
  void aLoginFlowSurvivesEveryStep() {
    LoginFlow started =
        LoginFlow.start(
            "flow-1", "browser-1", request().login(), request().channel(), "csrf-1", NOW);
    PendingAuthentication pending =
        new PendingAuthentication(
            "bg-mvr-eid",
            "corr-1",
            LevelOfAssurance.SUBSTANTIAL,
            CountryCode.MK,
            NOW.plusSeconds(600),
            Map.of("nonce", "n-1", "pkce", "v-1"));
    LoginFlow awaiting = started.speaking("bg").awaiting("bg-mvr-eid", pending, NOW.plusSeconds(2));
    LoginFlow identified = awaiting.identified(everything(), NOW.plusSeconds(20));

    for (LoginFlow flow : List.of(started, awaiting, identified, identified.choosingAgain(NOW))) {
      assertThat(roundTrip(flow, LoginFlow.class)).isEqualTo(flow);
    }
    // The largest entry a replica holds and hands over; docs/DEPLOYMENT.md#scaling cites it.
    int largest = codec.write(identified).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    System.out.println("Largest login flow entry: " + largest + " bytes of JSON");
    assertThat(largest).isLessThan(4096);
  }

  /**
   * The largest login one client and one national answer can make Most keep: every value the
   * relying party sends at its length limit, every name at its own. docs/BENCHMARKS.md cites the
   * figure; the bound on logins in flight multiplies it.
   */
  @Test
  void theLargestLoginIsBounded() {
    StringBuilder claimNames = new StringBuilder();
    java.util.Set<String> asked = new java.util.LinkedHashSet<>();
    for (int i = 0; claimNames.length() < 4096 - 20; i++) {
      String name = "claim_" + i;
      asked.add(name);
      claimNames.append('"').append(name).append("\":null,");
    }
    ValidatedAuthorization largest =
        new ValidatedAuthorization(
            registrations.get(0),
            URI.create("https://a.test/" + "p".repeat(2048 - 15)),
            Optional.of("s".repeat(2048)),
            Optional.of("n".repeat(512)),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            Set.of(CountryCode.BG, CountryCode.MK),
            LevelOfAssurance.HIGH,
            Optional.of(Locale.forLanguageTag("mk")),
            true,
            Optional.of(Duration.ofSeconds(999_999_999L)),
            new RequestedClaims(true, asked),
            "openid profile eidas:country:bg eidas:country:mk");
    String longest = "Ђ".repeat(PersonName.MAX_LENGTH);
    CommonIdentity identity =
        CommonIdentity.builder()
            .personIdentifier(PersonIdentifier.parse("MK/BG/0101990450006"))
            .givenName(
                PersonName.of(
                    "G".repeat(PersonName.MAX_LENGTH), longest, ScriptTag.MACEDONIAN_CYRILLIC))
            .familyName(
                PersonName.of(
                    "D".repeat(PersonName.MAX_LENGTH), longest, ScriptTag.MACEDONIAN_CYRILLIC))
            .birthFamilyName(
                PersonName.of(
                    "B".repeat(PersonName.MAX_LENGTH), longest, ScriptTag.MACEDONIAN_CYRILLIC))
            .dateOfBirth(LocalDate.of(1990, 1, 1))
            .gender(Gender.MALE)
            .placeOfBirth("С".repeat(256))
            .currentAddress(new PostalAddress("А".repeat(PostalAddress.MAX_LENGTH)))
            .nationality(CountryCode.MK)
            .levelOfAssurance(LevelOfAssurance.HIGH)
            .originCountry(CountryCode.MK)
            .authenticationInstant(NOW.minusSeconds(5))
            .build();
    LoginFlow atConsent =
        LoginFlow.start(
                "f".repeat(43),
                "b".repeat(43),
                largest.login(),
                largest.channel(),
                "c".repeat(43),
                NOW)
            .speaking("mk")
            .identified(identity, NOW);

    String stored = codec.write(atConsent);
    assertThat(roundTrip(atConsent, LoginFlow.class)).isEqualTo(atConsent);
    int bytes = stored.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    // Java keeps a string with Cyrillic in it as UTF-16: two bytes a character.
    System.out.println(
        "Largest login flow entry: "
            + bytes
            + " bytes of JSON, "
            + stored.length() * 2
            + " bytes as a Java string");
    assertThat(stored.length() * 2).isLessThan(32 * 1024);
  }

  /**
   * The largest login anyone can make Most keep without a national authentication: every value of
   * the request at its length limit, in characters Java stores in two bytes, every releasable claim
   * asked for in the ID token, waiting at the national eID. The default bound on logins in flight
   * is derived from it.
   */
  @Test
  void theLargestAnonymousLoginFitsTheBudgetTheDefaultBoundAssumes() {
    ValidatedAuthorization largest =
        new ValidatedAuthorization(
            registrations.get(0),
            URI.create("https://a.test/cb"),
            Optional.of("€".repeat(2048)),
            Optional.of("€".repeat(512)),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            Set.of(CountryCode.BG, CountryCode.MK),
            LevelOfAssurance.HIGH,
            Optional.of(Locale.forLanguageTag("mk")),
            true,
            Optional.of(Duration.ofSeconds(999_999_999L)),
            new RequestedClaims(true, Set.copyOf(ReleasedClaims.RELEASABLE)),
            "openid profile eidas:country:bg eidas:country:mk");
    PendingAuthentication pending =
        new PendingAuthentication(
            "bg-mvr-eid",
            "x".repeat(43),
            LevelOfAssurance.HIGH,
            CountryCode.MK,
            NOW.plusSeconds(900),
            Map.of(
                "nonce",
                "n".repeat(43),
                "code_verifier",
                "v".repeat(86),
                "reauthenticate_since",
                "1"));
    LoginFlow waiting =
        LoginFlow.start(
                "f".repeat(43),
                "b".repeat(43),
                largest.login(),
                largest.channel(),
                "c".repeat(43),
                NOW)
            .speaking("mk")
            .awaiting("bg-mvr-eid", pending, NOW);

    int heap = codec.write(waiting).length() * 2;
    System.out.println("Largest anonymous login: " + heap + " bytes as a Java string");
    // The rest of the budget: the entry's key and Infinispan's metadata, and the login's national
    // request entry, a few hundred bytes in all.
    assertThat(heap + 1024L).isLessThanOrEqualTo(StateCachesProducer.LARGEST_ANONYMOUS_LOGIN_BYTES);
  }

  @Test
  void codesGrantsAndPushedRequestsSurvive() {
    IssuedCode code =
        new IssuedCode(
            "portal",
            URI.create("https://a.test/cb"),
            "challenge",
            Optional.of("nonce"),
            onlyRequired(),
            "bg-eauth",
            RequestedClaims.NONE,
            "openid",
            NOW.plusSeconds(60));
    assertThat(roundTrip(code, IssuedCode.class)).isEqualTo(code);

    AccessGrant grant =
        new AccessGrant("portal", everything(), "mk-eid", new RequestedClaims(true, Set.of()), NOW);
    assertThat(roundTrip(grant, AccessGrant.class)).isEqualTo(grant);

    Pushed pushed =
        new Pushed(
            "portal",
            Map.of("scope", List.of("openid"), "state", List.of("a", "b")),
            NOW.plusSeconds(60));
    assertThat(roundTrip(pushed, Pushed.class)).isEqualTo(pushed);
  }

  /**
   * A login waiting for the national eID (in {@code login-flow-awaiting.json}) and then identified
   * ({@code login-flow.json}), with one value in every set and map so that its JSON has one order.
   */
  private Map<String, LoginFlow> fixedLogins() {
    ValidatedAuthorization request =
        new ValidatedAuthorization(
            registrations.get(0),
            URI.create("https://a.test/cb"),
            Optional.of("st\"ate"),
            Optional.of("n-0"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            Set.of(CountryCode.MK),
            LevelOfAssurance.SUBSTANTIAL,
            Optional.of(Locale.forLanguageTag("mk")),
            true,
            Optional.of(Duration.ofMinutes(5)),
            new RequestedClaims(true, Set.of("birthdate")),
            "openid eidas:country:mk");
    PendingAuthentication pending =
        new PendingAuthentication(
            "mk-eid",
            "corr-1",
            LevelOfAssurance.SUBSTANTIAL,
            CountryCode.BG,
            NOW.plusSeconds(600),
            Map.of("nonce", "n-1"));
    LoginFlow awaiting =
        LoginFlow.start("flow-1", "browser-1", request.login(), request.channel(), "csrf-1", NOW)
            .speaking("bg")
            .awaiting("mk-eid", pending, NOW.plusSeconds(2));
    return Map.of(
        "login-flow-saml.json",
        samlLogin(),
        "login-flow-awaiting.json",
        awaiting,
        "login-flow.json",
        awaiting.identified(everything(), NOW.plusSeconds(20)));
  }

  /**
   * Replicas of two versions share the caches during a rolling upgrade (docs/DEPLOYMENT.md), so the
   * stored form of a login is a contract: this version reads the committed form as the same login
   * and writes the same form (the same JSON, member order aside). A change to {@link LoginFlow} or
   * its request that alters it fails here, and needs a plan for the replicas still running the
   * version before.
   */
  @Test
  void theStoredFormOfALoginIsFixed() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (Map.Entry<String, LoginFlow> fixedLogin : fixedLogins().entrySet()) {
      String fixed =
          new String(
              java.util.Objects.requireNonNull(
                      StateCodecTest.class.getResourceAsStream(fixedLogin.getKey()),
                      fixedLogin.getKey())
                  .readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8);
      String written = codec.write(fixedLogin.getValue());
      assertThat(codec.read(fixed, LoginFlow.class))
          .as(fixedLogin.getKey())
          .contains(fixedLogin.getValue());
      assertThat(json.readTree(written))
          .as("%s: %s", fixedLogin.getKey(), written)
          .isEqualTo(json.readTree(fixed));
    }
  }

  /**
   * A tripwire: {@code StoredLogin} knows how to store an OpenID Connect login only. A new kind of
   * channel needs its stored form there, and a fixture here, before its first login can be kept.
   */
  @Test
  void everyKindOfChannelHasAStoredForm() {
    assertThat(eu.mostbridge.broker.flow.ReturnChannel.class.getPermittedSubclasses())
        .as("kinds of channel with a stored form in StoredLogin")
        .containsExactly(
            eu.mostbridge.broker.flow.OidcReturn.class, eu.mostbridge.broker.flow.SamlReturn.class);
  }

  @Test
  void anEidasLoginIsStoredWithItsRequestAndConnectorById() {
    LoginFlow login = samlLogin();
    String stored = codec.write(login);

    assertThat(codec.read(stored, LoginFlow.class)).contains(login);
    assertThat(stored).contains("\"connector\":\"bg-node\"").contains("\"request\":null");
    assertThat(new StateCodec(ClientRegistry.of(registrations)).read(stored, LoginFlow.class))
        .as("a connector no longer trusted ends its logins")
        .isEmpty();
  }

  @Test
  void aFlowOfAClientNoLongerRegisteredIsNotRead() {
    String stored =
        codec.write(
            LoginFlow.start(
                "flow-2", "browser-2", request().login(), request().channel(), "csrf-2", NOW));
    StateCodec afterReconfiguration = new StateCodec(ClientRegistry.of(List.of()));

    assertThat(afterReconfiguration.read(stored, LoginFlow.class)).isEmpty();
  }

  @Test
  void aDamagedOrForeignEntryIsNotRead() {
    String stored =
        codec.write(new AccessGrant("portal", everything(), "mk-eid", RequestedClaims.NONE, NOW));

    assertThat(codec.read(stored.replace("\"HIGH\"", "\"VERY_HIGH\""), AccessGrant.class))
        .isEmpty();
    assertThat(codec.read(stored.replace("MK/BG/", "XX/"), AccessGrant.class)).isEmpty();
    assertThat(codec.read(stored.substring(0, stored.length() / 2), AccessGrant.class)).isEmpty();
    assertThat(codec.read(null, AccessGrant.class)).isEmpty();
  }
}
