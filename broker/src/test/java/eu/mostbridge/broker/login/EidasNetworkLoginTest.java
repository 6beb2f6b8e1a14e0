package eu.mostbridge.broker.login;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import eu.mostbridge.broker.security.TestLogs;
import eu.mostbridge.demo.DemoEidasNetwork;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.simulator.eidas.ProxyServiceMisbehaviour;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Citizens of other member states logging in to a Macedonian service through Most as an eIDAS
 * connector, over real HTTP: the relying party's OpenID Connect request, the choice page listing
 * the member states after the national eIDs, the demo's simulated ProxyServices (their own XML
 * signatures and JCA encryption), Most's one consumer service, consent and tokens; misbehaving
 * ProxyServices refused on a page, with an audit event, never a 500.
 */
@QuarkusTest
class EidasNetworkLoginTest {
  private static final String PORTAL = "mk-eu-portal";
  private static final String CALLBACK = "https://eu-portal.mk.test/callback";
  private static final String BASE = LoginFlowTest.BASE;

  @Inject DemoEidasNetwork network;

  @AfterEach
  void behave() {
    for (String country : List.of("EL", "HR", "EE")) {
      network.proxyService(CountryCode.of(country)).orElseThrow().misbehave(Set.of());
    }
  }

  private static StartedLogin authorize(Map<String, String> extra) throws Exception {
    return LoginFlowTest.authorize(PORTAL, CALLBACK, extra);
  }

