package eu.mostbridge.bg.identifier;

import eu.mostbridge.identity.Gender;
import java.time.LocalDate;
import java.util.random.RandomGenerator;

/**
 * Makes synthetic, checksum-valid EGNs for tests: never a real person's number taken from anywhere,
 * only arithmetic on a random date and serial. Written independently of {@link Egn} (different
 * structure, same published rule) so a bug in one does not hide in the other.
 */
final class SyntheticEgn {
  private SyntheticEgn() {}

  static LocalDate randomBirthDate(RandomGenerator random) {
    long first = LocalDate.of(1800, 1, 1).toEpochDay();
    long last = LocalDate.of(2099, 12, 31).toEpochDay();
    return LocalDate.ofEpochDay(random.nextLong(first, last + 1));
  }

  static String of(LocalDate date, Gender gender, RandomGenerator random) {
    int centuryOffset =
        switch (date.getYear() / 100) {
          case 18 -> 20;
          case 19 -> 0;
          case 20 -> 40;
          default -> throw new IllegalArgumentException("EGN covers 1800-2099");
        };
    int serialHigh = random.nextInt(100);
    int parity = gender == Gender.MALE ? 0 : 1;
    int serialLast = 2 * random.nextInt(5) + parity;
    String body =
        String.format(
            "%02d%02d%02d%02d%d",
            date.getYear() % 100,
            date.getMonthValue() + centuryOffset,
            date.getDayOfMonth(),
            serialHigh,
            serialLast);
    return body + check(body);
  }

  static int check(String nineDigits) {
    int[] weights = {2, 4, 8, 5, 10, 9, 7, 3, 6};
    int total = 0;
    for (int i = 8; i >= 0; i--) {
      total += Character.digit(nineDigits.charAt(i), 10) * weights[i];
    }
    return (total % 11) % 10; // 10 is written 0
  }
}
