package eu.mostbridge.broker.national;

import eu.mostbridge.identity.LevelOfAssuranceNotation;
import eu.mostbridge.mk.eid.EidMkBinding;
import eu.mostbridge.mk.identifier.RegionPolicy;
import eu.mostbridge.mk.name.MacedonianRomanization.DzheSpelling;
import eu.mostbridge.oidc.TokenShape;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.SamlBinding;
import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The real national eIDs, under {@code most.national.*}. Each section is optional; a national eID
 * is offered when its section is present. (Defaults are applied in {@link ConfiguredNationalEids}:
 * SmallRye would treat a section with defaulted keys as always present.) Every relaxation of the
 * strict profile is named here, per national eID, and logged at start-up.
 */
@ConfigMapping(prefix = "most.national")
public interface NationalConfig {
  /** Bulgaria's eAuth v2 (SAML), {@code most.national.bg-eauth.*}. */
  Optional<EAuth> bgEauth();

  /** Bulgaria's MVR eID (OpenID Connect), {@code most.national.bg-mvr-eid.*}. */
  Optional<MvrPeer> bgMvrEid();

  /**
   * North Macedonia's eid.mk (SAML by default, or OpenID Connect), {@code most.national.mk-eid.*}.
   */
  Optional<EidMk> mkEid();

  /**
   * Most as a SAML service provider of a national identity provider, and that identity provider as
   * trusted. Defaults that differ per national eID are said in docs/BROKER.md.
   */
  interface SamlPeer {
    /** Most's entity ID there; by default {@code <issuer>/saml/<id>}, which serves its metadata. */
    Optional<String> spEntityId();

    /** PKCS#12 file holding Most's SAML signing and decryption keys (a Secret). */
    Path spKeystore();

    /** Its password. */
    String spKeystorePassword();

    /** Default signing. */
    Optional<String> spSigningAlias();

    /** Default encryption. */
    Optional<String> spEncryptionAlias();

    /**
     * Encryption keys being retired: still used to decrypt, and published in the metadata before
     * the current one (eAuth encrypts to the last {@code use="encryption"} key it reads:
     * docs/adapters/BG-EAUTH.md, "Rolling Most's keys"). Default none.
     */
    Optional<List<String>> spPreviousEncryptionAliases();

    /** The identity provider's entity ID (the Issuer of its answers). */
    String idpEntityId();

    /** Its SingleSignOnService URL. */
    URI idpSsoUrl();

    /** PEM file with the certificates it signs with (several during a key roll-over). */
    Path idpCertificates();

    /** How requests travel. Default POST. */
    Optional<SamlBinding> binding();

    /**
     * The algorithm Most signs its requests with. Default for eAuth RSA-SHA256 ({@code
     * http://www.w3.org/2001/04/xmldsig-more#rsa-sha256}), the only one eAuth's metadata
     * advertises; for eid.mk RSA-PSS SHA-256, as the eIDAS profile asks.
     */
    Optional<String> requestSignatureAlgorithm();

    /**
     * Named relaxations of the strict eIDAS algorithms; a set given here replaces the default.
     * Default for eAuth its production shape, {@code RSA_2048_KEYS}, {@code SHA1_SIGNATURE}, {@code
     * AES_CBC_ENCRYPTION}, {@code RSA_OAEP_MGF1P_KEY_TRANSPORT} and {@code
     * UNSIGNED_RESPONSE_CBC_ASSERTION} (the last bounds failed answers: docs/SECURITY.md); for
     * eid.mk none.
     */
    Optional<Set<AlgorithmPolicy.Relaxation>> relaxations();

    /**
     * Refuse plain assertions; {@code false} is the {@code PLAIN_ASSERTIONS} relaxation. Default
     * true.
     */
    Optional<Boolean> requireEncryptedAssertions();

    /** How long a login waits for the answer. Default PT10M. */
    Optional<Duration> pendingLifetime();
  }

  /** eAuth: Most's SAML service provider and the eAuth identity provider. */
  interface EAuth extends SamlPeer {
    /** Most's provider OID registered with eAuth ({@code 2.16.100...}). */
    String providerOid();

    /**
     * The service OID registered for each level: keys {@code low}, {@code substantial}, {@code
     * high}.
     */
    Map<String, String> serviceOids();

    /**
     * How the level is written in the request; eAuth's own parser takes {@code EAUTH_NAME}. Default
     * EAUTH_NAME.
     */
    Optional<LevelOfAssuranceNotation> levelNotation();

    /**
     * Status messages of an {@code AuthnFailed} answer that mean the citizen cancelled (eAuth
     * answers a cancel and errors with one status code). Default: eAuth's own wordings ({@code
     * EAuthSettings.CANCEL_MESSAGES}).
     */
    Optional<List<String>> cancelMessages();

    /**
     * {@code personName} values that are a login method's placeholder, not a name: a login carrying
     * one is refused with a page asking for another method. Default: eAuth's own for the revenue
     * agency's PIK ({@code EAuthSettings.PLACEHOLDER_NAMES}).
     */
    Optional<List<String>> placeholderNames();
  }

