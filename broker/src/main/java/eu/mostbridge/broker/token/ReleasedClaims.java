package eu.mostbridge.broker.token;

import eu.mostbridge.broker.client.ClientRegistration;
import eu.mostbridge.broker.client.IdentifierPolicy;
import eu.mostbridge.broker.client.Requester;
import eu.mostbridge.identity.CommonIdentity;
import eu.mostbridge.identity.PersonIdentifier;
import eu.mostbridge.identity.PersonName;
import eu.mostbridge.identity.identifier.PersonIdentifierPseudonymizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The claims one relying party receives about one citizen: the same set in the ID token, at
 * userinfo, and on the consent page (which shows the personal ones before they are sent).
 *
 * <p>{@code sub} is pairwise. {@code person_identifier} is the eIDAS form with the national number
 * or the persistent pseudonym, per the client's policy. Names are in Latin (the origin country's
 * official romanization) and, tagged {@code #bg-Cyrl}, {@code #mk-Cyrl} or {@code #el-Grek}, in the
 * native script. {@code amr} names the national eID used ({@code bg-eauth}, {@code bg-mvr-eid},
 * {@code mk-eid}). With {@code verified_claims} asked for, the personal claims are also given
 * inside an OpenID Connect for Identity Assurance {@code verified_claims} object with trust
 * framework {@code eidas}.
 */
public final class ReleasedClaims {
  /** The claims that describe the person (shown on the consent page), in display order. */
  public static final List<String> PERSONAL =
      List.of("given_name", "family_name", "birthdate", "gender", "person_identifier");

  /**
   * Every claim Most may release (discovery's {@code claims_supported}), native name forms as their
   * Latin claim with the language tag.
   */
  public static final List<String> RELEASABLE = releasable();

  private static List<String> releasable() {
    List<String> claims =
        new java.util.ArrayList<>(List.of("sub", "person_identifier", "given_name", "family_name"));
    for (eu.mostbridge.identity.ScriptTag script :
        eu.mostbridge.identity.ScriptTag.NATIVE_NAME_SCRIPTS) {
      claims.add("given_name#" + script.languageTag());
      claims.add("family_name#" + script.languageTag());
    }
    claims.addAll(List.of("birthdate", "gender", "acr", "amr", "auth_time", "verified_claims"));
    return List.copyOf(claims);
  }

  private final PairwiseSubject subjects;
  private final PersonIdentifierPseudonymizer pseudonyms;

  public ReleasedClaims(PairwiseSubject subjects, PersonIdentifierPseudonymizer pseudonyms) {
    this.subjects = subjects;
    this.pseudonyms = pseudonyms;
  }

  /**
   * The citizen as audit events name them: the pairwise subject of a pseudo-client {@code
   * most:audit}, so events of one person can be correlated without holding the national number (a
   * plain hash of a 10-digit number would be reversed in seconds).
   */
  public String auditHandle(CommonIdentity identity) {
    return subjects.of("most:audit", identity.personIdentifier());
  }

  /** The personal claims only, with the native name forms after their Latin ones. */
  public Map<String, Object> personal(CommonIdentity identity, Requester client) {
    Map<String, Object> claims = new LinkedHashMap<>();
    name(claims, "given_name", identity.givenName());
    name(claims, "family_name", identity.familyName());
    claims.put("birthdate", identity.dateOfBirth().toString());
    identity.gender().ifPresent(g -> claims.put("gender", g.claimValue()));
    claims.put("person_identifier", personIdentifier(identity, client).toEidasForm());
    return claims;
  }

  /**
   * The person identifier {@code requester} receives: to its destination country, the national
   * number or a pseudonym as its policy says (its own pseudonyms where it has an audience).
   */
  public PersonIdentifier personIdentifier(CommonIdentity identity, Requester requester) {
    PersonIdentifier national = identity.personIdentifier();
    if (requester.destination().isPresent()) {
      national =
          new PersonIdentifier(national.origin(), requester.destination().get(), national.value());
    }
    if (requester.identifierPolicy() == IdentifierPolicy.NATIONAL_NUMBER) {
      return national;
    }
    return requester.pseudonymAudience().isPresent()
        ? pseudonyms.pseudonymizeFor(national, requester.pseudonymAudience().get())
        : pseudonyms.pseudonymize(national);
  }

  /**
   * The ID token's claims: everything, or for a client whose ID tokens carry no personal data (its
   * ID token travels back in logout URLs as {@code id_token_hint}) only {@code sub}, {@code acr},
   * {@code amr}, {@code auth_time} and the personal claims its {@code claims} parameter asked for
   * in the ID token; the rest it reads at userinfo.
   */
  public Map<String, Object> inIdToken(
      CommonIdentity identity,
      ClientRegistration client,
      String method,
      RequestedClaims requested) {
    Map<String, Object> all = all(identity, client, method, requested);
    if (!client.minimalIdToken()) {
      return all;
    }
    all.keySet()
        .removeIf(
            claim ->
                !ALWAYS_IN_MINIMAL_ID_TOKENS.contains(claim)
                    && !requested.inIdToken().contains(claim.split("#", 2)[0]));
    return all;
  }

  /** What even a minimal ID token carries: no personal data. */
  private static final Set<String> ALWAYS_IN_MINIMAL_ID_TOKENS =
      Set.of("sub", "acr", "amr", "auth_time");

  /** Everything: {@code sub}, the personal claims, {@code acr}, {@code amr}, {@code auth_time}. */
  public Map<String, Object> all(
      CommonIdentity identity,
      ClientRegistration client,
      String method,
      RequestedClaims requested) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", subjects.of(client.id(), identity.personIdentifier()));
    Map<String, Object> personal = personal(identity, client);
    claims.putAll(personal);
    claims.put("acr", identity.levelOfAssurance().uri());
    claims.put("amr", List.of(method));
    claims.put("auth_time", identity.authenticationInstant().getEpochSecond());
    if (requested.verified()) {
      Map<String, Object> verification = new LinkedHashMap<>();
      verification.put("trust_framework", "eidas");
      verification.put(
          "assurance_level", identity.levelOfAssurance().name().toLowerCase(Locale.ROOT));
      verification.put("time", identity.authenticationInstant().toString());
      claims.put("verified_claims", Map.of("verification", verification, "claims", personal));
    }
    return claims;
  }

  private static void name(Map<String, Object> claims, String claim, PersonName name) {
    claims.put(claim, name.latin());
    name.nativeForm()
        .ifPresent(
            value ->
                claims.put(claim + "#" + name.nativeScript().orElseThrow().languageTag(), value));
  }
}
