package eu.mostbridge.keycloak.national;

import eu.mostbridge.mk.eid.EidMkBinding;
import eu.mostbridge.mk.eid.EidMkFactory;
import eu.mostbridge.oidc.TokenShape;
import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * "North Macedonian eid.mk": SAML by default, or OpenID Connect ({@code binding}); its profile is
 * Most's assumption, every part of it a setting ({@code profile.*}).
 */
public class EidMkProviderFactory extends NationalEidProviderFactory {
  public EidMkProviderFactory() {
    super(new EidMkFactory());
  }

  @Override
  public String getName() {
    return "North Macedonian eid.mk";
  }

  @Override
  protected Settings settings() {
    return Settings.top()
        .labelledChoice(
            "binding",
            "eid-mk-binding",
            EidMkBinding.SAML.name(),
            Settings.names(EidMkBinding.class));
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    List<ProviderConfigProperty> all = new java.util.ArrayList<>(super.getConfigProperties());
    all.addAll(Settings.saml(Settings.in("saml")).build());
    all.addAll(Settings.oidc(Settings.in("oidc"), TokenShape.ID_TOKEN).build());
    all.addAll(Settings.eidMkProfile(Settings.in("profile")).build());
    return List.copyOf(all);
  }
}