  /** An OpenID provider: discovered at start-up, or with every endpoint given. */
  interface OidcPeer {
    /** Its issuer, exactly as its ID tokens carry it. */
    String issuer();

    String clientId();

    /** The client secret (a Secret), for client_secret_basic. */
    String clientSecret();

    /** Without it the endpoints are read from the issuer's discovery document at start-up. */
    Optional<URI> authorizationEndpoint();

    Optional<URI> tokenEndpoint();

    Optional<URI> userinfoEndpoint();

    Optional<URI> jwksUri();

    /**
     * ID token algorithms accepted; anything beyond PS256 and ES256 is a logged relaxation. Default
     * PS256,ES256.
     */
    Optional<Set<String>> algorithms();

    /**
     * Refuse answers without RFC 9207 {@code iss}; {@code false} is a logged relaxation. Default
     * true.
     */
    Optional<Boolean> requireIssInResponse();

    /** Default PT60S. */
    Optional<Duration> clockSkew();

    /** Default PT5S. */
    Optional<Duration> httpTimeout();

    /**
     * What carries the identity and the level: {@code ID_TOKEN} (OpenID Connect: an ID token,
     * {@code acr_values}) or {@code ACCESS_TOKEN} (no ID token: the provider's signed JWT access
     * token and userinfo, the level as a scope; a logged relaxation). Default: {@code ACCESS_TOKEN}
     * for {@code bg-mvr-eid}, as the MVR eID's public code shows its login flow (level scope {@code
     * eid_loa_high}, docs/adapters/BG-MVR-EID.md), {@code ID_TOKEN} for {@code mk-eid}.
     */
    Optional<TokenShape> tokenShape();

    /** Default openid. */
    Optional<List<String>> scopes();

    /** Default PT10M. */
    Optional<Duration> pendingLifetime();
  }

  /** The MVR eID: an OpenID provider whose claim names come from its public code. */
  interface MvrPeer extends OidcPeer {
    MvrClaims claims();
  }

  /**
   * The MVR eID's claim names; each defaults to the name in its public code ({@code
   * MvrClaimNames.PUBLIC_CODE}, docs/adapters/BG-MVR-EID.md).
   */
  interface MvrClaims {
    /** Default citizen_identifier. */
    Optional<String> identifier();

    /** Default citizen_identifier_type. */
    Optional<String> identifierType();

    /** Default given_name. */
    Optional<String> givenName();

    /** Default middle_name. */
    Optional<String> middleName();

    /** Default family_name. */
    Optional<String> familyName();

    /** Default given_name_cyrillic. */
    Optional<String> givenNameCyrillic();

    /** Default middle_name_cyrillic. */
    Optional<String> middleNameCyrillic();

    /** Default family_name_cyrillic. */
    Optional<String> familyNameCyrillic();

    /** Default date_of_birth. */
    Optional<String> dateOfBirth();

    /** Default gender. */
    Optional<String> gender();
  }

  /**
   * eid.mk, whose protocol and claim names are not public: SAML by default ({@link EidMkBinding}),
   * every name configurable.
   */
  interface EidMk {
    /**
     * {@code SAML} (the {@code saml} section) or {@code OIDC} (the {@code oidc} section). Default
     * SAML.
     */
    Optional<EidMkBinding> binding();

    /** {@code most.national.mk-eid.saml.*}: Most's service provider and eid.mk's SAML IdP. */
    Optional<SamlPeer> saml();

    /** {@code most.national.mk-eid.oidc.*}: eid.mk as an OpenID provider. */
    Optional<OidcPeer> oidc();

    Profile profile();
  }

  /**
   * eid.mk's claim (OIDC) or attribute (SAML) names; the defaults are Most's documented assumption
   * for the binding ({@code EidMkProfile}), SAML's under {@code
   * http://eidas.europa.eu/attributes/naturalperson/}.
   */
  interface Profile {
    /** Default embg; SAML: PersonIdentifier. */
    Optional<String> identifierClaim();

    /** Default given_name; SAML: none (romanized from the Cyrillic). */
    Optional<String> givenNameClaim();

    /** Default family_name; SAML: none. */
    Optional<String> familyNameClaim();

    /** Default given_name#mk-Cyrl; SAML: CurrentGivenName. */
    Optional<String> givenNameNativeClaim();

    /** Default family_name#mk-Cyrl; SAML: CurrentFamilyName. */
    Optional<String> familyNameNativeClaim();

    /** Default birthdate; SAML: DateOfBirth. */
    Optional<String> birthdateClaim();

    /** Default gender; SAML: Gender. */
    Optional<String> genderClaim();

    /**
     * The {@code acr} (SAML: AuthnContextClassRef) of level low; with none of the three given, the
     * eIDAS URIs.
     */
    Optional<String> acrLow();

    /** The {@code acr} of level substantial. */
    Optional<String> acrSubstantial();

    /** The {@code acr} of level high. */
    Optional<String> acrHigh();

    /** Default NORTH_MACEDONIA_ONLY. */
    Optional<RegionPolicy> regionPolicy();

    /** Default DJ. */
    Optional<DzheSpelling> dzhe();
  }
}
