package eu.mostbridge.mk.identifier;

import eu.mostbridge.identity.Gender;
import java.time.LocalDate;
import java.util.random.RandomGenerator;

/**
 * Makes synthetic, checksum-valid EMBGs for tests from a random date, region and serial: never a
 * real person's number. Written apart from {@link Embg} so a shared bug cannot hide.
 */
final class SyntheticEmbg {
  private SyntheticEmbg() {}

  static LocalDate randomBirthDate(RandomGenerator random) {
    long first = LocalDate.of(1800, 1, 1).toEpochDay();
    long last = LocalDate.of(2099, 12, 31).toEpochDay();
    return LocalDate.ofEpochDay(random.nextLong(first, last + 1));
  }

  /** A valid EMBG, drawing serials until the check value is not the unusable 10. */
  static String of(LocalDate date, int region, Gender gender, RandomGenerator random) {
    while (true) {
      int serial = random.nextInt(500) + (gender == Gender.MALE ? 0 : 500);
      String body =
          String.format(
              "%02d%02d%03d%02d%03d",
              date.getDayOfMonth(), date.getMonthValue(), date.getYear() % 1000, region, serial);
      int check = check(body);
      if (check >= 0) {
        return body + check;
      }
    }
  }

  /** The check digit of twelve digits, or -1 when the rule yields 10. */
  static int check(String twelve) {
    int total = 0;
    for (int i = 0; i < 6; i++) {
      int weight = 7 - i;
      total += weight * (digit(twelve, i) + digit(twelve, i + 6));
    }
    int m = 11 - total % 11;
    return m == 10 ? -1 : m % 11;
  }

  private static int digit(String s, int index) {
    return s.charAt(index) - '0';
  }
}
