package eu.mostbridge.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A synthetic citizen a simulator can log in as. Names are in the national script; the simulator
 * sends what the real national eID would (Cyrillic, sometimes a Latin form), never transliterating
 * itself: that is the adapter's job under test.
 *
 * @param id a stable short id, for example {@code bg-maria}
 * @param country {@code BG} or {@code MK}
 * @param identifierType {@code EGN}, {@code LNCH} or {@code EMBG}
 * @param identifier the synthetic national number
 * @param givenName given name in the national script
 * @param middleName father's name (Bulgarian), or null
 * @param familyName family name in the national script
 * @param latinName the whole name in Latin as the national eID would send it, or null
 * @param birthFamilyName family name at birth, or null
 * @param dateOfBirth date of birth
 * @param gender {@code male} or {@code female}
 * @param level the highest level of assurance the persona's credential reaches: {@code low}, {@code
 *     substantial} or {@code high}
 * @param placeOfBirth place of birth, or null
 * @param address residence address, or null
 * @param email e-mail, or null
 * @param phone phone number, or null
 * @param loginMethod how the persona logs in at eAuth when it is not the eID card: {@code nap-pik}
 *     (the revenue agency's PIK: eAuth sends a placeholder instead of the name) or {@code
 *     certificate} (a qualified certificate: eAuth sends its Latin CN as the name); null otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Persona(
    String id,
    String country,
    String identifierType,
    String identifier,
    String givenName,
    String middleName,
    String familyName,
    String latinName,
    String birthFamilyName,
    LocalDate dateOfBirth,
    String gender,
    String level,
    String placeOfBirth,
    String address,
    String email,
    String phone,
    String loginMethod) {

  /** The levels in order, to compare with a requested one. */
  public static int rank(String level) {
    return switch (level.toLowerCase(Locale.ROOT)) {
      case "low" -> 1;
      case "substantial" -> 2;
      case "high" -> 3;
      default -> throw new IllegalArgumentException("Unknown level " + level);
    };
  }

  /** Whether the persona can log in where {@code requested} is required. */
  public boolean reaches(String requested) {
    return rank(level) >= rank(requested);
  }

  /** Given, middle and family names joined, as one string. */
  public String fullName() {
    return middleName == null
        ? givenName + " " + familyName
        : givenName + " " + middleName + " " + familyName;
  }
}
