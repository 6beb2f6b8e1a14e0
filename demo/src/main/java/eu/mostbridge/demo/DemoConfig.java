package eu.mostbridge.demo;

import eu.mostbridge.mk.eid.EidMkBinding;
import eu.mostbridge.oidc.TokenShape;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the demo's simulators answer. Only the demo artifact reads these keys: the production broker
 * carries no simulator, so there is no switch that could turn one on there.
 */
@ConfigMapping(prefix = "most.demo")
public interface DemoConfig {
  /** Extra synthetic personas for the simulators, in the simulators' JSON format. */
  Optional<Path> personasFile();

  /**
   * Where browsers reach the simulators (mounted under {@code /sim/} of this server), when not at
   * the issuer: for example {@code http://127.0.0.1:8080} beside the issuer {@code
   * http://localhost:8080} puts the national eIDs on another site than Most, as in reality, so
   * their SAML answers arrive as cross-site POSTs.
   */
  Optional<URI> simulatorsUrl();

  /** The personas the simulators offer: {@link #personasFile()}, or the synthetic defaults. */
  default eu.mostbridge.simulator.Personas personas() {
    try {
      return personasFile().isPresent()
          ? eu.mostbridge.simulator.Personas.read(personasFile().get())
          : eu.mostbridge.simulator.Personas.defaults();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("most.demo.personas-file cannot be read", e);
    }
  }

  /** Where the simulators are reached: {@link #simulatorsUrl()}, or {@code base}, without a '/'. */
  default String simulatorsBase(String base) {
    return simulatorsUrl().map(URI::toString).orElse(base).replaceAll("/+$", "");
  }

  /**
   * How the eAuth simulator answers: {@code PRODUCTION} as eAuth's production profile (an unsigned
   * Response around an RSA-SHA1-signed assertion encrypted with AES-128-CBC), {@code TEST_SYSTEM}
   * as its other profiles (the signed assertion in plain).
   */
  @WithDefault("PRODUCTION")
  EAuthShape eauthShape();

  /**
   * How the MVR eID simulator answers: {@code ACCESS_TOKEN} as the MVR's public code shows its
   * login flow (no ID token, the level as the scope {@code eid_loa_high}), {@code ID_TOKEN} as an
   * OpenID provider; the demo's {@code bg-mvr-eid} is configured to match.
   */
  @WithDefault("ACCESS_TOKEN")
  TokenShape mvrShape();

  /**
   * How the demo's eid.mk simulator and {@code mk-eid} speak: {@code SAML} (the default, as for a
   * real eid.mk: docs/adapters/MK-EID.md) or {@code OIDC}.
   */
  @WithDefault("SAML")
  EidMkBinding mkBinding();

  /** The two shapes of eAuth's answers (eAuth-v2, {@code SAMLMessageHandler}). */
  enum EAuthShape {
    PRODUCTION,
    TEST_SYSTEM
  }
}
