package eu.mostbridge.demo;

import eu.mostbridge.broker.client.BuiltInClients;
import eu.mostbridge.broker.client.ClientFile;
import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.client.IdentifierPolicy;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.country.NationalEidRegistry;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's clients, registered in code because their URLs follow the demo's port. Stable names,
 * relied on by outside tools:
 *
 * <ul>
 *   <li>{@code demo-bg-service}: a Bulgarian service receiving Macedonian citizens (national
 *       numbers), at {@code /demo/bg-service/};
 *   <li>{@code demo-mk-service}: a Macedonian service receiving Bulgarian citizens (pseudonyms), at
 *       {@code /demo/mk-service/};
 *   <li>{@code demo-tester}: a public client (no secret, PKCE) accepting any redirect URI {@code
 *       http://127.0.0.1:<port>/<path>} or {@code http://[::1]:<port>/<path>}, for trying any OIDC
 *       library against the demo.
 * </ul>
 */
@ApplicationScoped
public class DemoClients implements BuiltInClients {
  public static final String BG_SERVICE = "demo-bg-service";
  public static final String MK_SERVICE = "demo-mk-service";
  public static final String TESTER = "demo-tester";

  private final BrokerConfig config;
  private final NationalEidRegistry registry;
  private final String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

  public DemoClients(BrokerConfig config, NationalEidRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  /** The demo services' client secret (made at start-up, never leaves the process). */
  String secret() {
    return secret;
  }

  @Override
  public List<ClientRegistration> clients() {
    String base = IssuerUrl.of(config).base();
    return List.of(
        service(
            BG_SERVICE,
            Map.of(
                "bg", "Демо услуга на българска община",
                "mk", "Демо услуга на бугарска општина",
                "en", "Bulgarian municipality (demo service)"),
            base + "/demo/bg-service/",
            Set.of(CountryCode.MK),
            IdentifierPolicy.NATIONAL_NUMBER),
        service(
            MK_SERVICE,
            Map.of(
                "bg", "Демо услуга на македонско министерство",
                "mk", "Демо услуга на македонско министерство",
                "en", "Macedonian ministry (demo service)"),
            base + "/demo/mk-service/",
            // Bulgarians, and citizens of the member states reached through the eIDAS network.
            with(CountryCode.BG, registry.networkCountries()),
            IdentifierPolicy.PSEUDONYM),
        new ClientRegistration(
            TESTER,
            Map.of("bg", "Тестов клиент", "mk", "Тестен клиент", "en", "Test client"),
            List.of(URI.create("http://127.0.0.1/callback")),
            Optional.empty(),
            Optional.empty(),
            with(CountryCode.BG, with(CountryCode.MK, registry.networkCountries())),
            LevelOfAssurance.LOW,
            IdentifierPolicy.PSEUDONYM,
            config.signing().defaultAlgorithm(),
            true,
            List.of(),
            false,
            true));
  }

  private ClientRegistration service(
      String id,
      Map<String, String> names,
      String home,
      Set<CountryCode> citizens,
      IdentifierPolicy policy) {
    return new ClientRegistration(
        id,
        names,
        List.of(URI.create(home + "callback")),
        Optional.of(ClientFile.secretHash(secret)),
        Optional.empty(),
        citizens,
        LevelOfAssurance.LOW,
        policy,
        config.signing().defaultAlgorithm(),
        false,
        List.of(URI.create(home)),
        false,
        false);
  }

  private static Set<CountryCode> with(CountryCode first, Set<CountryCode> more) {
    Set<CountryCode> all = new java.util.LinkedHashSet<>();
    all.add(first);
    all.addAll(more);
    return java.util.Collections.unmodifiableSet(all);
  }
}
