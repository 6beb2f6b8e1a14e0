package eu.mostbridge.keycloak.national;

import eu.mostbridge.bg.mvr.MvrEidFactory;
import eu.mostbridge.oidc.TokenShape;

/**
 * "Bulgarian MVR eID": the Ministry of Interior's electronic identity over OpenID Connect, read by
 * default as its public code shows its flow (the identity in a signed access token).
 */
public class MvrEidProviderFactory extends NationalEidProviderFactory {
  public MvrEidProviderFactory() {
    super(new MvrEidFactory());
  }

  @Override
  public String getName() {
    return "Bulgarian MVR eID";
  }

  @Override
  protected Settings settings() {
    return Settings.mvrClaims(Settings.oidc(Settings.top(), TokenShape.ACCESS_TOKEN));
  }
}
