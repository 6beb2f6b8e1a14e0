package eu.mostbridge.bg.eauth;

import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.LevelOfAssuranceNotation;
import eu.mostbridge.national.NationalEid;
import eu.mostbridge.national.NationalEidContext;
import eu.mostbridge.national.NationalEidFactory;
import eu.mostbridge.saml.IdentityProviderPeer;
import eu.mostbridge.saml.SamlPeerSection;
import eu.mostbridge.saml.ServiceProviderIdentity;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bulgaria's eAuth v2 (SAML), from {@code most.national.bg-eauth.*}: the SAML keys every SAML eID
 * has, and {@code provider-oid}, {@code service-oids.<level>}, {@code level-notation}, {@code
 * cancel-messages} and {@code placeholder-names}. Its defaults are eAuth's production shape
 * (docs/adapters/BG-EAUTH.md).
 */
public final class EAuthFactory implements NationalEidFactory {
  public static final String ID = "bg-eauth";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public CountryCode country() {
    return CountryCode.BG;
  }

  @Override
  public Map<String, String> displayNames() {
    return Map.of(
        "bg", "eAuth, електронната автентикация на електронното управление",
        "mk", "eAuth, електронската автентикација на бугарската е-влада",
        "en", "eAuth, Bulgaria's e-Government electronic authentication");
  }

  @Override
  public NationalEid create(NationalEidContext context) {
    ConfigSection section = context.section();
    ServiceProviderIdentity sp =
        SamlPeerSection.serviceProvider(section, context.defaultEntityId(), context.callback());
    IdentityProviderPeer idp =
        SamlPeerSection.identityProvider(section, EAuthSettings.RELAXATIONS)
            .withCancelMessages(
                section.list("cancel-messages").orElse(EAuthSettings.CANCEL_MESSAGES));
    EAuthAdapter adapter =
        new EAuthAdapter(
            new EAuthSettings(
                ID,
                sp,
                idp,
                section.required("provider-oid"),
                levels(section),
                section
                    .enumValue("level-notation", LevelOfAssuranceNotation.class)
                    .orElse(LevelOfAssuranceNotation.EAUTH_NAME),
                SamlPeerSection.binding(section),
                List.of(),
                section
                    .string("request-signature-algorithm")
                    .orElse(EAuthSettings.REQUEST_SIGNATURE_ALGORITHM),
                context.pendingLifetime(section),
                section.list("placeholder-names").orElse(EAuthSettings.PLACEHOLDER_NAMES)),
            context.replayCache(),
            context.clock());
    return NationalEid.saml(adapter, sp);
  }

  /** {@code service-oids.low|substantial|high}: the service OID registered for each level. */
  private static Map<LevelOfAssurance, String> levels(ConfigSection section) {
    Map<LevelOfAssurance, String> levels = new EnumMap<>(LevelOfAssurance.class);
    section
        .map("service-oids")
        .forEach(
            (name, value) -> {
              try {
                levels.put(LevelOfAssurance.valueOf(name.toUpperCase(Locale.ROOT)), value);
              } catch (IllegalArgumentException e) {
                throw section.problem(
                    "service-oids." + name, "names no level: use low, substantial or high");
              }
            });
    if (levels.isEmpty()) {
      throw section.problem("service-oids", "must name at least one level");
    }
    return levels;
  }
}
