package eu.mostbridge.identity.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.identity.CountryCode;
import eu.mostbridge.identity.PersonIdentifier;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonIdentifierPseudonymizerTest {
  private static final byte[] KEY_BYTES = new byte[32];

  static {
    for (int i = 0; i < KEY_BYTES.length; i++) {
      KEY_BYTES[i] = (byte) i;
    }
  }

  private final PseudonymKey k1 = new PseudonymKey("k1", KEY_BYTES);
  private final PersonIdentifierPseudonymizer pseudonymizer =
      new PersonIdentifierPseudonymizer(k1, List.of());

  /**
   * Pins the documented format so a change of it cannot pass unnoticed: the expected value was
   * computed outside Java (Python's hmac module) as HMAC-SHA-256 with the key bytes 0..31 over
   * "most/person-identifier-pseudonym/v1" NUL "BG" NUL "7501020018".
   */
  @Test
  void matchesTheDocumentedConstruction() {
    PersonIdentifier pseudonym =
        pseudonymizer.pseudonymize(PersonIdentifier.parse("BG/MK/7501020018"));

    assertThat(pseudonym.toEidasForm())
        .isEqualTo("BG/MK/k1.73323a9c16c0b732f421d3b62cedac61fd704466e10320be181aaf8a3f159d01");
  }

  @Test
  void isStableAndIndependentOfTheDestination() {
    PersonIdentifier forMk = pseudonymizer.pseudonymize(PersonIdentifier.parse("BG/MK/7501020018"));
    PersonIdentifier again = pseudonymizer.pseudonymize(PersonIdentifier.parse("BG/MK/7501020018"));
    PersonIdentifier forDe = pseudonymizer.pseudonymize(PersonIdentifier.parse("BG/DE/7501020018"));

    assertThat(again).isEqualTo(forMk);
    assertThat(forDe.value()).isEqualTo(forMk.value());
    assertThat(forDe.destination()).isEqualTo(CountryCode.of("DE"));
  }

  @Test
  void differsByNumberByOriginAndByKey() {
    Set<String> values = new HashSet<>();
    values.add(pseudonymizer.pseudonymize(PersonIdentifier.parse("BG/MK/7501020018")).value());
    values.add(pseudonymizer.pseudonymize(PersonIdentifier.parse("BG/MK/7501020019")).value());
    values.add(pseudonymizer.pseudonymize(PersonIdentifier.parse("MK/MK/7501020018")).value());
    byte[] other = KEY_BYTES.clone();
    other[0] = 1;
    values.add(
        new PersonIdentifierPseudonymizer(new PseudonymKey("k1", other), List.of())
            .pseudonymize(PersonIdentifier.parse("BG/MK/7501020018"))
            .value());

    assertThat(values).hasSize(4).allMatch(v -> v.matches("k1\\.[0-9a-f]{64}"));
  }

  @Test
  void rotationKeepsThePreviousPseudonymsComputable() {
    PseudonymKey k2 = new PseudonymKey("k2", new byte[32]);
    PersonIdentifierPseudonymizer rotated = new PersonIdentifierPseudonymizer(k2, List.of(k1));
    PersonIdentifier national = PersonIdentifier.parse("BG/MK/7501020018");

    assertThat(rotated.pseudonymize(national).value()).startsWith("k2.");
    assertThat(rotated.previousPseudonyms(national))
        .containsExactly(pseudonymizer.pseudonymize(national));
  }

  @Test
  void refusesWeakKeysAndAmbiguousRings() {
    assertThatThrownBy(() -> new PseudonymKey("k1", new byte[31]))
        .hasMessageContaining("at least 32");
    assertThatThrownBy(() -> new PseudonymKey("K 1", KEY_BYTES)).hasMessageContaining("key id");
    assertThatThrownBy(() -> PseudonymKey.fromBase64("k1", "not base64!"))
        .hasMessageContaining("not valid Base64");
    assertThatThrownBy(() -> new PersonIdentifierPseudonymizer(k1, List.of(k1)))
        .hasMessageContaining("current key's id");
  }

  @Test
  void readsKeysFromStandardAndUrlSafeBase64AndNeverPrintsThem() {
    byte[] secret = new byte[32];
    secret[5] = (byte) 0xfb; // forces '+' or '-' in the encodings
    secret[8] = (byte) 0xff;
    PseudonymKey standard =
        PseudonymKey.fromBase64("k9", Base64.getEncoder().encodeToString(secret));
    PseudonymKey urlSafe =
        PseudonymKey.fromBase64(
            "k9", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));

    assertThat(urlSafe).isEqualTo(standard);
    assertThat(standard.toString()).isEqualTo("PseudonymKey[k9]");
  }
}
