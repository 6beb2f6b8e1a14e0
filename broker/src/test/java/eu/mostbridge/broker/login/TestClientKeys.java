package eu.mostbridge.broker.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** The JWKS of the test's private_key_jwt client, served as a relying party would serve it. */
@Path("/test-client/jwks")
public class TestClientKeys {
  public static final ECKey KEY;

  static {
    try {
      KEY =
          new ECKeyGenerator(Curve.P_256)
              .keyID("signed-client-1")
              .algorithm(JWSAlgorithm.ES256)
              .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @GET
  @Produces("application/jwk-set+json")
  public String jwks() {
    return new JWKSet(KEY.toPublicJWK()).toString();
  }
}
