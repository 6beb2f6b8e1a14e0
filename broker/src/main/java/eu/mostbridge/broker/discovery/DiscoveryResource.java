package eu.mostbridge.broker.discovery;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.langtag.LangTag;
import com.nimbusds.langtag.LangTagException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import eu.mostbridge.broker.config.BrokerConfig;
import eu.mostbridge.broker.keys.SigningKeys;
import eu.mostbridge.identity.LevelOfAssurance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenID Connect discovery and the public signing keys. The document states what the broker offers
 * relying parties: the code flow only with PKCE S256, {@code iss} in authorization responses (RFC
 * 9207), country pre-selection scopes, the eIDAS levels as {@code acr} values, and the three
 * languages.
 */
@Path("/")
public class DiscoveryResource {
  private final String metadata;
  private final String jwks;

  public DiscoveryResource(BrokerConfig config, SigningKeys keys) {
    this.metadata = metadata(config.issuer(), keys).toJSONObject().toJSONString();
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

  static OIDCProviderMetadata metadata(URI issuer, SigningKeys keys) {
    String base = issuer.toString().replaceAll("/+$", "");
    OIDCProviderMetadata m =
        new OIDCProviderMetadata(
            new Issuer(base),
            List.of(SubjectType.PAIRWISE, SubjectType.PUBLIC),
            URI.create(base + "/jwks"));
    m.setAuthorizationEndpointURI(URI.create(base + "/authorize"));
    m.setTokenEndpointURI(URI.create(base + "/token"));
    m.setUserInfoEndpointURI(URI.create(base + "/userinfo"));
    m.setEndSessionEndpointURI(URI.create(base + "/logout"));
    m.setPushedAuthorizationRequestEndpointURI(URI.create(base + "/par"));
    m.setResponseTypes(List.of(ResponseType.CODE));
    m.setScopes(Scope.parse("openid profile eidas:country:bg eidas:country:mk"));
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
    m.setClaims(
        List.of(
            "sub",
            "person_identifier",
            "given_name",
            "family_name",
            "given_name#bg-Cyrl",
            "family_name#bg-Cyrl",
            "given_name#mk-Cyrl",
            "family_name#mk-Cyrl",
            "birthdate",
            "gender",
            "acr",
            "amr",
            "auth_time"));
    return m;
  }
}