  @ParameterizedTest(name = "scope {0}")
  @CsvSource({"eidas:country:gr", "eidas:country:el"})
  void aGreekCitizenLogsInToAMacedonianService(String scope) throws Exception {
    StartedLogin started =
        authorize(
            Map.of(
                "scope",
                "openid profile " + scope,
                "acr_values",
                "http://eidas.europa.eu/LoA/high"));
    Browser.Page consent = LoginFlowTest.national(started, "el-eidas", "el-eleni", "login");
    assertThat(consent.status()).as(consent.body()).isEqualTo(200);
    assertThat(Browser.unescape(consent.body()))
        .contains("Papadopoulou")
        .contains("Παπαδοπούλου")
        .contains("Family name (Greek)")
        .doesNotContain("family_name#el-Grek");

    Browser.Page back = LoginFlowTest.consent(started, consent, "allow");
    assertThat(back.uri().toString()).startsWith(CALLBACK + "?");
    Response tokens =
        LoginFlowTest.redeem(PORTAL, back.query().get("code"), CALLBACK, started.verifier());
    assertThat(tokens.statusCode()).as(tokens.asString()).isEqualTo(200);
    JWTClaimsSet claims =
        LoginFlowTest.verifiedIdToken(
            tokens.jsonPath().getString("id_token"), PORTAL, started.nonce());

    assertThat(claims.getStringClaim("person_identifier"))
        .as("a pseudonymous client never sees the Greek identifier")
        .matches("EL/MK/p1\\.[0-9a-f]{64}");
    assertThat(claims.getStringClaim("family_name")).isEqualTo("Papadopoulou");
    assertThat(claims.getStringClaim("family_name#el-Grek")).isEqualTo("Παπαδοπούλου");
    assertThat(claims.getStringClaim("given_name")).isEqualTo("Eleni");
    assertThat(claims.getStringClaim("birthdate")).isEqualTo("1990-05-17");
    assertThat(claims.getStringClaim("gender")).isEqualTo("female");
    assertThat(claims.getStringClaim("acr")).isEqualTo("http://eidas.europa.eu/LoA/high");
    assertThat(claims.getStringListClaim("amr")).containsExactly("el-eidas");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "en, Greece, Croatia, Estonia",
    "bg, Гърция, Хърватия, Естония",
    "mk, Грција, Хрватска, Естонија"
  })
  void theChoiceListsTheMemberStatesAfterTheNationalEidsInTheCitizensLanguage(
      String language, String greece, String croatia, String estonia) throws Exception {
    StartedLogin started = authorize(Map.of("ui_locales", language));
    String page = Browser.unescape(started.page().body());

    assertThat(page).contains(greece).contains(croatia).contains(estonia);
    assertThat(page.indexOf("value=\"bg-eauth\""))
        .as("the national eIDs come first")
        .isLessThan(page.indexOf("value=\"el-eidas\""));
  }

  @Test
  void aRelyingPartyRestrictedToOneMemberStateGoesStraightToItsProxyService() throws Exception {
    StartedLogin started = authorize(Map.of("scope", "openid eidas:country:hr"));

    assertThat(started.page().body()).contains("/sim/eidas-hr/sso").doesNotContain("el-eidas");
  }

  @Test
  void aCroatianCitizenWhosePsSignsWithPssAndSendsLatinNamesOnly() throws Exception {
    StartedLogin started = authorize(Map.of("scope", "openid eidas:country:hr"));
    Browser.Page consent = LoginFlowTest.national(started, "hr-eidas", "hr-ivana", "login");
    assertThat(consent.status()).as(consent.body()).isEqualTo(200);
    Browser.Page back = LoginFlowTest.consent(started, consent, "allow");
    JWTClaimsSet claims =
        LoginFlowTest.verifiedIdToken(
            LoginFlowTest.redeem(PORTAL, back.query().get("code"), CALLBACK, started.verifier())
                .jsonPath()
                .getString("id_token"),
            PORTAL,
            started.nonce());

    assertThat(claims.getStringClaim("family_name")).isEqualTo("Kovačić");
    assertThat(claims.getStringClaim("person_identifier")).startsWith("HR/MK/");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "UNSIGNED_RESPONSE, BAD_SIGNATURE",
    "TRIPLE_DES, BAD_SIGNATURE",
    "RSA_1_5, BAD_SIGNATURE",
    "WRONG_PERSON_IDENTIFIER_PREFIX, INVALID_IDENTITY",
    "TWO_ASSERTIONS, MALFORMED_ANSWER",
    "WRONG_AUDIENCE, WRONG_PARTY"
  })
  void aMisbehavingProxyServiceIsRefusedOnAPageWithAnAuditEvent(
      ProxyServiceMisbehaviour fault, String reason) throws Exception {
    network.proxyService(CountryCode.of("EL")).orElseThrow().misbehave(Set.of(fault));
    StartedLogin started = authorize(Map.of("scope", "openid eidas:country:el"));
    int before = TestLogs.auditEvents().size();

    Browser.Page page = LoginFlowTest.national(started, "el-eidas", "el-eleni", "login");

    assertThat(page.status()).as(page.body()).isBetween(400, 499);
    Browser.assertNoStackTrace(page);
    List<String> events = TestLogs.auditEvents();
    assertThat(events.subList(before, events.size()))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("\"national.failed\"")
                    .contains("\"el-eidas\"")
                    .contains("\"" + reason + "\""));
  }

  @Test
  void mostsConnectorMetadataIsSignedAndSaysWhatAProxyServiceNeeds() {
    Response metadata = given().get("/eidas/connector/metadata");

    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(metadata.asString())
        .contains("entityID=\"" + BASE + "/eidas/connector/metadata\"")
        .contains("AuthnRequestsSigned=\"true\"")
        .contains(">MK</eidas:NodeCountry>")
        .contains(">public</eidas:SPType>")
        .contains("http://eidas.europa.eu/entity-attributes/protocol-version")
        .contains("Location=\"" + BASE + "/callback/eidas-network\"")
        .contains("use=\"encryption\"")
        .contains("http://www.w3.org/2009/xmlenc11#ECDH-ES")
        .contains("<ds:Signature");
  }

  @Test
  void discoveryOffersAScopePerMemberStateGreeceUnderBothCodes() {
    List<String> scopes =
        given().get("/.well-known/openid-configuration").jsonPath().getList("scopes_supported");

    assertThat(scopes)
        .contains("eidas:country:el", "eidas:country:gr", "eidas:country:hr", "eidas:country:ee");
  }
}
