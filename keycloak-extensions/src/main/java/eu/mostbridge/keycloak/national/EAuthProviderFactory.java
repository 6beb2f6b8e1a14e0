package eu.mostbridge.keycloak.national;

import eu.mostbridge.bg.eauth.EAuthFactory;

/**
 * "Bulgarian eAuth": Bulgaria's e-Government authentication over SAML, with Keycloak as the service
 * provider whose signed metadata eAuth reads at the entity ID ({@code .../endpoint/descriptor}).
 */
public class EAuthProviderFactory extends NationalEidProviderFactory {
  public EAuthProviderFactory() {
    super(new EAuthFactory());
  }

  @Override
  public String getName() {
    return "Bulgarian eAuth";
  }

  @Override
  protected Settings settings() {
    return Settings.eauth(Settings.saml(Settings.top()));
  }
}
