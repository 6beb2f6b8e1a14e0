package eu.mostbridge.broker.discovery;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.langtag.LangTag;
import com.nimbusds.langtag.LangTagException;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.assurance.IdentityTrustFramework;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.ClaimType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.config.IssuerUrl;
import eu.mostbridge.broker.country.NationalEidRegistry;
import eu.mostbridge.broker.keys.SigningKeys;
import eu.mostbridge.broker.token.ReleasedClaims;
import eu.mostbridge.identity.LevelOfAssurance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import net.minidev.json.JSONObject;

/**
 * OpenID Connect discovery and the public signing keys. The document states what the broker offers
 * relying parties, and no more: the code flow only, with PKCE S256 and the query response mode,
 * {@code iss} in authorization responses (RFC 9207), pairwise subjects, RS256 ID tokens (and ES256
 * or PS256 where keys allow), the {@code claims} parameter with {@code verified_claims} under the
 * eIDAS trust framework, country pre-selection scopes, the eIDAS levels as {@code acr} values, and
 * the three languages.
 */
@Path("/")
public class DiscoveryResource {
  private final String metadata;
  private final String jwks;

  public DiscoveryResource(BrokerConfig config, SigningKeys keys, NationalEidRegistry countries) {
    JSONObject document = metadata(config.issuer(), keys, countries).toJSONObject();
    // Said outright, whatever the library omits: OpenID Connect Discovery reads an absent
    // request_uri_parameter_supported as true, and request URIs other than PAR's are refused.
    document.put("request_uri_parameter_supported", false);
    document.put("request_parameter_supported", false);
    document.put("require_pushed_authorization_requests", false);
    this.metadata = document.toJSONString();
    this.jwks = keys.publicKeys().toString(true);
  }

  @GET
  @Path(".well-known/openid-configuration")
  @Produces(MediaType.APPLICATION_JSON)
  public String discovery() {
    return metadata;
  }

  @GET
  @Path("jwks")
  @Produces("application/jwk-set+json")
  public String jwks() {
    return jwks;
  }

  static OIDCProviderMetadata metadata(
      URI issuer, SigningKeys keys, NationalEidRegistry countries) {
    String base = IssuerUrl.of(issuer).base();
    OIDCProviderMetadata m =
        new OIDCProviderMetadata(
            new Issuer(base),
            // Every sub Most issues is pairwise: a relying party never sees another's.
            List.of(SubjectType.PAIRWISE),
            URI.create(base + "/jwks"));
    m.setAuthorizationEndpointURI(URI.create(base + "/authorize"));
    m.setTokenEndpointURI(URI.create(base + "/token"));
    m.setUserInfoEndpointURI(URI.create(base + "/userinfo"));
    m.setEndSessionEndpointURI(URI.create(base + "/logout"));
    m.setPushedAuthorizationRequestEndpointURI(URI.create(base + "/par"));
    m.setResponseTypes(List.of(ResponseType.CODE));
    m.setResponseModes(List.of(ResponseMode.QUERY));
    m.setGrantTypes(List.of(GrantType.AUTHORIZATION_CODE));
    m.setPromptTypes(List.of(Prompt.Type.LOGIN, Prompt.Type.NONE));
    m.setClaimTypes(List.of(ClaimType.NORMAL));
    m.setSupportsClaimsParams(true);
    m.setSupportsRequestParam(false);
    m.setSupportsRequestURIParam(false);
    m.setSupportsFrontChannelLogout(false);
    m.setSupportsBackChannelLogout(false);
    m.setSupportsVerifiedClaims(true);
    m.setIdentityTrustFrameworks(List.of(new IdentityTrustFramework("eidas")));
    m.setVerifiedClaims(
        List.of("given_name", "family_name", "birthdate", "gender", "person_identifier"));
    Scope scopes = new Scope("openid", "profile");
    countries.countryScopes().forEach(scopes::add);
    m.setScopes(scopes);
    List<ACR> acrs = new ArrayList<>();
    for (LevelOfAssurance level : LevelOfAssurance.values()) {
      acrs.add(new ACR(level.uri()));
    }
    m.setACRs(acrs);
    try {
      m.setUILocales(List.of(LangTag.parse("bg"), LangTag.parse("mk"), LangTag.parse("en")));
    } catch (LangTagException e) {
      throw new IllegalStateException(e);
    }
    m.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
    m.setSupportsAuthorizationResponseIssuerParam(true);
    m.setTokenEndpointAuthMethods(
        List.of(
            ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
            ClientAuthenticationMethod.CLIENT_SECRET_POST,
            ClientAuthenticationMethod.PRIVATE_KEY_JWT));
    m.setTokenEndpointJWSAlgs(List.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.RS256));
    m.setIDTokenJWSAlgs(keys.algorithms().stream().map(JWSAlgorithm::parse).toList());
    m.setClaims(ReleasedClaims.RELEASABLE);
    try {
      List<LangTag> locales = new java.util.ArrayList<>();
      for (eu.mostbridge.identity.ScriptTag script :
          eu.mostbridge.identity.ScriptTag.NATIVE_NAME_SCRIPTS) {
        locales.add(LangTag.parse(script.languageTag()));
      }
      m.setClaimLocales(locales);
    } catch (LangTagException e) {
      throw new IllegalStateException(e);
    }
    return m;
  }
}
