package eu.mostbridge.bg.mvr;

import eu.mostbridge.config.ConfigSection;
import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.national.NationalEid;
import eu.mostbridge.national.NationalEidContext;
import eu.mostbridge.national.NationalEidFactory;
import eu.mostbridge.oidc.OidcAdapterSettings;
import eu.mostbridge.oidc.OidcCountryAdapter;
import eu.mostbridge.oidc.OidcPeerSection;
import eu.mostbridge.oidc.OidcProviderPeer;
import eu.mostbridge.oidc.OidcRelyingParty;
import eu.mostbridge.oidc.TokenShape;
import java.util.Map;

/**
 * Bulgaria's MVR eID (OpenID Connect), from {@code most.national.bg-mvr-eid.*}: the OpenID Connect
 * keys every such eID has, and its claim names under {@code claims.*}. Without {@code token-shape}
 * it is read as its public code shows its login flow: a signed JWT access token and the level as a
 * scope (docs/adapters/BG-MVR-EID.md).
 */
public final class MvrEidFactory implements NationalEidFactory {
  public static final String ID = "bg-mvr-eid";

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
        "bg", "Електронна идентичност на МВР (MVR eID)",
        "mk", "Електронски идентитет на бугарското МВР (MVR eID)",
        "en", "MVR eID, the electronic identity of Bulgaria's Ministry of Interior");
  }

  @Override
  public NationalEid create(NationalEidContext context) {
    ConfigSection section = context.section();
    OidcProviderPeer peer = OidcPeerSection.provider(section, TokenShape.ACCESS_TOKEN);
    return NationalEid.oidc(
        new OidcCountryAdapter(
            new OidcAdapterSettings(
                ID,
                CountryCode.BG,
                peer,
                OidcPeerSection.client(section, context.callback()),
                peer.tokenShape() == TokenShape.ACCESS_TOKEN
                    ? MvrEid.levelScopes()
                    : MvrEid.acrValues(),
                context.pendingLifetime(section)),
            new MvrClaimsMapper(claimNames(section.section("claims"))),
            context.replayCache(),
            context.clock(),
            OidcRelyingParty.remoteKeys(peer)));
  }

  /** {@code claims.*}, each defaulting to the name in the MVR eID's public code. */
  private static MvrClaimNames claimNames(ConfigSection claims) {
    MvrClaimNames d = MvrClaimNames.PUBLIC_CODE;
    return new MvrClaimNames(
        claims.string("identifier").orElse(d.identifier()),
        claims.string("identifier-type").orElse(d.identifierType()),
        claims.string("given-name").orElse(d.givenName()),
        claims.string("middle-name").orElse(d.middleName()),
        claims.string("family-name").orElse(d.familyName()),
        claims.string("given-name-cyrillic").orElse(d.givenNameCyrillic()),
        claims.string("middle-name-cyrillic").orElse(d.middleNameCyrillic()),
        claims.string("family-name-cyrillic").orElse(d.familyNameCyrillic()),
        claims.string("date-of-birth").orElse(d.dateOfBirth()),
        claims.string("gender").orElse(d.gender()));
  }
}
