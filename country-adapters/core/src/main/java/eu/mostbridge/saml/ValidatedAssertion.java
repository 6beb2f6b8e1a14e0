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
 */
public record ValidatedAssertion(
    String issuer,
    Optional<String> nameId,
    Instant authenticationInstant,
    List<String> authnContextClassRefs,
    Map<String, List<String>> attributes,
    Set<AlgorithmPolicy.Relaxation> relaxations) {
  public ValidatedAssertion {
    authnContextClassRefs = List.copyOf(authnContextClassRefs);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    attributes.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    attributes = Collections.unmodifiableMap(copy);
    relaxations = Set.copyOf(relaxations);
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
