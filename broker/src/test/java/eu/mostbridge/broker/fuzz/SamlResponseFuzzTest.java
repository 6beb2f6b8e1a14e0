package eu.mostbridge.broker.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.bg.eauth.EAuthAdapter;
import eu.mostbridge.bg.eauth.EAuthSettings;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.LevelOfAssuranceNotation;
import eu.mostbridge.replay.InMemoryReplayCache;
import eu.mostbridge.saml.IdentityProviderPeer;
import eu.mostbridge.saml.SamlBinding;
import eu.mostbridge.saml.ServiceProviderIdentity;
import eu.mostbridge.simulator.Personas;
import eu.mostbridge.simulator.SimulatorKeys;
import eu.mostbridge.simulator.eauth.EAuthProfile;
import eu.mostbridge.simulator.http.SimulatorServer;
import eu.mostbridge.simulator.saml.RegisteredServiceProvider;
import eu.mostbridge.simulator.saml.SamlIdpSettings;
import eu.mostbridge.simulator.saml.SamlIdpSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * The SAML response path (Base64, hardened parse, signature and decryption, the profile, mapping)
 * of the eAuth adapter on arbitrary documents, and on a genuine signed, encrypted answer with
 * fuzzed bytes spliced in (so most inputs parse and reach the signature, decryption and profile
 * checks): every answer ends in the genuine person's identity or an {@link AuthenticationFailure}
 * that does not hide a failure of Most's own code, never another exception.
 */
class SamlResponseFuzzTest {
  private static final Pattern HANDLE = Pattern.compile("name=\"request\" value=\"([0-9a-f]+)\"");
  private static final Pattern SAML_RESPONSE =
      Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"");
  private static final EAuthAdapter ADAPTER;
  private static final PendingAuthentication PENDING;

  /** The national number of the persona the genuine answer is about (bg-maria). */
  private static final String GENUINE_PERSON = "8703141379";

  /** A genuine, signed answer to {@link #PENDING}, which the fuzzer splices its bytes into. */
  private static final byte[] GENUINE;

  static {
    SimulatorKeys sp = SimulatorKeys.rsa("sp");
    SimulatorKeys idpKeys = SimulatorKeys.rsa("idp");
    URI acs = URI.create("https://most.test/callback/bg-eauth");
    try (SimulatorServer server = SimulatorServer.onLoopback(0)) {
      SamlIdpSimulator idp =
          new SamlIdpSimulator(
              new EAuthProfile(),
              SamlIdpSettings.eidasStrict("https://eauth.test"),
              Personas.defaults(),
              idpKeys,
              List.of(
                  new RegisteredServiceProvider(
                      "https://most.test/saml/bg-eauth",
                      acs.toString(),
                      sp.certificate(),
                      sp.certificate())));
      server.mount("/eauth/", idp).start();
      ADAPTER =
          new EAuthAdapter(
              new EAuthSettings(
                  "bg-eauth",
                  new ServiceProviderIdentity(
                      "https://most.test/saml/bg-eauth",
                      acs,
                      new BasicX509Credential(sp.certificate(), sp.privateKey()),
                      List.of(new BasicX509Credential(sp.certificate(), sp.privateKey()))),
                  IdentityProviderPeer.strict(
                      "https://eauth.test",
                      server.baseUri().resolve("/eauth/SingleSignOnService"),
                      List.of(idpKeys.certificate())),
                  EAuthSettings.TEST_PROVIDER_OID,
                  EAuthSettings.testServiceOids(),
                  LevelOfAssuranceNotation.EAUTH_NAME,
                  SamlBinding.REDIRECT,
                  List.of(),
                  EAuthSettings.REQUEST_SIGNATURE_ALGORITHM,
                  Duration.ofMinutes(30)),
              new InMemoryReplayCache(),
              Clock.systemUTC());
      AuthenticationStart start =
          ADAPTER.start(
              new AuthenticationRequest(
                  LevelOfAssurance.LOW, CountryCode.MK, acs, Locale.ENGLISH, false));
      PENDING = start.pending();
      HttpClient http = HttpClient.newHttpClient();
      String picker =
          http.send(
                  HttpRequest.newBuilder(start.step().target()).GET().build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher handle = HANDLE.matcher(picker);
      if (!handle.find()) {
        throw new IllegalStateException("No picker page: " + picker);
      }
      String answer =
          http.send(
                  HttpRequest.newBuilder(server.baseUri().resolve("/eauth/login"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "request=" + handle.group(1) + "&persona=bg-maria&action=login"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher response = SAML_RESPONSE.matcher(answer);
      if (!response.find()) {
        throw new IllegalStateException("No SAMLResponse: " + answer);
      }
      GENUINE = Base64.getDecoder().decode(response.group(1));
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest
  @DictionaryEntries({
    "<saml2:Assertion",
    "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">",
    "<saml2:EncryptedAssertion>",
    "<!DOCTYPE",
    "<!--",
    "ID=\"_",
    "InResponseTo=\"",
    "Destination=\"",
    "NotOnOrAfter=\"",
    "Algorithm=\""
  })
  void everyAnswerEndsInAnAuthenticationFailure(FuzzedDataProvider data) {
    byte[] xml;
    if (data.consumeBoolean()) {
      // A genuine signed answer with a fuzzed splice: parses, and reaches the deep checks.
      xml = AnswerFuzzing.Splice.consume(data).apply(GENUINE);
    } else {
      xml = data.consumeRemainingAsBytes();
    }
    try {
      CommonIdentity accepted =
          ADAPTER.complete(
              new NationalAnswer(
                  "POST", Map.of("SAMLResponse", List.of(Base64.getEncoder().encodeToString(xml)))),
              PENDING);
      // A change the validation let through touched nothing signed: it is the genuine person.
      AnswerFuzzing.requireGenuine(accepted, GENUINE_PERSON);
    } catch (AuthenticationFailure refused) {
      AnswerFuzzing.requireNoHiddenFailure(refused);
    }
  }
}
