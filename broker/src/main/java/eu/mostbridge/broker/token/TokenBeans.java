package eu.mostbridge.broker.token;

import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.keys.SigningKeys;
import eu.mostbridge.identity.identifier.PersonIdentifierPseudonymizer;
import eu.mostbridge.identity.identifier.PseudonymKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Builds the token services from configuration. Without configured secrets (only allowed in the
 * demo artifact, see {@code ProductionReadiness}) random ones are made for this process: pseudonyms
 * and pairwise subjects then change at every restart.
 */
@ApplicationScoped
public class TokenBeans {
  private static final Logger LOG = Logger.getLogger(TokenBeans.class);

  @Produces
  @ApplicationScoped
  ReleasedClaims releasedClaims(BrokerConfig config) {
    byte[] pairwise =
        config
            .secrets()
            .pairwiseKey()
            .map(b -> Base64.getDecoder().decode(b))
            .orElseGet(() -> random("most.secrets.pairwise-key"));
    PseudonymKey pseudonymKey =
        config
            .secrets()
            .pseudonymKey()
            .map(b -> PseudonymKey.fromBase64(config.secrets().pseudonymKeyId(), b))
            .orElseGet(
                () ->
                    new PseudonymKey(
                        config.secrets().pseudonymKeyId(), random("most.secrets.pseudonym-key")));
    return new ReleasedClaims(
        new PairwiseSubject(pairwise), new PersonIdentifierPseudonymizer(pseudonymKey, List.of()));
  }

  @Produces
  @ApplicationScoped
  IdTokenSigner idTokenSigner(BrokerConfig config, SigningKeys keys, ReleasedClaims claims) {
    return new IdTokenSigner(config.issuer(), keys, claims);
  }

  private static byte[] random(String key) {
    LOG.warnf("No %s: made a random one for this process only (demo)", key);
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
