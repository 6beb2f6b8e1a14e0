package eu.mostbridge.broker.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import eu.mostbridge.bg.identifier.Egn;
import eu.mostbridge.bg.identifier.Lnch;
import eu.mostbridge.identity.InvalidIdentifierException;
import eu.mostbridge.identity.PersonIdentifier;
import eu.mostbridge.identity.identifier.SemanticsIdentifier;
import eu.mostbridge.mk.identifier.Embg;
import eu.mostbridge.mk.identifier.RegionPolicy;

/**
 * The identifier parsers on arbitrary text: each either parses or throws its typed {@link
 * InvalidIdentifierException}; anything else (a crash, another exception, a hang) is a finding.
 */
class IdentifierFuzzTest {
  @FuzzTest
  void identifierParsersOnlyRefuseWithTheirTypedError(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    parse(() -> Egn.parse(text));
    parse(() -> Lnch.parse(text));
    parse(() -> Embg.parse(text));
    parse(() -> Embg.parse(text, RegionPolicy.ANY_REGION));
    parse(() -> PersonIdentifier.parse(text));
    parse(() -> SemanticsIdentifier.parse(text));
  }

  private static void parse(Runnable parser) {
    try {
      parser.run();
    } catch (InvalidIdentifierException expected) {
      // the documented refusal
    }
  }
}
