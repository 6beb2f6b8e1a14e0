package eu.mostbridge.saml;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a fully validated SAML response says: only produced by {@link SamlResponseValidator} after
 * every rule passed. Attribute values are the whole text of each value element, keyed by the
 * attribute's Name (NameFormat spellings vary between peers; names do not).
 *
 * @param issuer the IdP entity ID
 * @param nameId the subject's NameID value, if any
 * @param authenticationInstant the AuthnStatement's AuthnInstant
 * @param authnContextClassRefs the AuthnContextClassRef of each AuthnStatement
 * @param attributes attribute Name to its values, in document order
 * @param relaxations the algorithm relaxations in force for this IdP, for the audit event
 * @param responseSigned whether the Response itself carried a signature that verified (not only its
 *     assertion)
 * @param nameIdFormat the subject's NameID Format, if stated
 * @param nonLatinValues by attribute Name, the positions of the values marked {@code
 *     LatinScript="false"} (eIDAS: the native-script form of a transliterated name), in the
 *     namespace-qualified form the EU node writes or the unqualified one of the specification
 */
public record ValidatedAssertion(
    String issuer,
    Optional<String> nameId,
    Instant authenticationInstant,
    List<String> authnContextClassRefs,
    Map<String, List<String>> attributes,
    Set<AlgorithmPolicy.Relaxation> relaxations,
    boolean responseSigned,
    Optional<String> nameIdFormat,
    Map<String, Set<Integer>> nonLatinValues) {
  public ValidatedAssertion {
    authnContextClassRefs = List.copyOf(authnContextClassRefs);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    attributes.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    attributes = Collections.unmodifiableMap(copy);
    relaxations = Set.copyOf(relaxations);
    java.util.Objects.requireNonNull(nameIdFormat, "nameIdFormat");
    nonLatinValues = Map.copyOf(nonLatinValues);
  }

  /** An assertion read without the eIDAS details (a signed Response, no script marks). */
  public ValidatedAssertion(
      String issuer,
      Optional<String> nameId,
      Instant authenticationInstant,
      List<String> authnContextClassRefs,
      Map<String, List<String>> attributes,
      Set<AlgorithmPolicy.Relaxation> relaxations) {
    this(
        issuer,
        nameId,
        authenticationInstant,
        authnContextClassRefs,
        attributes,
        relaxations,
        true,
        Optional.empty(),
        Map.of());
  }

  /** The single value of an attribute; empty if absent. */
  public Optional<String> single(String name) {
    List<String> values = attributes.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Redacted: attribute values are personal data. */
  @Override
  public String toString() {
    return "ValidatedAssertion[issuer=" + issuer + ", attributes=" + attributes.keySet() + "]";
  }
}
