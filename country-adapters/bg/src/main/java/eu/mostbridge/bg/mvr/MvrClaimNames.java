package eu.mostbridge.bg.mvr;

import java.util.Objects;

/**
 * The names of the MVR eID's claims. {@link #PUBLIC_CODE} are those of its public code (eID PDEAU
 * {@code Claims.cs}); each can be configured, since the public code is not proof of production.
 *
 * @param identifier the national number ({@code citizen_identifier})
 * @param identifierType {@code EGN} or {@code LNCh} ({@code citizen_identifier_type})
 * @param givenName given name in Latin ({@code given_name})
 * @param middleName father's name in Latin ({@code middle_name})
 * @param familyName family name in Latin ({@code family_name})
 * @param givenNameCyrillic ({@code given_name_cyrillic})
 * @param middleNameCyrillic ({@code middle_name_cyrillic})
 * @param familyNameCyrillic ({@code family_name_cyrillic})
 * @param dateOfBirth {@code YYYY-MM-DD} ({@code date_of_birth}; OpenID Connect's {@code birthdate}
 *     is read when this is absent)
 * @param gender ({@code gender})
 */
public record MvrClaimNames(
    String identifier,
    String identifierType,
    String givenName,
    String middleName,
    String familyName,
    String givenNameCyrillic,
    String middleNameCyrillic,
    String familyNameCyrillic,
    String dateOfBirth,
    String gender) {
  /** As the MVR eID's public code names them. */
  public static final MvrClaimNames PUBLIC_CODE =
      new MvrClaimNames(
          "citizen_identifier",
          "citizen_identifier_type",
          "given_name",
          "middle_name",
          "family_name",
          "given_name_cyrillic",
          "middle_name_cyrillic",
          "family_name_cyrillic",
          "date_of_birth",
          "gender");

  public MvrClaimNames {
    for (String name :
        new String[] {
          identifier,
          identifierType,
          givenName,
          middleName,
          familyName,
          givenNameCyrillic,
          middleNameCyrillic,
          familyNameCyrillic,
          dateOfBirth,
          gender
        }) {
      Objects.requireNonNull(name, "claim name");
      if (name.isBlank() || name.length() > 100) {
        throw new IllegalArgumentException("An MVR claim name must be 1 to 100 characters");
      }
    }
  }
}
