package eu.mostbridge.broker.eidas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.adapter.AuthenticationRequest;
import eu.mostbridge.adapter.AuthenticationStart;
import eu.mostbridge.adapter.CountryAdapter;
import eu.mostbridge.adapter.NationalAnswer;
import eu.mostbridge.adapter.PendingAuthentication;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.connector.EidasConfig;
import eu.mostbridge.broker.connector.TestEidasConfig;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.eidas.EidasLevel;
import eu.mostbridge.saml.eidas.ProxyServiceIdentity;
import eu.mostbridge.simulator.SimulatorKeys;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opensaml.security.x509.BasicX509Credential;

/** The start-up rules of the eIDAS identity providers, each seen refusing its case. */
class ProxyServicesTest {
  private static final IssuerUrl ISSUER = new IssuerUrl("https://most.example");

  private static final Map<String, String> PUBLISHER =
      Map.of(
          "most.eidas.publisher.organization-name", "Most test",
          "most.eidas.publisher.support-email", "s@most.example",
          "most.eidas.publisher.technical-email", "t@most.example");

  static EidasConfig config(Map<String, String> values) {
    return TestEidasConfig.of(values);
  }

  private static ProxyServiceKeys keys() {
    SimulatorKeys signing = SimulatorKeys.ec("signing");
    return new ProxyServiceKeys(
        new BasicX509Credential(signing.certificate(), signing.privateKey()),
        List.of(),
        SimulatorKeys.ec("encryption").certificate(),
        AlgorithmPolicy.ECDSA_SHA256);
  }

  private static CountryAdapter eid(String id, CountryCode country, LevelOfAssurance... levels) {
    return new CountryAdapter() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public CountryCode country() {
        return country;
      }

      @Override
      public Set<LevelOfAssurance> supportedLevels() {
        return EnumSet.copyOf(List.of(levels));
      }

      @Override
      public AuthenticationStart start(AuthenticationRequest request) {
        throw new UnsupportedOperationException();
      }

      @Override
      public String correlationOf(NationalAnswer answer) {
        throw new UnsupportedOperationException();
      }

      @Override
      public CommonIdentity complete(NationalAnswer answer, PendingAuthentication pending) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private static final List<CountryAdapter> EIDS =
      List.of(
          eid("bg-eauth", CountryCode.BG, LevelOfAssurance.LOW, LevelOfAssurance.HIGH),
          eid("bg-mvr-eid", CountryCode.BG, LevelOfAssurance.SUBSTANTIAL, LevelOfAssurance.HIGH),
          eid("mk-eid", CountryCode.MK, LevelOfAssurance.SUBSTANTIAL));

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> all = new HashMap<>(base);
    all.put(key, value);
    return all;
  }

  @Test
  void eachCountryOffersTheLevelsOfItsEidsInItsFamily() {
    Map<CountryCode, ProxyServiceIdentity> built =
        ProxyServices.build(
            Map.of(CountryCode.BG, keys(), CountryCode.MK, keys()),
            EIDS,
            config(with(PUBLISHER, "most.eidas.notified-eids", "bg-eauth,bg-mvr-eid")),
            ISSUER);

    assertThat(built.get(CountryCode.BG).levels())
        .containsExactly(
            new EidasLevel(LevelOfAssurance.LOW, true),
            new EidasLevel(LevelOfAssurance.SUBSTANTIAL, true),
            new EidasLevel(LevelOfAssurance.HIGH, true));
    assertThat(built.get(CountryCode.MK).levels())
        .containsExactly(new EidasLevel(LevelOfAssurance.SUBSTANTIAL, false));
    assertThat(built.get(CountryCode.MK).entityId())
        .isEqualTo("https://most.example/eidas/mk/metadata");
    assertThat(built.get(CountryCode.MK).singleSignOnService())
        .hasToString("https://most.example/eidas/mk/sso");
    assertThat(built.get(CountryCode.MK).publisher().contacts()).hasSize(2);
  }

  @Test
  void aNonMemberStatesEidCannotBeNotified() {
    assertThatThrownBy(
            () ->
                ProxyServices.build(
                    Map.of(CountryCode.MK, keys()),
                    EIDS,
                    config(with(PUBLISHER, "most.eidas.notified-eids", "mk-eid")),
                    ISSUER))
        .hasMessageContaining("mk-eid identifies citizens of MK, not a member state");
  }

  @Test
  void anUnknownNotifiedEidIsRefused() {
    assertThatThrownBy(
            () ->
                ProxyServices.build(
                    Map.of(),
                    EIDS,
                    config(with(PUBLISHER, "most.eidas.notified-eids", "bg-eauht")),
                    ISSUER))
        .hasMessageContaining("bg-eauht is not a configured national eID");
  }

  @Test
  void aCountryWhoseEidsArePartlyNotifiedIsRefused() {
    assertThatThrownBy(
            () ->
                ProxyServices.build(
                    Map.of(CountryCode.BG, keys()),
                    EIDS,
                    config(with(PUBLISHER, "most.eidas.notified-eids", "bg-eauth")),
                    ISSUER))
        .hasMessageContaining("most.eidas.proxy-services.bg")
        .hasMessageContaining("never mix");
  }

  @Test
  void aCountryWithoutNationalEidIsRefused() {
    assertThatThrownBy(
            () ->
                ProxyServices.build(
                    Map.of(CountryCode.of("RO"), keys()), EIDS, config(PUBLISHER), ISSUER))
        .hasMessageContaining("most.eidas.proxy-services.ro: no national eID of RO");
  }

  @Test
  void thePublisherMustBeNamed() {
    assertThatThrownBy(
            () ->
                ProxyServices.build(
                    Map.of(CountryCode.MK, keys()),
                    EIDS,
                    config(Map.of("most.eidas.publisher.organization-name", "Most test")),
                    ISSUER))
        .hasMessageContaining("most.eidas.publisher.support-email")
        .hasMessageContaining("most.eidas.publisher.technical-email");
  }

  @Test
  void nothingIsNeededWithoutIdentityProviders() {
    assertThat(ProxyServices.build(Map.of(), EIDS, config(Map.of()), ISSUER)).isEmpty();
  }

  @Test
  void aKeyStoreWhoseCertificateIsNotItsKeysIsCaught() {
    SimulatorKeys one = SimulatorKeys.ec("one");
    SimulatorKeys other = SimulatorKeys.ec("other");
    SimulatorKeys rsa = SimulatorKeys.rsa("rsa");

    assertThat(ConfiguredProxyServiceKeys.pair(one.privateKey(), one.certificate())).isTrue();
    assertThat(ConfiguredProxyServiceKeys.pair(rsa.privateKey(), rsa.certificate())).isTrue();
    assertThat(ConfiguredProxyServiceKeys.pair(one.privateKey(), other.certificate())).isFalse();
    assertThat(ConfiguredProxyServiceKeys.pair(one.privateKey(), rsa.certificate())).isFalse();
  }

  @Test
  void aSectionNamesItsCountryInLowerCase() {
    assertThat(ConfiguredProxyServiceKeys.country("mk")).isEqualTo(CountryCode.MK);
    assertThatThrownBy(() -> ConfiguredProxyServiceKeys.country("MK"))
        .hasMessageContaining("lower case");
    assertThatThrownBy(() -> ConfiguredProxyServiceKeys.country("xx"))
        .hasMessageContaining("not a country code");
  }
}
