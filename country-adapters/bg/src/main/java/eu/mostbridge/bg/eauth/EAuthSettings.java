package eu.mostbridge.bg.eauth;

import eu.mostbridge.identity.LevelOfAssurance;
import eu.mostbridge.identity.LevelOfAssuranceNotation;
import eu.mostbridge.saml.AlgorithmPolicy;
import eu.mostbridge.saml.IdentityProviderPeer;
import eu.mostbridge.saml.SamlBinding;
import eu.mostbridge.saml.ServiceProviderIdentity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the eAuth adapter is configured with. The defaults follow the real eAuth v2 where its
 * code is public (see docs/adapters/BG-EAUTH.md); every departure from the eIDAS strict profile is
 * in {@link IdentityProviderPeer#algorithms()}, explicit.
 *
 * @param id the adapter id, for example {@code bg-eauth}
 * @param sp Most as eAuth's service provider
 * @param idp eAuth as Most trusts it
 * @param providerOid the OID of the administration providing the service ({@code Provider})
 * @param serviceOids the service OID to request for each level of assurance eAuth should enforce;
 *     eAuth filters login methods by the requested service's level
 * @param levelNotation how to write {@code LevelOfAssurance}: only {@code EAUTH_NAME} ({@code
 *     SUBSTANTIAL}): eAuth reads it with {@code LevelOfAssurance.valueOf}, and the URN its XSD
 *     lists throws there (eAuth-v2, {@code ProviderService})
 * @param binding how requests travel to eAuth ({@code POST} by default)
 * @param requestedAttributes attribute names to list in {@code egovbga:RequestedAttributes}; none
 *     to send no such element
 * @param requestSignatureAlgorithm the algorithm Most signs requests with ({@link
 *     #REQUEST_SIGNATURE_ALGORITHM} by default, or one of the eIDAS profile)
 * @param pendingLifetime how long a started login waits for eAuth's answer
 * @param placeholderNames {@code personName} values that are not a name ({@link #PLACEHOLDER_NAMES}
 *     by default): a login carrying one is refused
 */
public record EAuthSettings(
    String id,
    ServiceProviderIdentity sp,
    IdentityProviderPeer idp,
    String providerOid,
    Map<LevelOfAssurance, String> serviceOids,
    LevelOfAssuranceNotation levelNotation,
    SamlBinding binding,
    List<String> requestedAttributes,
    String requestSignatureAlgorithm,
    Duration pendingLifetime,
    List<String> placeholderNames) {
  private static final String OID = "2\\.16\\.100(\\.[1-9]+)*"; // as the eAuth XSD constrains them

  /**
   * What eAuth writes as the status message of a {@code Responder/AuthnFailed} answer when the
   * citizen cancelled: it answers a cancel, a timeout and errors with that one status code
   * (eAuth-v2: {@code CancelAuthProcessingFilter} maps error 499 to the message key {@code
   * egov.eauth.sys.mgs.auth.cancel}, "Отказ от автентикация", and a cancelled second factor to
   * "Отказахте се от двуфакторна автентикация"; {@code SAMLMessageHandler.sendCancelAuthnResponse}
   * sends it). "отказан от потребител" is what the eGov payment system (pay-egov) matches, so its
   * deployments may word it so. The production wording is not public: configurable.
   */
  public static final List<String> CANCEL_MESSAGES =
      List.of(
          "Отказ от автентикация",
          "Отказахте се от двуфакторна автентикация",
          "отказан от потребител");

  /**
   * The relaxations eAuth's production answers need (eAuth-v2, {@code SAMLBuilder.signAssertion},
   * {@code SAMLBuilder.encryptAssertion}, {@code SAMLMessageHandler}): an RSA-2048 signing
   * certificate, RSA-SHA1 assertion signatures, the assertion encrypted with AES-128-CBC under a
   * key transported with RSA-OAEP-MGF1P, in a Response that is not signed. The last makes the
   * adapter bound failed answers ({@link eu.mostbridge.adapter.FailedAnswerLimit#ORACLE_BOUND}).
   */
  public static final Set<AlgorithmPolicy.Relaxation> RELAXATIONS =
      Set.of(
          AlgorithmPolicy.Relaxation.RSA_2048_KEYS,
          AlgorithmPolicy.Relaxation.SHA1_SIGNATURE,
          AlgorithmPolicy.Relaxation.AES_CBC_ENCRYPTION,
          AlgorithmPolicy.Relaxation.RSA_OAEP_MGF1P_KEY_TRANSPORT,
          AlgorithmPolicy.Relaxation.UNSIGNED_RESPONSE_CBC_ASSERTION);

  /**
   * How Most signs its requests to eAuth: RSA-SHA256, the one algorithm eAuth's metadata
   * advertises, in an enveloped signature (eAuth verifies only that; eAuth-v2 {@code
   * SAMLMessageHandler}). The request is Most's, signed with Most's key: choosing it relaxes
   * nothing that Most accepts.
   */
  public static final String REQUEST_SIGNATURE_ALGORITHM = AlgorithmPolicy.RSA_SHA256;

  /**
   * What eAuth writes as {@code personName} for a login that identifies the citizen by number only:
   * "Потребител идентифициран с ПИК на НАП" for the revenue agency's PIK (eAuth-v2, {@code
   * application.yaml}). Never a name: Most refuses such a login with a page asking for another
   * method.
   */
  public static final List<String> PLACEHOLDER_NAMES =
      List.of("Потребител идентифициран с ПИК на НАП");

  /** Settings with eAuth's own {@link #PLACEHOLDER_NAMES}. */
  public EAuthSettings(
      String id,
      ServiceProviderIdentity sp,
      IdentityProviderPeer idp,
      String providerOid,
      Map<LevelOfAssurance, String> serviceOids,
      LevelOfAssuranceNotation levelNotation,
      SamlBinding binding,
      List<String> requestedAttributes,
      String requestSignatureAlgorithm,
      Duration pendingLifetime) {
    this(
        id,
        sp,
        idp,
        providerOid,
        serviceOids,
        levelNotation,
        binding,
        requestedAttributes,
        requestSignatureAlgorithm,
        pendingLifetime,
        PLACEHOLDER_NAMES);
  }

  public EAuthSettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sp, "sp");
    Objects.requireNonNull(idp, "idp");
    Objects.requireNonNull(levelNotation, "levelNotation");
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(requestSignatureAlgorithm, "requestSignatureAlgorithm");
    Objects.requireNonNull(pendingLifetime, "pendingLifetime");
    if (providerOid == null || !providerOid.matches(OID)) {
      throw new IllegalArgumentException(id + ": the provider OID must be an OID under 2.16.100");
    }
    if (serviceOids.isEmpty()) {
      throw new IllegalArgumentException(id + ": no service OID is configured for any level");
    }
    serviceOids.forEach(
        (level, oid) -> {
          if (oid == null || !oid.matches(OID)) {
            throw new IllegalArgumentException(
                id + ": the service OID for " + level + " must be an OID under 2.16.100");
          }
        });
    if (levelNotation != LevelOfAssuranceNotation.EAUTH_NAME) {
      throw new IllegalArgumentException(id + ": eAuth reads levels only as EAUTH_NAME");
    }
    if (!requestSignatureAlgorithm.equals(REQUEST_SIGNATURE_ALGORITHM)
        && !AlgorithmPolicy.eidasStrict().allowsSignature(requestSignatureAlgorithm)) {
      throw new IllegalArgumentException(
          id + ": requests are signed with RSA-SHA256 or an algorithm of the eIDAS profile");
    }
    serviceOids = java.util.Collections.unmodifiableMap(new EnumMap<>(serviceOids));
    requestedAttributes = List.copyOf(requestedAttributes);
    placeholderNames = List.copyOf(placeholderNames);
  }

  /** The test system's OIDs from the eAuth v2 sources: provider and one service per level. */
  public static Map<LevelOfAssurance, String> testServiceOids() {
    Map<LevelOfAssurance, String> oids = new EnumMap<>(LevelOfAssurance.class);
    oids.put(LevelOfAssurance.LOW, "2.16.100.1.1.1.1.13.1.1.2");
    oids.put(LevelOfAssurance.SUBSTANTIAL, "2.16.100.1.1.1.1.13.1.1.3");
    oids.put(LevelOfAssurance.HIGH, "2.16.100.1.1.1.1.13.1.1.4");
    return oids;
  }

  /** The test system's provider OID from the eAuth v2 sources. */
  public static final String TEST_PROVIDER_OID = "2.16.100.1.1.1.1.13";
}
