package eu.mostbridge.mk.eid;

import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.mk.identifier.RegionPolicy;
import eu.mostbridge.mk.name.MacedonianRomanization.DzheSpelling;
import eu.mostbridge.national.NationalEid;
import eu.mostbridge.national.NationalEidContext;
import eu.mostbridge.national.NationalEidFactory;
import eu.mostbridge.oidc.OidcAdapterSettings;
import eu.mostbridge.oidc.OidcCountryAdapter;
import eu.mostbridge.oidc.OidcPeerSection;
import eu.mostbridge.oidc.OidcProviderPeer;
import eu.mostbridge.oidc.OidcRelyingParty;
import eu.mostbridge.oidc.TokenShape;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.SamlAdapterSettings;
import eu.mostbridge.saml.SamlCountryAdapter;
import eu.mostbridge.saml.SamlPeerSection;
import eu.mostbridge.saml.ServiceProviderIdentity;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * North Macedonia's eid.mk, from {@code most.national.mk-eid.*}: {@code binding} ({@link
 * EidMkBinding}, SAML unless told), the section of that binding ({@code saml.*} or {@code oidc.*})
 * and the claim or attribute names under {@code profile.*}, every one configurable because eid.mk's
 * are not public (docs/adapters/MK-EID.md).
 */
public final class EidMkFactory implements NationalEidFactory {
  public static final String ID = "mk-eid";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public CountryCode country() {
    return CountryCode.MK;
  }

  @Override
  public Map<String, String> displayNames() {
    return Map.of(
        "bg", "eid.mk, националната електронна идентификация на Северна Македония",
        "mk", "eid.mk, националната електронска идентификација на Северна Македонија",
        "en", "eid.mk, North Macedonia's national electronic identification");
  }

  @Override
  public NationalEid create(NationalEidContext context) {
    ConfigSection section = context.section();
    EidMkBinding binding =
        section.enumValue("binding", EidMkBinding.class).orElse(EidMkBinding.SAML);
    EidMkProfile profile = profile(section.section("profile"), binding.assumedProfile());
    ConfigSection peer = section.section(binding.name().toLowerCase(Locale.ROOT));
    if (!peer.isPresent()) {
      throw sectionMissing(section, binding);
    }
    return switch (binding) {
      case SAML -> {
        ServiceProviderIdentity sp =
            SamlPeerSection.serviceProvider(peer, context.defaultEntityId(), context.callback());
        yield NationalEid.saml(
            new SamlCountryAdapter(
                new SamlAdapterSettings(
                    ID,
                    CountryCode.MK,
                    sp,
                    SamlPeerSection.identityProvider(peer, Set.of()),
                    SamlPeerSection.binding(peer),
                    profile.acrValues(),
                    peer.string("request-signature-algorithm")
                        .orElse(AlgorithmPolicy.RSA_PSS_SHA256),
                    context.pendingLifetime(peer)),
                new EidMkClaimsMapper(profile),
                context.replayCache(),
                context.clock()),
            sp);
      }
      case OIDC -> {
        OidcProviderPeer provider = OidcPeerSection.provider(peer, TokenShape.ID_TOKEN);
        yield NationalEid.oidc(
            new OidcCountryAdapter(
                new OidcAdapterSettings(
                    ID,
                    CountryCode.MK,
                    provider,
                    OidcPeerSection.client(peer, context.callback()),
                    profile.acrValues(),
                    context.pendingLifetime(peer)),
                new EidMkClaimsMapper(profile),
                context.replayCache(),
                context.clock(),
                OidcRelyingParty.remoteKeys(provider)));
      }
    };
  }

  private static IllegalStateException sectionMissing(ConfigSection section, EidMkBinding binding) {
    String peer = section.keyName(binding.name().toLowerCase(Locale.ROOT));
    return section.problem(
        "binding",
        "is "
            + binding
            + (binding == EidMkBinding.SAML ? " (the default)" : "")
            + " but "
            + peer
            + ".* is not configured (docs/BROKER.md; for OpenID Connect set "
            + section.keyName("binding")
            + "=OIDC and the oidc section: the keys issuer, client-id, client-secret and the"
            + " endpoints moved from "
            + section.name()
            + ".* to "
            + section.keyName("oidc")
            + ".*)");
  }

  /** {@code profile.*} over the binding's assumed profile. */
  private static EidMkProfile profile(ConfigSection profile, EidMkProfile assumed) {
    Map<LevelOfAssurance, String> acr = new EnumMap<>(LevelOfAssurance.class);
    profile.string("acr-low").ifPresent(v -> acr.put(LevelOfAssurance.LOW, v));
    profile.string("acr-substantial").ifPresent(v -> acr.put(LevelOfAssurance.SUBSTANTIAL, v));
    profile.string("acr-high").ifPresent(v -> acr.put(LevelOfAssurance.HIGH, v));
    if (acr.isEmpty()) {
      acr.putAll(assumed.acrValues());
    }
    return new EidMkProfile(
        profile.string("identifier-claim").orElse(assumed.identifierClaim()),
        profile.string("given-name-claim").orElse(assumed.givenNameClaim()),
        profile.string("family-name-claim").orElse(assumed.familyNameClaim()),
        profile.string("given-name-native-claim").orElse(assumed.givenNameNativeClaim()),
        profile.string("family-name-native-claim").orElse(assumed.familyNameNativeClaim()),
        profile.string("birthdate-claim").orElse(assumed.birthdateClaim()),
        profile.string("gender-claim").orElse(assumed.genderClaim()),
        acr,
        profile.enumValue("region-policy", RegionPolicy.class).orElse(assumed.regionPolicy()),
        profile.enumValue("dzhe", DzheSpelling.class).orElse(assumed.dzhe()));
  }
}
