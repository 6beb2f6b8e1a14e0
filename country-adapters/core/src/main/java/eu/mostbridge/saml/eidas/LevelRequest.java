package eu.mostbridge.saml.eidas;

import eu.mostbridge.identity.LevelOfAssurance;
import java.util.List;
import java.util.Objects;

/**
 * The levels a connector asked for: {@code minimum} one notified level (or stronger), or {@code
 * exact} any of the listed levels, as non-notified schemes are asked.
 *
 * @param comparison how the levels compare
 * @param levels the levels requested, in request order
 */
public record LevelRequest(Comparison comparison, List<EidasLevel> levels) {
  public LevelRequest {
    Objects.requireNonNull(comparison, "comparison");
    levels = List.copyOf(levels);
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("No level requested");
    }
  }

  /** The two comparisons the eIDAS profile allows. */
  public enum Comparison {
    MINIMUM,
    EXACT
  }

  /** Whether an answer at {@code achieved} satisfies the request. */
  public boolean accepts(EidasLevel achieved) {
    return switch (comparison) {
      case MINIMUM ->
          achieved.notified() == levels.get(0).notified()
              && achieved.level().satisfies(levels.get(0).level());
      case EXACT -> levels.contains(achieved);
    };
  }

  /**
   * What to ask a national eID for at least: the weakest of {@code reachable} (an identity
   * provider's levels, one family) that the request accepts, if any.
   */
  public java.util.Optional<LevelOfAssurance> weakestOf(List<EidasLevel> reachable) {
    return reachable.stream().filter(this::accepts).map(EidasLevel::level).min(Enum::compareTo);
  }
}
