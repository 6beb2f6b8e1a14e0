package eu.mostbridge.broker.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import eu.mostbridge.adapter.AuthenticationFailure;
import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.bg.eauth.EAuthAdapter;
import eu.mostbridge.bg.eauth.EAuthSettings;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.LevelOfAssuranceNotation;
import eu.mostbridge.replay.InMemoryReplayCache;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.IdentityProviderPeer;
import eu.mostbridge.saml.SamlBinding;
import eu.mostbridge.saml.ServiceProviderIdentity;
import eu.mostbridge.simulator.SimulatorKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * The SAML response path (Base64, hardened parse, signature and decryption, the profile, mapping)
 * of the eAuth adapter on arbitrary documents: every answer ends in an {@link
 * AuthenticationFailure}, never another exception.
 */
class SamlResponseFuzzTest {
  private static final EAuthAdapter ADAPTER;
  private static final PendingAuthentication PENDING;

  static {
    SimulatorKeys sp = SimulatorKeys.rsa("sp");
    SimulatorKeys idp = SimulatorKeys.rsa("idp");
    URI acs = URI.create("https://most.test/callback/bg-eauth");
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
                        URI.create("https://eauth.test/sso"),
                        List.of(idp.certificate()))
                    .withAssertionRequirements(false, true),
                EAuthSettings.TEST_PROVIDER_OID,
                EAuthSettings.testServiceOids(),
                LevelOfAssuranceNotation.EAUTH_NAME,
                SamlBinding.POST,
                List.of(),
                AlgorithmPolicy.RSA_PSS_SHA256,
                Duration.ofMinutes(10)),
            new InMemoryReplayCache(),
            Clock.systemUTC());
    try {
      PENDING =
          ADAPTER
              .start(
                  new AuthenticationRequest(
                      LevelOfAssurance.LOW, CountryCode.MK, acs, Locale.ENGLISH, false))
              .pending();
    } catch (AuthenticationFailure e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest
  @DictionaryEntries({
    "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"",
    "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"",
    "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">",
    "<saml:EncryptedAssertion>",
    "Destination=\"https://most.test/callback/bg-eauth\"",
    "<!DOCTYPE",
    "<!--",
    "ID=\"_",
    "InResponseTo=\""
  })
  void everyAnswerEndsInAnAuthenticationFailure(byte[] xml) {
    String posted = Base64.getEncoder().encodeToString(xml);
    try {
      ADAPTER.complete(
          new NationalAnswer("POST", Map.of("SAMLResponse", List.of(posted))), PENDING);
    } catch (AuthenticationFailure expected) {
      // the documented refusal
    }
    try {
      ADAPTER.complete(
          new NationalAnswer(
              "POST",
              Map.of("SAMLResponse", List.of(new String(xml, StandardCharsets.ISO_8859_1)))),
          PENDING);
    } catch (AuthenticationFailure expected) {
      // not even Base64
    }
  }
}
